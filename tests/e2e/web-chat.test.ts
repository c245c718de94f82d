// The local web chat as a newcomer uses it, in headless Chromium against the real bot on a seeded
// PGlite database: pick the mediation section's head, ask a target, report a value, press 确认.
// WEB_CHAT_SCREENSHOT=path saves a screenshot of the finished conversation (to look at the page).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createBot } from "../../src/conversation/bot.js";
import { createTurnPorts } from "../../src/turn-ports.js";
import { createHttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { createLocalChannel } from "../../src/platforms/local/channel.js";
import { newAccessKey } from "../../src/platforms/local/access-key.js";
import { browserSkipReason, launchChromium, type Browser } from "../helpers/browser.js";
import { seededDatabase } from "../helpers/seeded.js";
import type { TestDatabase } from "../helpers/engines.js";

const skip = browserSkipReason();
if (skip) console.warn(`web-chat e2e skipped: ${skip}`);

describe.skipIf(skip !== null)("local web chat in headless Chromium", () => {
  let db: TestDatabase;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let headId: number;
  let indicatorId: number;
  let base: string;
  let forbidden: { status: number; text: string | null };

  beforeAll(async () => {
    db = await seededDatabase("pglite");
    const indicator = await db.prisma.indicator.findFirstOrThrow({ where: { name: "调解成功率" } });
    indicatorId = indicator.id;
    headId = (await db.prisma.user.findFirstOrThrow({ where: { sectionId: indicator.sectionId, role: "head" } })).id;
    const clock = fixedClock("2021-11-15T10:00:00+08:00");
    const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock, log: silentLogger });
    const accessKey = newAccessKey();
    const channel = createLocalChannel({ bot, db, clock, log: silentLogger, accessKey });
    const http = createHttpServer({ log: silentLogger, routers: [channel.router!] });
    server = await http.listen(0, "127.0.0.1");
    browser = await launchChromium();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Without this start's link the page is refused (a reverse proxy makes everyone 127.0.0.1).
    const stranger = await browser.context.newPage();
    const refused = await stranger.goto(`${base}/`);
    forbidden = { status: refused?.status() ?? 0, text: await stranger.textContent("body") };
    await stranger.close();
    page = await browser.context.newPage();
    await page.goto(`${base}/?k=${accessKey}`);
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await db?.dispose();
  });

  async function say(text: string): Promise<void> {
    await page.fill("#input", text);
    await page.press("#input", "Enter");
  }
  /** The latest bot answer (text bubble or card) containing `text`. */
  const answer = (text: string) => page.locator("#log .msg.bot, #log .card").filter({ hasText: text }).last();

  it("refuses the page without the secret link, and drops the key from the address once opened", async () => {
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain("专用链接");
    expect(page.url()).toBe(`${base}/`);
  });

  it("lists the demo staff by section with their roles", async () => {
    const head = page.locator(`[data-user-id="${headId}"]`);
    await head.waitFor();
    expect(await head.getAttribute("data-role")).toBe("head");
    expect(await page.locator("#users h2").allTextContents()).toContain("人民参与和促进法治科");
    expect(await page.locator("[data-role=admin]").count()).toBeGreaterThan(0);
    await page.fill("#filter", "人民参与");
    expect(await head.isVisible()).toBe(true);
    expect(await page.locator(".user:visible").count()).toBe(await page.locator('.user[data-section="人民参与和促进法治科"]').count());
    await page.fill("#filter", "");
  });

  it("answers a target question as the mediation head", async () => {
    await page.click(`[data-user-id="${headId}"]`);
    expect(await page.textContent("#who")).toContain("人民参与和促进法治科");
    await say("调解成功率的目标是多少");
    await answer("98%").waitFor({ timeout: 15_000 });
  });

  it("reports a value through a confirmation card and records it on 确认", async () => {
    await say("本月调解成功率99.2%");
    const card = page.locator("#log .card").filter({ hasText: "99.2" }).last();
    await card.locator("button", { hasText: "确认" }).click({ timeout: 15_000 });
    await page.locator("#log .card, #log .msg").filter({ hasText: "已记录" }).last().waitFor({ timeout: 15_000 });
    const reports = await db.prisma.progressReport.findMany({ where: { indicatorId, withdrawn: false } });
    expect(reports.map((r) => r.value)).toEqual([99.2]);
    expect(reports[0]!.reportedById).toBe(headId);
    if (process.env.WEB_CHAT_SCREENSHOT) await page.screenshot({ path: process.env.WEB_CHAT_SCREENSHOT, fullPage: true });
  });

  it("answers an over-long paste with the polite line", async () => {
    await page.click(`[data-user-id="${headId}"]`);
    await say("本月调解成功率99.2%".repeat(400));
    await answer("消息太长").waitFor({ timeout: 15_000 });
  });
});
