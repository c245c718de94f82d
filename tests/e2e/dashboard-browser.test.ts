// The dashboard (issue 14) in headless Chromium on the 2021 demo data (demo fill through 2021-10,
// business time 2021-11-15): "看板" in the local web chat gives a link; the page's lights and
// numbers equal the JSON API's; a drill-down bureau → duty → indicator; a table download; screenshots
// at desktop and phone width into docs/images/; expired, tampered and other-section links get the
// Chinese 403 page. The server parts are the real ones (bot, web chat, dashboard router, PGlite).
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { dashboardChat } from "../../src/dashboard/chat-port.js";
import { createHttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { createLocalChannel } from "../../src/platforms/local/channel.js";
import { newAccessKey } from "../../src/platforms/local/access-key.js";
import { createDashboardLinks } from "../../src/dashboard/links.js";
import { dashboardRouter } from "../../src/dashboard/router.js";
import { createLinkSigner, DASHBOARD_TTL_S } from "../../src/dashboard/signed-link.js";
import type { DashboardJson } from "../../src/dashboard/model.js";
import { demoFill } from "../../src/monitoring/demo.js";
import { loadMonitoringSettings } from "../../src/monitoring/settings.js";
import { LIGHT_WORD } from "../../src/charts/light-style.js";
import { browserSkipReason, closeBrowserAndServer, launchChromium, sayInWebChat, type Browser } from "../helpers/browser.js";
import { seededDatabase } from "../helpers/seeded.js";
import type { TestDatabase } from "../helpers/engines.js";
import { ROOT } from "../helpers/spawn.js";

const skip = browserSkipReason();
if (skip) console.warn(`dashboard e2e skipped: ${skip}`);
const IMAGES = path.join(ROOT, "docs/images");
const SECRET = "test-dashboard-secret-0123456789abcdef";

describe.skipIf(skip !== null)("dashboard in headless Chromium on the 2021 demo data", () => {
  let db: TestDatabase;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base = "";
  let adminId: number;
  let staff: { id: number; sectionId: number };
  let dashboardUrl = "";
  const signer = createLinkSigner(SECRET);

  beforeAll(async () => {
    db = await seededDatabase("pglite");
    const clock = fixedClock("2021-11-15T10:00:00+08:00");
    await demoFill(db, loadMonitoringSettings(), clock.now(), 2021, 10);
    adminId = (await db.prisma.user.findFirstOrThrow({ where: { role: "admin" } })).id;
    const s = await db.prisma.user.findFirstOrThrow({ where: { role: "staff", section: { code: { not: loadMonitoringSettings().financeSection } } } });
    staff = { id: s.id, sectionId: s.sectionId! };
    const links = createDashboardLinks(signer, () => base);
    const bot = createBot({ ports: createTurnPorts({ db: db, log: silentLogger, dashboard: dashboardChat(links) }), db, clock, log: silentLogger });
    const accessKey = newAccessKey();
    const channel = createLocalChannel({ bot, db, clock, log: silentLogger, accessKey });
    const http = createHttpServer({ log: silentLogger, routers: [channel.router!, dashboardRouter({ db, clock, signer, log: silentLogger })] });
    server = await http.listen(0, "127.0.0.1");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(`${base}/?k=${accessKey}`);
    mkdirSync(IMAGES, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await closeBrowserAndServer(browser, server);
    await db?.dispose();
  });

  const say = (text: string) => sayInWebChat(page, text);

  it("gives the admin a 看板 link in the web chat", async () => {
    await page.click(`[data-user-id="${adminId}"]`);
    await say("看板");
    const link = page.locator("#log .card a").filter({ hasText: "/dashboard?k=" }).last();
    await link.waitFor({ timeout: 30_000 });
    dashboardUrl = (await link.getAttribute("href"))!;
    expect(dashboardUrl.startsWith(`${base}/dashboard?k=`)).toBe(true);
    expect(await page.locator("#log .card").last().textContent()).toContain("24 小时");
  }, 60_000);

  it("shows the demo's lights and numbers exactly as the JSON API has them", async () => {
    const started = performance.now();
    const res = await page.goto(dashboardUrl);
    await page.waitForLoadState("load");
    const loadMs = performance.now() - started;
    console.log(`dashboard load on demo data: ${loadMs.toFixed(0)} ms`);
    expect(res?.status()).toBe(200);
    const api = (await (await fetch(dashboardUrl.replace("/dashboard?", "/dashboard/api?"))).json()) as DashboardJson;
    expect(api.throughMonth).toBe(10);
    expect(api.bureau!.indicators).toBe(50);
    // bureau light: colour and word
    const bureau = page.locator("#bureau .chip").first();
    expect(await bureau.getAttribute("data-light")).toBe(api.bureau!.light);
    expect(await bureau.textContent()).toBe(LIGHT_WORD[api.bureau!.light]);
    // sections in the table's order with their lights
    const sections = page.locator("#sections li");
    expect(await sections.count()).toBe(api.sections.length);
    for (let i = 0; i < api.sections.length; i++) {
      const li = sections.nth(i);
      expect(await li.getAttribute("data-section-id")).toBe(String(api.sections[i]!.id));
      expect(await li.locator(".chip").getAttribute("data-light")).toBe(api.sections[i]!.light);
      expect(await li.locator(".chip").textContent()).toBe(api.sections[i]!.word);
    }
    // budget rows
    for (const p of api.budget!.projects) {
      const row = page.locator(`#budget tr[data-project="${p.name}"]`);
      expect(await row.locator(".chip").getAttribute("data-light")).toBe(p.light);
      if (p.spent) expect(await row.textContent()).toContain(p.spent);
    }
    expect(await page.textContent("#budget h2")).toContain(api.budget!.total.word);
    // every light on the page carries its word
    for (const chip of await page.locator(".chip").all()) {
      expect(Object.values(LIGHT_WORD)).toContain((await chip.textContent())!.trim());
    }
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.screenshot({ path: path.join(IMAGES, "dashboard-desktop.png"), fullPage: true });
  }, 60_000);

  it("drills down bureau → duty → indicator with values by month and what is still needed", async () => {
    const api = (await (await fetch(dashboardUrl.replace("/dashboard?", "/dashboard/api?"))).json()) as DashboardJson;
    const duty = api.duties.find((d) => d.goals.some((g) => g.indicators.some((i) => i.perMonth)))!;
    await page.goto(dashboardUrl);
    await page.click(`#duties li[data-duty="${duty.index}"] a`);
    await page.waitForURL(/\/dashboard\/duty\//);
    expect(await page.textContent("h2")).toContain(duty.name);
    const ind = duty.goals.flatMap((g) => g.indicators).find((i) => i.perMonth)!;
    const block = page.locator(`.ind[data-indicator-id="${ind.id}"]`);
    expect(await block.locator(".chip").getAttribute("data-light")).toBe(ind.light);
    expect(await block.locator(".actual").textContent()).toBe(ind.actual);
    expect(await block.textContent()).toContain(`还需每月约 ${ind.perMonth}`);
    await block.locator("a.name").click();
    await page.waitForURL(/\/dashboard\/indicator\//);
    const cells = await page.locator("#monthly tbody tr").first().locator("td").allTextContents();
    expect(cells).toEqual(ind.monthly.values.map((v) => (v === null ? "—" : String(v))));
    expect(await page.locator(".chart svg").count()).toBe(1);
  }, 60_000);

  it("downloads the 绩效运行监控表 from the dashboard's button", async () => {
    await page.goto(dashboardUrl);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#dl-monitoring")]);
    expect(download.suggestedFilename()).toBe("2021年绩效运行监控表（1-10月）.xlsx");
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join(" ");
    expect(text).toContain("值班人次≥800人");
    expect(text).toContain("各类普法教材购买");
  }, 60_000);

  it("fits a phone screen (390 px) without sideways scrolling of the page", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(dashboardUrl);
    const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(Number(overflow)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(IMAGES, "dashboard-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1100, height: 760 });
  }, 60_000);

  it("gives a staff member a link to their own section only; another section is refused in Chinese", async () => {
    const url = createDashboardLinks(signer, () => base).dashboard({ id: staff.id, name: "x", role: "staff", sectionId: staff.sectionId, sectionName: null }, false)!;
    const api = (await (await fetch(url.replace("/dashboard?", "/dashboard/api?"))).json()) as DashboardJson;
    expect(api.bureau).toBeNull();
    expect(api.budget).toBeNull();
    expect(api.sections.map((s) => s.id)).toEqual([staff.sectionId]);
    const other = await db.prisma.indicator.findFirstOrThrow({ where: { sectionId: { not: staff.sectionId } } });
    const res = await page.goto(url.replace("/dashboard?", `/dashboard/indicator/${other.id}?`));
    expect(res?.status()).toBe(403);
    expect(await page.textContent("#forbidden")).toContain("所在科室");
    const file = await fetch(url.replace("/dashboard?", "/dashboard/file/monitoring?"));
    expect(file.status).toBe(403);
  }, 60_000);

  it("refuses a tampered and an expired link with the Chinese 403 page", async () => {
    const token = new URL(dashboardUrl).searchParams.get("k")!;
    const [payload, mac] = token.split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: "all", user: 999 })).toString("base64url");
    const tampered = await page.goto(`${base}/dashboard?k=${forged}.${mac}`);
    expect(tampered?.status()).toBe(403);
    expect(await page.textContent("#forbidden")).toContain("签名校验未通过");
    const later = createLinkSigner(SECRET, () => Date.now() - (DASHBOARD_TTL_S + 60) * 1000);
    const old = later.sign({ kind: "dash", scope: "all", user: adminId }, DASHBOARD_TTL_S);
    const expired = await page.goto(`${base}/dashboard?k=${old}`);
    expect(expired?.status()).toBe(403);
    expect(await page.textContent("#forbidden")).toContain("已过期");
    const none = await page.goto(`${base}/dashboard`);
    expect(none?.status()).toBe(403);
    await page.screenshot({ path: path.join(IMAGES, "dashboard-403.png") });
  }, 60_000);
});
