#!/usr/bin/env node
// The dependency rule as a check (docs/ARCHITECTURE.md "Dependency rule"), over every import and
// export-from (static and dynamic) of src/**/*.ts:
//   - domain/ is pure: it imports only domain/ files and no package but the pure ones in PURE;
//   - conversation/ never imports platforms/, reminders/, monitoring/, budget/, charts/ or dashboard/
//     (it gets them as ports; charts/ and dashboard/ read monitoring/, so importing them would be
//     the same dependency by a side door);
//   - platforms/ never import users/ nor Prisma (generated/prisma, @prisma/*): identity and
//     provisioning are users/directory.ts's, the edges only read their platform.
// Usage: node scripts/check-deps.mjs [root]  → exit 1 and one line per violation.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Packages domain code may use: computation only, no I/O. */
const PURE = new Set(["zod"]);

const RULES = [
  {
    from: "domain/",
    why: "domain is pure (no I/O, nothing of ours outside domain/)",
    forbids: (target) => (target.local ? !target.path.startsWith("domain/") : !PURE.has(target.pkg)),
  },
  {
    from: "conversation/",
    why: "conversation gets platforms, reminders, monitoring, budget, charts and dashboard as ports (conversation/ports.ts)",
    forbids: (target) => target.local && /^(platforms|reminders|monitoring|budget|charts|dashboard)\//.test(target.path),
  },
  {
    from: "platforms/",
    why: "platforms never touch users/ or Prisma (users/directory.ts does identity)",
    forbids: (target) => (target.local ? /^(users|generated\/prisma)\//.test(target.path) : target.pkg.startsWith("@prisma/")),
  },
];

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") yield* tsFiles(p);
    } else if (entry.name.endsWith(".ts")) yield p;
  }
}

/** Every import of `file` (a path relative to src, posix), resolved: {local, path} or {local:false, pkg}. */
function importsOf(srcDir, file) {
  const text = readFileSync(join(srcDir, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith(".")) out.push({ spec, local: true, path: posix.normalize(posix.join(posix.dirname(file), spec)) });
    else out.push({ spec, local: false, pkg: spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0] });
  }
  return out;
}

/** The violations under `root` (the project root): [{file, spec, why}]. */
export function dependencyViolations(root) {
  const srcDir = join(root, "src");
  const found = [];
  for (const abs of tsFiles(srcDir)) {
    const file = relative(srcDir, abs).split(sep).join("/");
    const rules = RULES.filter((r) => file.startsWith(r.from));
    if (!rules.length) continue;
    for (const target of importsOf(srcDir, file)) {
      for (const r of rules) if (r.forbids(target)) found.push({ file: `src/${file}`, spec: target.spec, why: r.why });
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  const violations = dependencyViolations(root);
  for (const v of violations) console.error(`${v.file}: imports ${v.spec} — ${v.why}`);
  if (violations.length) process.exit(1);
  console.log("dependency rule: ok");
}
