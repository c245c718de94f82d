// Signed links (src/dashboard/signed-link.ts): round trip, expiry on the wall clock, and every
// alteration refused — a changed claim, a changed or truncated signature, another key, garbage.
import { expect, it } from "vitest";
import { createLinkSigner } from "../../src/dashboard/signed-link.js";
import { classifyIntent } from "../../src/conversation/nlu/intents.js";

const now = 1_700_000_000_000;
const signer = createLinkSigner("a".repeat(64), () => now);

it("verifies its own token until it expires", () => {
  const t = signer.sign({ kind: "dash", scope: 7, user: 3 }, 60);
  expect(signer.verify(t)).toEqual({ ok: true, claims: { kind: "dash", scope: 7, user: 3, exp: now / 1000 + 60 } });
  expect(createLinkSigner("a".repeat(64), () => now + 60_000).verify(t)).toEqual({ ok: false, reason: "expired" });
});

it("refuses altered claims, altered signatures, another key and garbage", () => {
  const t = signer.sign({ kind: "dash", scope: 7, user: 3 }, 60);
  const [payload, mac] = t.split(".") as [string, string];
  const widened = Buffer.from(JSON.stringify({ kind: "dash", scope: "all", user: 3, exp: now / 1000 + 60 })).toString("base64url");
  expect(signer.verify(`${widened}.${mac}`)).toEqual({ ok: false, reason: "tampered" });
  const flipped = mac.slice(0, -2) + (mac.endsWith("AA") ? "BA" : "AA");
  expect(signer.verify(`${payload}.${flipped}`)).toEqual({ ok: false, reason: "tampered" });
  expect(createLinkSigner("b".repeat(64), () => now).verify(t)).toEqual({ ok: false, reason: "tampered" });
  for (const bad of [undefined, "", "abc", `${payload}.${mac.slice(1)}`, `${payload}.${mac}.x`, "x".repeat(3000)]) {
    expect(signer.verify(bad)).toEqual({ ok: false, reason: "malformed" });
  }
});

it("reads 看板 and official-table requests as their intents, and figures as reports", () => {
  const none = { indicator: false, value: false, status: null, ownSection: false };
  for (const t of ["看板", "打开看板", "给我看板链接", "仪表盘"]) expect(classifyIntent(t, none)).toBe("dashboard");
  for (const t of ["要监控表文件", "导出自评表", "下载绩效运行监控表", "给我自评表"]) expect(classifyIntent(t, none)).toBe("official_file");
  expect(classifyIntent("看板上的新媒体平台建设10篇", { ...none, indicator: true, value: true })).not.toBe("dashboard");
});
