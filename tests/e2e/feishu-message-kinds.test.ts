// Issue 8, Feishu: real-shaped events (SDK-typed fixtures) through the official SDK's WSClient and
// through the signed, encrypted webhook, into the real channel, pipeline and conversation core on
// the seeded 2021 data; replies leave through the outbox to the fake Open API.
// - a group message that @-mentions the bot (mentions inside `message`) is answered once;
// - a `post` is answered; an image gets the polite line; @所有人 gets nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../helpers/engines.js";
import { seededDatabase } from "../helpers/seeded.js";
import { waitFor, type ReceivedMessage } from "./fakes/feishu-openapi.js";
import { BOT_MENTION, messageEnvelope, startFeishuHarness, type FeishuHarness } from "./feishu-harness.js";
import { MENTION_ALL, type MessageEnvelope } from "../fixtures/feishu-events.js";

const ASKER = "ou_demo_mediation_head";

describeEachEngine("Feishu message kinds, real shape", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase(engine);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  for (const mode of ["ws", "webhook"] as const) {
    describe(mode === "ws" ? "over the long connection" : "over the webhook", () => {
      let h: FeishuHarness;
      beforeAll(async () => {
        h = await startFeishuHarness({ db, mode });
        if (mode === "ws") await waitFor(() => h.ws!.openSockets === 1, 5_000, "long connection");
      });
      afterAll(async () => {
        await h?.close();
      });

      async function deliver(env: MessageEnvelope): Promise<void> {
        if (mode === "ws") expect((await h.ws!.push(env)).code).toBe(200);
        else expect((await h.post(env)).status).toBe(200);
      }

      /** Every reply to one event (after the pipeline and outbox are quiet). */
      async function repliesTo(env: MessageEnvelope, expectAny = true): Promise<ReceivedMessage[]> {
        const before = h.api.messages.length;
        await deliver(env);
        if (expectAny) await waitFor(() => h.api.messages.length > before, 10_000, "a reply");
        await h.channel.idle();
        await new Promise((r) => setTimeout(r, 300));
        return h.api.messages.slice(before);
      }

      it("a group message that @-mentions the bot is answered once, in the group", async () => {
        const env = messageEnvelope({ text: "值班律师的指标是多少人次", openId: ASKER, chatType: "group" });
        expect(env.event.message.mentions).toEqual([BOT_MENTION]);
        const replies = await repliesTo(env);
        expect(replies).toHaveLength(1);
        expect(replies[0]).toMatchObject({ receiveIdType: "chat_id", receiveId: "oc_group1" });
        expect(replies[0]!.text).toContain("800");
      });

      it("a post (rich text with an @ of the bot inside) is answered", async () => {
        const env = messageEnvelope({
          openId: ASKER,
          chatType: "group",
          kind: {
            message_type: "post",
            content: { title: "", content: [[{ tag: "at", user_id: "@_user_1", user_name: "绩效助手" }, { tag: "text", text: " 调解成功率的目标是多少" }]] },
          },
        });
        const replies = await repliesTo(env);
        expect(replies).toHaveLength(1);
        expect(replies[0]!.text).toContain("98%");
      });

      it("an image gets the polite line (no silence)", async () => {
        const env = messageEnvelope({ openId: ASKER, kind: { message_type: "image", content: { image_key: "img_v2_041b" } } });
        const replies = await repliesTo(env);
        expect(replies.map((r) => r.text)).toEqual([expect.stringContaining("只能读文字消息")]);
        expect(replies[0]).toMatchObject({ receiveIdType: "open_id", receiveId: ASKER });
      });

      it("@所有人 is not addressed to the bot: no reply", async () => {
        const env = messageEnvelope({ text: "明天上午开会", openId: ASKER, chatType: "group", mentions: [MENTION_ALL] });
        expect(await repliesTo(env, false)).toEqual([]);
      });
    });
  }
});
