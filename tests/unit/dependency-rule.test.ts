// The dependency rule (docs/ARCHITECTURE.md) holds for src/, and the check really catches each kind
// of forbidden import: a copy of the rule's three cases in a scratch tree must be reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error — a plain .mjs script without type declarations
import { dependencyViolations } from "../../scripts/check-deps.mjs";

type Violation = { file: string; spec: string; why: string };
const check = dependencyViolations as (root: string) => Violation[];

describe("dependency rule", () => {
  it("src/ has no forbidden import", () => {
    expect(check(join(import.meta.dirname, "..", ".."))).toEqual([]);
  });

  it("reports domain → I/O, conversation → reminders/monitoring/platforms, platform → users/Prisma", () => {
    const root = mkdtempSync(join(tmpdir(), "deps-"));
    const put = (file: string, text: string) => {
      mkdirSync(dirname(join(root, "src", file)), { recursive: true });
      writeFileSync(join(root, "src", file), text);
    };
    try {
      put("domain/rule.ts", 'import { readFileSync } from "node:fs";\nimport { z } from "zod";\nimport { x } from "./other.js";\n');
      put("domain/leak.ts", 'import type { Database } from "../db/client.js";\n');
      put("conversation/handlers/h.ts", 'import { a } from "../../reminders/preferences.js";\nimport { b } from "../../domain/rule.js";\n');
      put("conversation/m.ts", 'export { c } from "../monitoring/chat-answers.js";\nconst p = import("../platforms/feishu/index.js");\n');
      put("platforms/feishu/x.ts", 'import { d } from "../../users/directory.js";\nimport type { PrismaClient } from "@prisma/client";\nimport { e } from "../../messages.js";\n');
      put("generated/prisma/client.ts", 'import "node:fs";\n');
      const found = check(root).map((v) => `${v.file} ${v.spec}`).sort();
      expect(found).toEqual([
        "src/conversation/handlers/h.ts ../../reminders/preferences.js",
        "src/conversation/m.ts ../monitoring/chat-answers.js",
        "src/conversation/m.ts ../platforms/feishu/index.js",
        "src/domain/leak.ts ../db/client.js",
        "src/domain/rule.ts node:fs",
        "src/platforms/feishu/x.ts ../../users/directory.js",
        "src/platforms/feishu/x.ts @prisma/client",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("reports conversation → charts/dashboard, the side doors to monitoring", () => {
    const root = mkdtempSync(join(tmpdir(), "deps-"));
    const put = (file: string, text: string) => {
      mkdirSync(dirname(join(root, "src", file)), { recursive: true });
      writeFileSync(join(root, "src", file), text);
    };
    try {
      put("conversation/handlers/query-progress.ts", 'import { indicatorAnswerChart } from "../../charts/answer-charts.js";\nimport type { ChartsPort } from "../ports.js";\n');
      put("conversation/handlers/index.ts", 'import { dashboardChat } from "../../dashboard/chat-port.js";\n');
      put("turn-ports.ts", 'import { answerCharts } from "./charts/answer-charts.js";\nimport { dashboardNotRunning } from "./dashboard/not-running.js";\n');
      put("dashboard/chat-port.ts", 'import { seesAll } from "../monitoring/chat-answers.js";\nimport { text } from "../conversation/turn.js";\n');
      const found = check(root).map((v) => `${v.file} ${v.spec}`).sort();
      expect(found).toEqual([
        "src/conversation/handlers/index.ts ../../dashboard/chat-port.js",
        "src/conversation/handlers/query-progress.ts ../../charts/answer-charts.js",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
