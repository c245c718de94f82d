// DingTalk Stream mode end to end: the official SDK (dingtalk-stream) against a fake DingTalk,
// through the inbound pipeline, the real bot (seeded 2021 data) and the outbox, to the reply the fake receives.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type WebSocket from "ws";
import { describeEachEngine } from "../helpers/engines.js";
import type { TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor } from "./fakes/dingtalk.js";
import { startHarness, type Harness } from "./dingtalk-harness.js";

const settle = () => new Promise((r) => setTimeout(r, 300));

describeEachEngine("DingTalk stream mode", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await seededDatabase(engine);
  });
  afterAll(async () => {
    await db?.dispose();
  });
  afterEach(async () => {
    await h?.close();
  });

  async function connected(staleMs?: number): Promise<Harness> {
    h = await startHarness({ db, mode: "stream", staleMs });
    await waitFor(() => h.fake.openSockets === 1, 5000, "stream connection");
    return h;
  }

  it("answers a one-to-one question through the session webhook, after acking the frame", async () => {
    await connected();
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_office_head" });
    const frameId = h.fake.pushRobotMessage(msg);
    const reply = await waitFor(() => h.fake.sent.find((s) => s.to === msg.conversationId), 5000, "reply");
    expect(reply.via).toBe("webhook");
    expect(reply.text).toContain("98%");
    expect(h.fake.acks).toContain(frameId);
  });

  it("answers a redelivered msgId once (same frame again, and under a new frame id)", async () => {
    await connected();
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_office_staff1" });
    h.fake.pushRobotMessage(msg, "frame-a");
    h.fake.pushRobotMessage(msg, "frame-b");
    h.fake.redeliverUnacked();
    await waitFor(() => h.fake.sent.some((s) => s.to === msg.conversationId), 5000, "reply");
    await settle();
    await h.channel.idle();
    expect(h.fake.sent.filter((s) => s.to === msg.conversationId)).toHaveLength(1);
    expect(h.fake.acks).toEqual(expect.arrayContaining(["frame-a", "frame-b"]));
  });

  it("in a group answers only when @-mentioned, into the group conversation", async () => {
    await connected();
    h.fake.pushRobotMessage(h.fake.robotMessage({ text: "调解成功率的目标是多少", group: true, atBot: false }));
    const asked = h.fake.robotMessage({ text: "调解成功率的目标是多少", group: true, staffId: "demo_political_head" });
    h.fake.pushRobotMessage(asked);
    await waitFor(() => h.fake.sent.length === 1, 5000, "group reply");
    await settle();
    expect(h.fake.sent).toEqual([expect.objectContaining({ via: "webhook", to: asked.conversationId })]);
    expect(h.fake.acks).toHaveLength(2); // the ignored message is acked too
  });

  it("sends proactively when the session webhook expired, through flow control, 429 and 5xx", async () => {
    await connected();
    h.fake.faults.push("flowControl", "429", "500");
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_political_staff1", webhookTtlMs: -1000 });
    h.fake.pushRobotMessage(msg);
    const reply = await waitFor(() => h.fake.sent.find((s) => s.to === "demo_political_staff1"), 8000, "proactive reply");
    expect(reply).toMatchObject({ via: "batchSend", text: expect.stringContaining("98%") });
    expect(h.fake.faults).toEqual([]);
    expect(h.fake.tokensIssued).toHaveLength(1); // cached across the retries
    await settle();
    expect(h.fake.sent.filter((s) => s.to === "demo_political_staff1")).toHaveLength(1);
  });

  it("gives up on an invalid staff id without retrying", async () => {
    await connected();
    h.fake.faults.push("invalidStaff");
    const msg = h.fake.robotMessage({ text: "你好", staffId: "s-gone", webhookTtlMs: -1000 });
    h.fake.pushRobotMessage(msg);
    const row = await waitFor(
      () => db.prisma.outboundMessage.findFirst({ where: { idempotencyKey: `dingtalk:${msg.msgId}:0`, status: "failed" } }),
      5000,
      "failed outbox row",
    );
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("invalid staff");
    expect(h.fake.sent).toEqual([]);
  });

  it("the watchdog replaces a silent (half-open), dropped or errored socket without leaking sockets; bad frames are ignored", async () => {
    await connected(600);
    h.fake.silent = true;
    await waitFor(() => h.fake.connectionsOpened >= 2, 5000, "reconnect after silence");
    h.fake.silent = false;
    await waitFor(() => h.fake.openSockets === 1 && h.channel.stream?.client.connected, 5000, "one open socket");
    h.fake.dropConnections();
    await waitFor(() => h.fake.connectionsOpened >= 3 && h.fake.openSockets === 1, 5000, "reconnect after drop");
    // A socket error (the SDK terminates but never reconnects by itself).
    (h.channel.stream!.client as unknown as { socket: WebSocket }).socket.emit("error", new Error("ECONNRESET"));
    await waitFor(() => h.fake.connectionsOpened >= 4 && h.fake.openSockets === 1, 5000, "reconnect after error");
    h.fake.sendRaw("not json {");
    const msg = h.fake.robotMessage({ text: "调解成功率的目标是多少", staffId: "demo_political_staff2" });
    h.fake.pushRobotMessage(msg);
    await waitFor(() => h.fake.sent.find((s) => s.to === msg.conversationId), 5000, "reply after reconnect");
    // No leak: one socket once things settle. Not sampled at one instant — on a loaded machine the
    // 600 ms silence watchdog may be replacing the socket at that very moment (0 open, briefly).
    await waitFor(() => h.fake.openSockets === 1, 5000, "exactly one open socket");
    expect(h.fake.openSockets).toBe(1);
  });
});
