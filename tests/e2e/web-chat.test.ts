// The local web chat as a newcomer uses it, in headless Chromium against the real bot on a seeded
// PGlite database: pick the mediation section's head, ask a target, report a value, press 确认;
// then the reminder tick at 2021-12-01 09:00 (clock pinned) sends through the real outbox and the
// web chat's Sender, and the reminder appears in 王建国's conversation. Also the page at 390 px.
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
import { LocalInbox } from "../../src/platforms/local/inbox.js";
import { createLocalSender } from "../../src/platforms/local/sender.js";
import { createOutbox, type Outbox } from "../../src/outbox/index.js";
import { fromShanghai } from "../../src/domain/shanghai-time.js";
import { reminderContext, runDueReminders } from "../../src/reminders/index.js";
import { browserSkipReason, closeBrowserAndServer, launchChromium, sayInWebChat, type Browser } from "../helpers/browser.js";
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
  let outbox: Outbox;

  beforeAll(async () => {
    db = await seededDatabase("pglite");
    const indicator = await db.prisma.indicator.findFirstOrThrow({ where: { name: "调解成功率" } });
    indicatorId = indicator.id;
    headId = (await db.prisma.user.findFirstOrThrow({ where: { sectionId: indicator.sectionId, role: "head" } })).id;
    const clock = fixedClock("2021-11-15T10:00:00+08:00");
    const bot = createBot({ ports: createTurnPorts({ db, log: silentLogger }), db, clock, log: silentLogger });
    const accessKey = newAccessKey();
    // As main.ts wires it with no messenger configured: the outbox delivers to the web chat's inbox.
    const inbox = new LocalInbox();
    outbox = createOutbox({ db, senders: [createLocalSender(inbox)], log: silentLogger, pollMs: 200 });
    outbox.start();
    const channel = createLocalChannel({ bot, db, clock, log: silentLogger, accessKey, inbox });
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
    await outbox?.stop();
    await closeBrowserAndServer(browser, server);
    await db?.dispose();
  });

  const say = (text: string) => sayInWebChat(page, text);
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

  it("answers an over-long paste with the polite line and keeps the typed text", async () => {
    await page.click(`[data-user-id="${headId}"]`);
    const long = "本月调解成功率99.2%".repeat(400);
    await say(long);
    await answer("消息太长").waitFor({ timeout: 15_000 });
    expect(await page.inputValue("#input")).toBe(long);
    await page.fill("#input", "");
  });

  it("offers example chips from the selected person's own section", async () => {
    await page.click(`[data-user-id="${headId}"]`);
    expect(await page.locator("#chips .chip").allTextContents()).toContain("调解成功率的目标是多少");
    const other = await db.prisma.user.findFirstOrThrow({ where: { role: "head", section: { code: "legislation" } }, include: { section: true } });
    await page.click(`[data-user-id="${other.id}"]`);
    const chips = (await page.locator("#chips .chip").allTextContents()).join(" ");
    expect(chips).not.toContain("调解成功率");
    const first = await db.prisma.indicator.findMany({ where: { sectionId: other.sectionId! }, orderBy: { position: "asc" } });
    expect(first.some((i) => chips.includes(`${i.name}的目标是多少`))).toBe(true);
  });

  it("shows the reminder of 2021-12-01 09:00 in 王建国's conversation, delivered through the outbox", async () => {
    const wang = await db.prisma.user.findFirstOrThrow({ where: { name: "王建国" } });
    expect(wang.id).toBe(headId);
    // Someone else is on screen: the reminder waits in 王建国's conversation with an unread badge.
    const other = await db.prisma.user.findFirstOrThrow({ where: { role: "head", section: { code: "legislation" } } });
    await page.click(`[data-user-id="${other.id}"]`);
    // No messenger configured, web chat on — main.ts's settings for the local trial.
    const ctx = reminderContext(db, { messengers: { feishu: false, dingtalk: false, webChat: true } });
    const run = await runDueReminders({ ...ctx, outbox }, fromShanghai(2021, 12, 1, 9));
    const mine = run.sent.find((s) => s.recipient.name === "王建国");
    expect(mine?.address).toEqual({ platform: "local", externalId: String(headId) });
    const badge = page.locator(`[data-user-id="${headId}"] .badge`);
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toBe("1");
    await page.click(`[data-user-id="${headId}"]`);
    const reminder = page.locator("#log .card[data-pushed]").filter({ hasText: "绩效数据报送提醒：2021年11月" });
    await reminder.waitFor({ timeout: 15_000 });
    const text = await reminder.textContent();
    expect(text).toContain("报送截止");
    expect(text).toContain("直接回复");
    for (const i of mine!.indicators) expect(text).toContain(i.name);
    expect(await badge.count()).toBe(0);
    const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: mine!.key } });
    expect(row).toMatchObject({ platform: "local", status: "sent", target: { userId: headId } });
  });

  it("shows the escalation of 2021-12-07 09:00 in the administrator's conversation", async () => {
    const ctx = reminderContext(db, { messengers: { feishu: false, dingtalk: false, webChat: true } });
    const run = await runDueReminders({ ...ctx, outbox }, fromShanghai(2021, 12, 7, 9));
    const escalation = run.sent.find((s) => s.ruleCode === "escalation");
    expect(escalation?.address?.platform).toBe("local");
    const admin = escalation!.recipient.userId!;
    await page.click(`[data-user-id="${admin}"]`);
    const card = page.locator("#log .card[data-pushed]").filter({ hasText: "报送截止已过：2021年11月" });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain("人民参与和促进法治科");
  });

  it("works at 390 px: the user list collapses behind 切换身份", async () => {
    const narrow = await browser.context.newPage();
    await narrow.setViewportSize({ width: 390, height: 800 });
    await narrow.goto(`${base}/`);
    const head = narrow.locator(`[data-user-id="${headId}"]`);
    await head.waitFor();
    expect(await narrow.locator("#switch").isVisible()).toBe(true);
    await head.click();
    expect(await head.isVisible()).toBe(false); // the list folded away, the chat has the width
    expect(await narrow.locator("#input").isVisible()).toBe(true);
    const box = await narrow.locator("#input").boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(await narrow.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await narrow.click("#switch");
    expect(await head.isVisible()).toBe(true);
    await narrow.close();
  });
});
