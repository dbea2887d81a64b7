import { describe, expect, it } from "vitest";
import { importKey } from "../../src/imports/import-key.ts";

describe("importKey", () => {
  const key = importKey("2026社会组织公益日", "社区义诊", ["市红十字会", "区卫健委"]);

  it("is 32 hex characters", () => {
    expect(key).toMatch(/^[0-9a-f]{32}$/);
  });

  it("ignores organiser order, spacing, width and case", () => {
    expect(importKey(" 2026社会组织公益日 ", "社区义诊 ", ["区卫健委", " 市红十字会"])).toBe(key);
    expect(importKey("２０２６社会组织公益日", "社区义诊", ["市红十字会", "区卫健委"])).toBe(key);
    expect(importKey(null, "Free  Clinic", ["Red Cross"])).toBe(importKey(null, "free clinic", ["RED CROSS"]));
  });

  it("tells apart campaigns, titles and organisers", () => {
    expect(importKey(null, "社区义诊", ["市红十字会", "区卫健委"])).not.toBe(key);
    expect(importKey("2027社会组织公益日", "社区义诊", ["市红十字会", "区卫健委"])).not.toBe(key);
    expect(importKey("2026社会组织公益日", "社区义诊", ["市红十字会"])).not.toBe(key);
    expect(importKey("2026社会组织公益日", "爱心茶摊", ["市红十字会", "区卫健委"])).not.toBe(key);
  });

  it("does not confuse a separator inside a name with two names", () => {
    expect(importKey(null, "a", ["b,c"])).not.toBe(importKey(null, "a", ["b", "c"]));
  });
});
