// The dashboard's HTML: server-rendered, read-only, no script. Mobile first (one column at 390 px,
// wider tables scroll inside their box); every light is a coloured dot AND its word. Charts are the
// same ECharts definitions as the chat PNGs, inlined as SVG (the browser draws the text).
import type { Light } from "../domain/monitoring/lights.js";
import { LIGHT_COLOR, LIGHT_ORDER, LIGHT_WORD } from "../charts/light-style.js";
import type { DashboardJson, GroupJson, IndicatorJson } from "./model.js";

export const esc = (s: unknown): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f5f6f7}
header{background:#1f3a5f;color:#fff;padding:14px 16px}header h1{margin:0;font-size:19px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{max-width:1080px;margin:0 auto;padding:12px}section.box{background:#fff;border-radius:8px;padding:14px;margin:0 0 12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:17px;margin:0 0 10px}h3{font-size:15px;margin:14px 0 6px}a{color:#1d5fbf}
.chip{display:inline-flex;align-items:center;gap:5px;white-space:nowrap;font-size:13px;font-weight:600;padding:1px 8px;border-radius:10px;border:1px solid currentColor}
.chip i{width:10px;height:10px;border-radius:50%;background:currentColor;display:inline-block}
${LIGHT_ORDER.map((l) => `.l-${l}{color:${LIGHT_COLOR[l]}}`).join("")}
.counts{font-size:13px;color:#646a73}.counts span{margin-right:8px}
ul.list{list-style:none;margin:0;padding:0}ul.list li{display:flex;justify-content:space-between;align-items:center;gap:8px;padding:8px 0;border-bottom:1px solid #eef0f2;flex-wrap:wrap}
ul.list li:last-child{border-bottom:0}.name{flex:1 1 180px;min-width:0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:6px 8px;border-bottom:1px solid #eef0f2;text-align:left;vertical-align:top}th{background:#f7f8fa;font-weight:600;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}.scroll td:first-child{min-width:8em}.muted{color:#646a73;font-size:13px}.chart{overflow-x:auto}.chart svg{max-width:100%;height:auto;display:block}
@media (max-width:600px){.chart svg{min-width:600px}}
.buttons{display:flex;gap:10px;flex-wrap:wrap}.btn{display:inline-block;background:#1d5fbf;color:#fff;text-decoration:none;padding:9px 14px;border-radius:6px;font-size:14px}
.ind{border-top:1px solid #eef0f2;padding:10px 0}.ind:first-child{border-top:0}.ind .top{display:flex;justify-content:space-between;gap:8px;align-items:flex-start}
.crumbs{font-size:13px;margin:0 0 10px}
`;

export function layout(title: string, subtitle: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header><main>${body}</main></body></html>`;
}

export function chip(light: Light): string {
  return `<span class="chip l-${light}" data-light="${light}"><i aria-hidden="true"></i>${LIGHT_WORD[light]}</span>`;
}

function counts(g: Pick<GroupJson, "counts">): string {
  return `<span class="counts">${LIGHT_ORDER.filter((l) => g.counts[l] > 0).map((l) => `<span>${LIGHT_WORD[l]} ${g.counts[l]}</span>`).join("")}</span>`;
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? "—" : `${x >= 0 ? "+" : ""}${x.toFixed(2)}`);

export function subtitleOf(d: DashboardJson): string {
  return `${d.year}年 · 数据截至${d.throughMonth}月 · 时间进度 ${pct(d.t)} · ${d.scope.all ? "全局" : (d.scope.section ?? "")}（只读）`;
}

export function homePage(d: DashboardJson, link: (path: string) => string, charts: { bureau?: string; budget?: string; section?: string }): string {
  const parts: string[] = [];
  if (d.bureau) {
    parts.push(`<section class="box" id="bureau"><h2>全局 ${chip(d.bureau.light)}</h2><p>${counts(d.bureau)}　共 ${d.bureau.indicators} 项指标</p>
${charts.bureau ? `<div class="chart">${charts.bureau}</div>` : ""}</section>`);
  }
  parts.push(`<section class="box" id="sections"><h2>${d.scope.all ? "各科室（按目标表顺序）" : "本科室"}</h2><ul class="list">${d.sections
    .map((s) => `<li data-section-id="${s.id}"><span class="name">${esc(s.name)}</span>${counts(s)}${chip(s.light)}</li>`).join("")}</ul>
${charts.section ? `<div class="chart">${charts.section}</div>` : ""}</section>`);
  parts.push(`<section class="box" id="duties"><h2>按职责查看</h2><ul class="list">${d.duties
    .map((x) => `<li data-duty="${x.index}"><a class="name" href="${esc(link(`/dashboard/duty/${x.index}`))}">${esc(x.name)}</a>${counts(x)}${chip(x.light)}</li>`).join("")}</ul></section>`);
  if (d.budget) {
    const b = d.budget;
    parts.push(`<section class="box" id="budget"><h2>预算执行进度 ${chip(b.total.light)}</h2>
<p>合计执行 ${esc(b.total.spent)} / ${esc(b.total.budget)} 万元，执行率 ${pct(b.total.rate)}，比时间进度 ${signed(b.total.pointsVsTime)} 个百分点</p>
${b.mismatches.map((m) => `<p class="muted">⚠ 表头与项目合计不一致：${esc(m)}</p>`).join("")}
${charts.budget ? `<div class="chart">${charts.budget}</div>` : ""}
<div class="scroll"><table><thead><tr><th>项目</th><th>预算（万元）</th><th>累计支出</th><th>执行率</th><th>比时间进度±</th><th>灯</th></tr></thead><tbody>${b.projects
      .map((p) => `<tr data-project="${esc(p.name)}"><td>${esc(p.name)}<div class="muted">${esc(p.category)}</div></td><td class="num">${esc(p.budget)}</td><td class="num">${p.spent ?? "—"}</td><td class="num">${pct(p.rate)}</td><td class="num">${signed(p.pointsVsTime)}</td><td>${chip(p.light)}</td></tr>`).join("")}</tbody></table></div></section>`);
  }
  if (d.round) {
    parts.push(`<section class="box" id="reasons"><h2>${esc(d.round.label)}：偏差原因</h2>${d.round.reasons.length === 0 ? `<p class="muted">本轮暂无填报的偏差原因。</p>` : `<div class="scroll"><table><thead><tr><th>指标</th><th>科室</th><th>原因</th><th>完成可能性</th><th>全年预计</th></tr></thead><tbody>${d.round.reasons
      .map((r) => `<tr><td>${esc(r.indicator)}</td><td>${esc(r.section)}</td><td>${esc([r.cause, r.text].filter(Boolean).join("：") || "—")}</td><td>${esc(r.likelihood ?? "—")}</td><td class="num">${r.expectedValue ?? "—"}</td></tr>`).join("")}</tbody></table></div>`}</section>`);
  }
  if (d.scope.all) {
    parts.push(`<section class="box" id="downloads"><h2>正式表格</h2><div class="buttons">
<a class="btn" id="dl-monitoring" href="${esc(link("/dashboard/file/monitoring"))}" download>下载绩效运行监控表（1–${d.throughMonth}月）</a>
<a class="btn" id="dl-self-evaluation" href="${esc(link("/dashboard/file/self-evaluation"))}" download>下载部门整体支出绩效自评表</a></div></section>`);
  }
  return layout("绩效看板", subtitleOf(d), parts.join("\n"));
}

function indicatorBlock(i: IndicatorJson, link: (path: string) => string): string {
  const need = i.perMonth ? `还需每月约 ${i.perMonth}${esc(i.unit ?? "")}` : i.remaining === 0 ? "已达年度目标" : "";
  return `<div class="ind" data-indicator-id="${i.id}"><div class="top"><a class="name" href="${esc(link(`/dashboard/indicator/${i.id}`))}">${esc(i.name)}</a>${chip(i.light)}</div>
<div class="muted">${esc(i.section)} · 年度指标值 ${esc(i.target)}</div>
<div>完成 <b class="actual">${esc(i.actual || "未报")}</b>${i.ratio !== null ? ` · 完成度 ${Math.round(i.ratio * 100)}%` : ""}${i.remaining ? ` · 距目标还差 ${i.remaining}${esc(i.unit ?? "")}` : ""}${need ? ` · ${need}` : ""}${i.note ? ` · <span class="muted">${esc(i.note)}</span>` : ""}</div></div>`;
}

export function dutyPage(d: DashboardJson, duty: DashboardJson["duties"][number], link: (path: string) => string): string {
  const body = `<p class="crumbs"><a href="${esc(link("/dashboard"))}">看板</a> › ${esc(duty.name)}</p>
<section class="box"><h2>${esc(duty.name)} ${chip(duty.light)}</h2><p>${counts(duty)}</p></section>
${duty.goals.map((g) => `<section class="box" data-goal="${esc(g.name)}"><h3>${esc(g.name)} ${chip(g.light)}</h3>${g.indicators.map((i) => indicatorBlock(i, link)).join("")}</section>`).join("\n")}`;
  return layout(duty.name, subtitleOf(d), body);
}

export function indicatorPage(d: DashboardJson, duty: DashboardJson["duties"][number], goal: string, i: IndicatorJson, link: (path: string) => string, chart: string | null): string {
  const months = i.monthly.values.map((_, k) => k + 1);
  const body = `<p class="crumbs"><a href="${esc(link("/dashboard"))}">看板</a> › <a href="${esc(link(`/dashboard/duty/${duty.index}`))}">${esc(duty.name)}</a> › ${esc(goal)}</p>
<section class="box">${indicatorBlock(i, link)}</section>
${chart ? `<section class="box"><div class="chart">${chart}</div></section>` : ""}
<section class="box"><h2>逐月数据</h2><div class="scroll"><table id="monthly"><thead><tr><th>月份</th>${months.map((m) => `<th>${m}月</th>`).join("")}</tr></thead><tbody>
<tr><th>累计完成</th>${i.monthly.values.map((v) => `<td class="num">${v ?? "—"}</td>`).join("")}</tr>
<tr><th>进度线</th>${i.monthly.pace.map((v) => `<td class="num">${v ?? "—"}</td>`).join("")}</tr></tbody></table></div></section>`;
  return layout(i.name, subtitleOf(d), body);
}

const REASONS: Record<string, string> = {
  expired: "链接已过期（看板链接有效期 24 小时，下载链接 30 分钟）。请在聊天中重新发送“看板”获取新链接。",
  tampered: "链接无效：签名校验未通过。请使用机器人发给您的原始链接。",
  malformed: "链接无效。请在聊天中发送“看板”获取链接。",
  scope: "您没有查看该内容的权限：看板链接只能查看您所在科室的指标。",
};

/** The Chinese 403 page (expired, tampered, other section). */
export function forbiddenPage(reason: keyof typeof REASONS | string): string {
  return layout("无法访问", "绩效看板", `<section class="box" id="forbidden"><h2>403 · 无法访问</h2><p>${esc(REASONS[reason] ?? REASONS.malformed)}</p></section>`);
}
