#!/usr/bin/env node
// Validates the committed default data: data/goal-table-2021.json and data/org-chart.json.
// Plain Node, no dependencies. Usage: node scripts/check-data.mjs [goal-table.json] [org-chart.json]
// Exits 1 and lists every problem when something is wrong; prints a summary otherwise.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const catalogFile = process.argv[2] ?? path.join(root, "data/goal-table-2021.json");
const orgFile = process.argv[3] ?? path.join(root, "data/org-chart.json");

const problems = [];
const fail = (msg) => problems.push(msg);
const isText = (v) => typeof v === "string" && v.trim() !== "" && v === v.trim();
const isTextOrNull = (v) => v === null || isText(v);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(1);
  }
}

const catalog = readJson(catalogFile);
const org = readJson(orgFile);

// ---------- goal table ----------
if (!isText(catalog.department?.code) || !isText(catalog.department?.name)) fail("department.code/name required");
if (!Number.isInteger(catalog.year)) fail("year must be an integer");
const budget = catalog.budget ?? {};
for (const k of ["total", "fundingFinance", "fundingOther", "basicExpense", "projectExpense"]) {
  if (typeof budget[k] !== "string" || !/^\d+(\.\d{1,2})?$/.test(budget[k])) fail(`budget.${k}: not an amount string: ${budget[k]}`);
}
if (budget.unit !== "万元") fail(`budget.unit should be 万元, is ${budget.unit}`);
const cents = (s) => Math.round(Number(s) * 100);
if (cents(budget.fundingFinance) + cents(budget.fundingOther) !== cents(budget.total)) fail("budget: fundingFinance + fundingOther != total");
if (cents(budget.basicExpense) + cents(budget.projectExpense) !== cents(budget.total)) fail("budget: basicExpense + projectExpense != total");
if (!isText(catalog.strategicGoal)) fail("strategicGoal required");

const REQUIRED = ["code", "duty", "goal", "name", "target"];
const NULLABLE = [
  "group", "explanation", "planValue", "standardValue", "standardSource", "threeYearAverage",
  "lastYearValue", "lastYearSource", "note", "activities", "budgetProject",
];
// Aliases this short/generic would match many indicators.
const TOO_GENERIC = new Set(["培训", "宣传", "考核", "考试", "审查", "调解", "公证", "仲裁", "法援", "普法", "党建", "律师", "执法", "复议", "矫正", "工作", "建设", "管理", "指标"]);

const indicators = Array.isArray(catalog.indicators) ? catalog.indicators : [];
if (indicators.length === 0) fail("indicators: empty");
const codes = new Set();
const aliasOwner = new Map();
const nameOwner = new Map(indicators.map((i) => [i.name, i.code]));
const perSeq = new Map();
indicators.forEach((ind, n) => {
  const at = `indicators[${n}] ${ind.code ?? "?"}`;
  for (const k of REQUIRED) if (!isText(ind[k])) fail(`${at}: ${k} required (non-empty, trimmed string)`);
  for (const k of NULLABLE) {
    if (!(k in ind)) fail(`${at}: ${k} missing (use null)`);
    else if (!isTextOrNull(ind[k])) fail(`${at}: ${k} must be null or a non-empty trimmed string (got ${JSON.stringify(ind[k])})`);
  }
  if (!Number.isInteger(ind.dutySeq) || ind.dutySeq < 1) fail(`${at}: dutySeq must be a positive integer`);
  if (codes.has(ind.code)) fail(`${at}: duplicate code`);
  codes.add(ind.code);
  // 2021-<duty seq 2 digits>-<running number within the duty seq, 2 digits>, in table order
  const run = (perSeq.get(ind.dutySeq) ?? 0) + 1;
  perSeq.set(ind.dutySeq, run);
  const expected = `${catalog.year}-${String(ind.dutySeq).padStart(2, "0")}-${String(run).padStart(2, "0")}`;
  if (ind.code !== expected) fail(`${at}: code should be ${expected}`);
  if (!Array.isArray(ind.aliases) || ind.aliases.length < 1 || ind.aliases.length > 4) fail(`${at}: 1–4 aliases expected`);
  for (const a of ind.aliases ?? []) {
    if (!isText(a)) fail(`${at}: empty alias`);
    if (TOO_GENERIC.has(a)) fail(`${at}: alias "${a}" is too generic`);
    if (aliasOwner.has(a) && aliasOwner.get(a) !== ind.code) fail(`${at}: alias "${a}" also used by ${aliasOwner.get(a)}`);
    aliasOwner.set(a, ind.code);
    if (nameOwner.has(a) && nameOwner.get(a) !== ind.code) fail(`${at}: alias "${a}" is the name of ${nameOwner.get(a)}`);
  }
  if (new Set(ind.aliases ?? []).size !== (ind.aliases ?? []).length) fail(`${at}: repeated alias`);
});
// dutySeq must not go backwards (table order)
for (let n = 1; n < indicators.length; n++) {
  if (indicators[n].dutySeq < indicators[n - 1].dutySeq) fail(`indicators[${n}]: dutySeq goes backwards`);
}

