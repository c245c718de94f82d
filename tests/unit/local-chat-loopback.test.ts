// The demo web chat lets anyone pick any user, so it answers only this machine.
import { describe, expect, it } from "vitest";
import { isLoopback } from "../../src/platforms/local/router.js";

describe("web chat: loopback only", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.5.0.9", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.8", false],
    ["192.168.1.20", false],
    ["::ffff:192.168.1.20", false],
    ["fe80::1", false],
    [undefined, false],
  ])("%s → %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
