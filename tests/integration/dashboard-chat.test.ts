// "看板" and "要监控表文件" in the conversation (issue 14 item 3, issue 13 item 6), on both engines:
// the link's scope follows the monitoring answers' rule (admins and the finance section all, staff
// and heads their own section), it verifies with the server's key for 24 h (download links 30 min),
// and a staff member asking for an official table is told who may download it — no link.
import { expect, it } from "vitest";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { dashboardChat } from "../../src/dashboard/chat-port.js";
import { renderAll } from "../../src/conversation/replies/render-text.js";
import { createDashboardLinks } from "../../src/dashboard/links.js";
import { createLinkSigner, DASHBOARD_TTL_S, FILE_TTL_S } from "../../src/dashboard/signed-link.js";
import { silentLogger } from "../../src/logger.js";
import { describeEachEngine } from "../helpers/engines.js";
import { useSeededBot } from "../helpers/bot-fixture.js";
import { message } from "../helpers/conversation.js";

const BASE = "https://jx.example.gov.cn";
let wall = Date.parse("2026-01-10T00:00:00Z");
const signer = createLinkSigner("k".repeat(40), () => wall);
const links = createDashboardLinks(signer, () => BASE);

describeEachEngine("conversation: 看板 and official table links", (engine) => {
  const f = useSeededBot(engine);
  const replies = async (name: string, text: string) => {
    const bot = createBot({ ports: createTurnPorts({ db: f.db, log: silentLogger, dashboard: dashboardChat(links) }), db: f.db, clock: f.clock, log: silentLogger });
    return bot.handle(message({ platform: "local", externalUserId: String(f.id(name)) }, text));
  };
  const ask = async (name: string, text: string) => renderAll(await replies(name, text));
  const tokenIn = (text: string, path: string) => {
    const m = new RegExp(`${BASE.replace(/\./g, "\\.")}${path}\\?k=([A-Za-z0-9_.-]+)`).exec(text);
    expect(m, text).not.toBeNull();
    return m![1]!;
  };

  it("an admin and the finance section get an all-sections link valid 24 hours", async () => {
    for (const name of ["张伟", "杜强"]) {
      const text = await ask(name, "看板");
      expect(text).toContain("24 小时");
      const v = signer.verify(tokenIn(text, "/dashboard"));
      expect(v).toMatchObject({ ok: true, claims: { kind: "dash", scope: "all", user: f.id(name) } });
    }
  });

  it("staff get a link to their own section only, which expires after 24 hours", async () => {
    const user = await f.db.prisma.user.findUniqueOrThrow({ where: { id: f.id("李娜") } });
    const token = tokenIn(await ask("李娜", "打开看板"), "/dashboard");
    expect(signer.verify(token)).toMatchObject({ ok: true, claims: { scope: user.sectionId } });
    wall += (DASHBOARD_TTL_S + 1) * 1000;
    expect(signer.verify(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("the finance section gets a 30-minute download link of the named table; staff are told who may", async () => {
    const text = await ask("潘玉兰", "要自评表文件");
    const v = signer.verify(tokenIn(text, "/dashboard/file/self-evaluation"));
    expect(v).toMatchObject({ ok: true, claims: { kind: "file", table: "self-evaluation", scope: "all" } });
    expect(v.ok && v.claims.exp).toBe(Math.floor(wall / 1000) + FILE_TTL_S);
    const [table] = await replies("张伟", "导出监控表");
    expect(tokenIn(renderAll([table!]), "/dashboard/file/monitoring")).toBeTruthy();
    // the file itself rides along for Feishu's file message: a real xlsx (zip) named like the download
    const attachment = table!.kind === "card" ? table!.card.attachment : undefined;
    expect(attachment?.name).toBe("2021年绩效运行监控表（1-10月）.xlsx");
    expect(Buffer.from(attachment!.base64, "base64").subarray(0, 2).toString()).toBe("PK");
    const refused = await ask("李娜", "要监控表文件");
    expect(refused).toContain("计划财务装备科和管理员");
    expect(refused).not.toContain("/dashboard");
  });

  it("without a dashboard server (CLI chat) both are told, in Chinese, how to get them — no link", async () => {
    const board = renderAll(await f.bot.handle(message({ platform: "local", externalUserId: String(f.id("张伟")) }, "看板")));
    expect(board).toContain("看板需要在服务运行时使用（npm start）");
    expect(board).not.toContain("/dashboard");
    const table = renderAll(await f.bot.handle(message({ platform: "local", externalUserId: String(f.id("张伟")) }, "导出自评表")));
    expect(table).toContain("npm run cli -- export monitoring");
    expect(table).not.toContain("/dashboard");
  });
});