// ---------- org chart ----------
const sections = Array.isArray(org.sections) ? org.sections : [];
if (sections.length === 0) fail("org: no sections");
const sectionCodes = new Set();
const sectionAliases = new Map();
const owner = new Map();
for (const s of sections) {
  const at = `section ${s.code ?? "?"}`;
  if (!isText(s.code) || !/^[\w-]+$/.test(s.code)) fail(`${at}: bad code`);
  if (!isText(s.name)) fail(`${at}: name required`);
  if (sectionCodes.has(s.code)) fail(`${at}: duplicate section code`);
  sectionCodes.add(s.code);
  for (const a of [s.name, ...(s.aliases ?? [])]) {
    if (sectionAliases.has(a) && sectionAliases.get(a) !== s.code) fail(`${at}: name/alias "${a}" also used by ${sectionAliases.get(a)}`);
    sectionAliases.set(a, s.code);
  }
  for (const c of s.indicators ?? []) {
    if (!codes.has(c)) fail(`${at}: owns unknown indicator ${c}`);
    if (owner.has(c)) fail(`${at}: ${c} already owned by ${owner.get(c)}`);
    owner.set(c, s.code);
  }
}
for (const c of codes) if (!owner.has(c)) fail(`indicator ${c} is owned by no section`);
for (const s of sections) if (s.code !== "office" && (s.indicators ?? []).length === 0) fail(`section ${s.code}: owns no indicator`);

const users = Array.isArray(org.users) ? org.users : [];
const userNames = new Set();
const ids = new Map();
for (const u of users) {
  const at = `user ${u.name ?? "?"}`;
  if (!isText(u.name)) fail(`${at}: name required`);
  if (userNames.has(u.name)) fail(`${at}: duplicate user name`);
  userNames.add(u.name);
  if (!["staff", "head", "admin"].includes(u.role)) fail(`${at}: bad role ${u.role}`);
  if (!sectionCodes.has(u.section)) fail(`${at}: section ${u.section} does not exist`);
  if (!/^ou_demo_[\w]+$/.test(u.feishuOpenId ?? "")) fail(`${at}: feishuOpenId should be ou_demo_…`);
  if (!/^demo_[\w]+$/.test(u.dingtalkStaffId ?? "")) fail(`${at}: dingtalkStaffId should be demo_…`);
  for (const id of [`feishu:${u.feishuOpenId}`, `dingtalk:${u.dingtalkStaffId}`]) {
    if (ids.has(id)) fail(`${at}: ${id} also used by ${ids.get(id)}`);
    ids.set(id, u.name);
  }
}
for (const s of sections) {
  const heads = users.filter((u) => u.section === s.code && u.role === "head").length;
  const staff = users.filter((u) => u.section === s.code && u.role === "staff").length;
  if (heads !== 1) fail(`section ${s.code}: ${heads} heads (exactly one expected)`);
  if (staff < 1 || staff > 2) fail(`section ${s.code}: ${staff} staff (1–2 expected)`);
}
const admins = users.filter((u) => u.role === "admin");
if (admins.length < 1) fail("no admin user");

// ---------- report ----------
if (problems.length > 0) {
  console.error(`${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`${path.relative(root, catalogFile)}: ${indicators.length} indicators, ${perSeq.size} duties, year ${catalog.year}`);
console.log(`${path.relative(root, orgFile)}: ${sections.length} sections, ${users.length} users (${admins.length} admin)`);
for (const s of sections) console.log(`  ${s.code.padEnd(22)} ${String((s.indicators ?? []).length).padStart(2)}  ${s.name}`);
console.log(`indicator count: ${indicators.length}`);
