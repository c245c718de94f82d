// Fuzzing both messengers' HTTP callbacks (issue 10): ≥ 5,000 bodies per engine — unsigned, badly
// signed, stale, garbled, huge, odd-typed and odd-unicode — against the production HTTP server, the
// real channels, inbound pipeline, bot and outbox, with the platforms faked on 127.0.0.1.
// Asserts: no 5xx (the database is up; a 503 shed by admission control is redelivered, as the
// platforms do, and must then be answered), no crash (the server still answers), no state change from
// the unsigned phase, every signed well-formed message answered (its reply sent), replays refused.
// Bodies come from a seeded generator (FUZZ_SEED to vary it), shaped after the official payloads:
// DingTalk robot callbacks (https://open.dingtalk.com/document/orgapp/receive-message, via the fake's
// robotMessage()) and Feishu im.message.receive_v1 envelopes (feishu-harness messageEnvelope()).
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { replyKey } from "../../src/inbound/index.js";
import { dingtalkSign } from "../../src/platforms/dingtalk/verify.js";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { startHarness, type Harness } from "../e2e/dingtalk-harness.js";
import { messageEnvelope, signedRequest, startFeishuHarness, type FeishuHarness } from "../e2e/feishu-harness.js";
import { APP as DT_APP } from "../e2e/dingtalk-harness.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20211115);
const UNSIGNED_PER_PLATFORM = 1950;
const SIGNED_GARBLED_PER_PLATFORM = 450;
const WELL_FORMED_PER_PLATFORM = 150;

