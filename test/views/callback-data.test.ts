import { describe, expect, it } from "vitest";
import { type Action, actions, decodeCallback, encodeCallback } from "../../src/views/callback-data.ts";

describe("callback data", () => {
  it("gives every action its own code", () => {
    const codes = Object.values(actions);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("round-trips every action and stays within Telegram's 64 bytes", () => {
    for (const action of Object.keys(actions) as Action[]) {
      const data = encodeCallback(action, 2_147_483_647, 2_147_483_647);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCallback(data)).toEqual({ action, id: 2_147_483_647, arg: 2_147_483_647 });
      expect(decodeCallback(encodeCallback(action, 7))).toEqual({ action, id: 7, arg: null });
    }
  });

  it("rejects anything that is not exactly a current payload", () => {
    for (const data of [
      undefined,
      "",
      "garbage",
      "2:su:1",
      "1:su:",
      "1:su:-1",
      "1:su:1:2:3",
      "1:xx:1",
      "1:su:99999999999",
      ` 1:su:1`,
    ]) {
      expect(decodeCallback(data)).toBeNull();
    }
  });
});