/** mulberry32: small, seeded, good enough to pick cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (n: number) => Math.floor(rand() * n);

const ODD = ["\u0000", "\ud800", "\udfff", "\u202e", "\ufeff", "\u200b", "😀", "𠀀", "\\", '"', "\n", "\t", "％", "١٢٣", "ｓｅｌｅｃｔ", "'; DROP TABLE \"User\";--", "{{7*7}}", "<script>", "调解成功率", "99.2%", "本月", "确认"];
function oddText(max = 60): string {
  let s = "";
  const n = 1 + int(max);
  for (let i = 0; i < n; i++) s += rand() < 0.5 ? pick(ODD) : String.fromCharCode(int(0xffff));
  return s;
}
function garbage(): string | Buffer {
  switch (int(9)) {
    case 0: return "";
    case 1: return "{not json";
    case 2: return JSON.stringify(oddText(200));
    case 3: return "[]";
    case 4: return "null";
    case 5: return Buffer.from(Array.from({ length: 1 + int(3000) }, () => int(256)));
    case 6: return JSON.stringify({ a: "x".repeat(65_000 + int(10_000)) }); // over DingTalk's body limit
    case 7: return "{".repeat(5000);
    default: return JSON.stringify({ [oddText(10)]: oddText(20), n: rand() * 1e308, deep: JSON.parse("[".repeat(50) + "]".repeat(50)) });
  }
}
const ODD_VALUES = [null, 0, -1, 1e20, -1e20, 1.5, true, "", " ", "\u0000", [], {}, "x".repeat(3000), "1e999", Number.MAX_SAFE_INTEGER];

/** Runs `tasks` with at most `n` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, n = 16): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

async function counts(db: TestDatabase) {
  const [inbound, outbound, reports, states, pairs, users, identities] = await Promise.all([
    db.prisma.inboundEvent.count(), db.prisma.outboundMessage.count(), db.prisma.progressReport.count(),
    db.prisma.conversationState.count(), db.prisma.dingTalkCallbackSeen.count(), db.prisma.user.count(), db.prisma.identity.count(),
  ]);
  return { inbound, outbound, reports, states, pairs, users, identities };
}

describeEachEngine("fuzzed HTTP callbacks (both messengers)", (engine) => {
  let db: TestDatabase;
  let dt: Harness;
  let fs: FeishuHarness;
  const statuses = new Map<number, number>();
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  let total = 0;

  beforeAll(async () => {
    db = await seededDatabase(engine);
    dt = await startHarness({ db, mode: "http" });
    fs = await startFeishuHarness({ db, mode: "webhook" });
  });
  afterAll(async () => {
    await dt?.close();
    await fs?.close();
    await db?.dispose();
  });

  /**
   * The status, or RESET when the server answered an over-limit body early and closed the
   * connection while the client was still uploading (Node's HTTP server does that; a refusal).
   * One connection per request (agent: false): a kept-alive socket closed by the server while idle
   * would fail the next request for a reason that has nothing to do with the body.
   */
  const RESET = 499;
  const postTo = (url: () => string) => (body: string | Buffer, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(url(), { method: "POST", agent: false, headers: { "content-type": "application/json", ...headers } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      });
      req.on("error", (err: Error & { code?: string }) => {
        // Only an over-limit upload may be cut short.
        if (["ECONNRESET", "EPIPE"].includes(err.code ?? "") && Buffer.byteLength(body) > 64 * 1024) resolve(RESET);
        else reject(err);
      });
      req.end(body);
    });
  /**
   * As the platforms do: a 503 (admission control shedding a burst, src/inbound/admission.ts) is
   * delivered again a little later. Shed answers are counted, not returned: what the test sees is
   * the status of the delivery that was finally answered.
   */
  let shed = 0;
  const redelivered = (post: ReturnType<typeof postTo>) => async (body: string | Buffer, headers: Record<string, string>) => {
    for (let attempt = 1; ; attempt++) {
      const s = await post(body, headers);
      if (s !== 503 || attempt >= 40) return s;
      shed++;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const dtPost = redelivered(postTo(() => dt.eventsUrl!));
  const fsPost = redelivered(postTo(() => fs.eventsUrl!));

  it("unsigned and badly signed bodies: 4xx, and nothing in the database changes", { timeout: 300_000 }, async () => {
    const before = await counts(db);
    const tasks: Array<() => Promise<number>> = [];
    for (let i = 0; i < UNSIGNED_PER_PLATFORM; i++) {
      const well = rand() < 0.5 ? JSON.stringify(dt.fake.robotMessage({ text: oddText(), staffId: "demo_office_admin" })) : garbage();
      const ts = String(Date.now() - (rand() < 0.3 ? 2 * 3600_000 : 0));
      const headers = pick<Record<string, string>>([
        {},
        { timestamp: ts },
        { timestamp: ts, sign: dingtalkSign(ts, "wrong-secret") },
        { timestamp: String(Date.now() - 3 * 3600_000), sign: dingtalkSign(String(Date.now() - 3 * 3600_000), DT_APP.clientSecret) },
        { timestamp: "1e20", sign: dingtalkSign("1e20", DT_APP.clientSecret) },
        { timestamp: oddText(5).replace(/[^\x20-\x7e]/g, "x"), sign: "AAAA" },
      ]);
      tasks.push(() => dtPost(well, headers));
      const envelope = messageEnvelope({ text: oddText(), openId: "ou_demo_office_admin" });
      const signed = signedRequest(envelope, rand() < 0.5 ? { encryptKey: "another-key" } : { signature: "0".repeat(64) });
      const variant = int(4);
      tasks.push(() =>
        variant === 0 ? fsPost(signed.body, signed.headers)
        : variant === 1 ? fsPost(JSON.stringify(envelope), {}) // plain, unsigned
        : variant === 2 ? fsPost(garbage(), {})
        : fsPost(signed.body, { ...signed.headers, "x-lark-request-timestamp": String(Math.floor(Date.now() / 1000) - 7200) }),
      );
    }
    const results = await pool(tasks);
    results.forEach(count);
    total += results.length;
    for (const s of results) expect(s >= 400 && s < 500, `status ${s}`).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await counts(db)).toEqual(before);
    expect(dt.fake.sent).toEqual([]);
    expect(fs.api.messages).toEqual([]);
  });

  it("signed bodies, garbled and well-formed: no 5xx, every well-formed message answered, replays refused", { timeout: 900_000 }, async () => {
    const tasks: Array<() => Promise<number>> = [];
    const expected: string[] = []; // reply idempotency keys that must end up sent
    let ts = Date.now() - 50 * 60_000; // distinct milliseconds inside the skew window
    const dtHeaders = () => {
      const t = String(ts++);
      return { timestamp: t, sign: dingtalkSign(t, DT_APP.clientSecret) };
    };
    const staff = ["demo_office_admin", "demo_mediation_head", "demo_legislation_staff1", "stranger_1", "stranger_2"];
    const openIds = ["ou_demo_office_admin", "ou_demo_mediation_head", "ou_stranger"];

    for (let i = 0; i < SIGNED_GARBLED_PER_PLATFORM; i++) {
      // DingTalk: a robot message with odd-typed fields, or no robot message at all.
      const base: Record<string, unknown> = { ...dt.fake.robotMessage({ text: oddText(), staffId: pick(staff) }) };
      for (let k = 0; k < 1 + int(3); k++) base[pick(Object.keys(base))] = pick(ODD_VALUES);
      const body = rand() < 0.7 ? JSON.stringify(base) : garbage();
      const h = dtHeaders();
      tasks.push(() => dtPost(body, h));
      // Feishu: a signed envelope whose event is malformed in one place.
      const env = messageEnvelope({ text: oddText(), openId: pick(openIds) }) as unknown as { header: Record<string, unknown>; event: Record<string, Record<string, unknown>> };
      const where = int(5);
      if (where === 0) env.event.message!.content = pick(["not json", "{}", JSON.stringify({ text: 12 }), JSON.stringify({ text: oddText(10) })]);
      else if (where === 1) env.event.message!.message_type = pick(["image", "", "post"]);
      else if (where === 2) env.event.sender = pick(ODD_VALUES) as never;
      else if (where === 3) env.header.create_time = pick(["1e20", "-1", "", "NaN"]);
      else (env.event.message as Record<string, unknown>).chat_type = pick(["group", "topic", ""]);
      const signed = signedRequest(env as unknown as Parameters<typeof signedRequest>[0]); // garbled on purpose
      tasks.push(() => fsPost(signed.body, signed.headers));
    }

    for (let i = 0; i < WELL_FORMED_PER_PLATFORM; i++) {
      const text = rand() < 0.3 ? pick(["调解成功率的目标是多少", "本月调解成功率99.2%", "帮助", "还有谁没报"]) : rand() < 0.1 ? "调".repeat(4001 + int(500)) + oddText(10) : oddText(80);
      const msg: Record<string, unknown> = { ...dt.fake.robotMessage({ text, staffId: pick(staff) }) };
      if (rand() < 0.3) msg.createAt = pick([1e20, -1e20, 0, 1.5]);
      if (rand() < 0.2) msg.sessionWebhook = "http://127.0.0.1:9/steal";
      const h = dtHeaders();
      const body = JSON.stringify(msg);
      expected.push(replyKey("dingtalk", String(msg.msgId), 0));
      // A replay (another body under the same timestamp/sign pair) is sent once the original was
      // answered: sent concurrently, whichever reached the server first would be "the original".
      const replay = rand() < 0.2 ? JSON.stringify({ ...msg, msgId: `${String(msg.msgId)}x`, text: { content: "还有谁没报" } }) : undefined;
      tasks.push(async () => {
        const s = await dtPost(body, h);
        if (replay !== undefined) {
          const r = await dtPost(replay, h);
          expect(r, "replay under a seen (timestamp, sign) pair").toBe(401);
          count(r);
          total++;
        }
        return s;
      });

      const env = messageEnvelope({ text, openId: pick(openIds) });
      (env.event.message as Record<string, unknown>).create_time = pick([String(Date.now()), "100000000000000000000", "-5"]);
      expected.push(replyKey("feishu", env.event.message.message_id, 0));
      const signed = signedRequest(env as unknown as Parameters<typeof signedRequest>[0]); // garbled on purpose
      tasks.push(() => fsPost(signed.body, signed.headers));
    }

    const results = await pool(tasks);
    results.forEach(count);
    total += results.length;
    for (const s of results) expect(s < 500, `status ${s}`).toBe(true);

    // Every well-formed message: its first reply sent (the outbox marks it once the fake accepted it).
    // Waits as long as replies keep going out (a loaded CI machine is slow, not wrong); 60 s without
    // progress is a failure.
    let sent = 0;
    let progressAt = Date.now();
    while (Date.now() - progressAt < 60_000) {
      const now = await db.prisma.outboundMessage.count({ where: { idempotencyKey: { in: expected }, status: "sent" } });
      if (now > sent) progressAt = Date.now();
      sent = now;
      if (sent === expected.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const missing = expected.length - sent;
    expect(missing, `unanswered: ${missing} of ${expected.length}`).toBe(0);
    expect(await db.prisma.inboundEvent.count({ where: { status: { not: "done" } } })).toBe(0);
  });

  it("sent at least 5,000 bodies and the server still answers", async () => {
    expect(total).toBeGreaterThanOrEqual(5000);
    const alive = await fetch(dt.eventsUrl!, { method: "POST", body: "{}" });
    expect(alive.status).toBe(401);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    console.info(`fuzz (${engine}, seed ${SEED}): ${total} bodies, ${shed} shed with 503 and redelivered, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  });
});
