import { describe, expect, it } from "vitest";
import { parseOneLine } from "../../src/domain/event-form.ts";
import { formatRoles, parseRoles, placesOfRoles } from "../../src/domain/roles.ts";
import { fitsIn, promotions } from "../../src/domain/signup-rules.ts";

describe("roles", () => {
  it("reads the one-line roles syntax in Chinese and English", () => {
    expect(parseRoles("义诊医生 2 · 家具维修 3 · 法律咨询 2 · 志愿者 10")).toEqual({
      ok: true,
      roles: [
        { name: "义诊医生", capacity: 2 },
        { name: "家具维修", capacity: 3 },
        { name: "法律咨询", capacity: 2 },
        { name: "志愿者", capacity: 10 },
      ],
    });
    expect(parseRoles("医生２人、护士 3名，志愿者")).toEqual({
      ok: true,
      roles: [
        { name: "医生", capacity: 2 },
        { name: "护士", capacity: 3 },
        { name: "志愿者", capacity: null },
      ],
    });
    expect(parseRoles("Doctor x2, Legal advice 2 places")).toMatchObject({
      roles: [
        { name: "Doctor", capacity: 2 },
        { name: "Legal advice", capacity: 2 },
      ],
    });
    expect(parseRoles("无")).toEqual({ ok: true, roles: [] });
    expect(parseRoles("医生 0")).toMatchObject({ ok: false, error: "roles-capacity-range" });
    expect(parseRoles("医生 1 · 医生 2")).toMatchObject({ ok: false, error: "roles-duplicate" });
    expect(parseRoles("· 3")).toMatchObject({ ok: false, error: "roles-no-name" });
  });

  it("places of an event with roles are their sum, or no limit", () => {
    expect(
      placesOfRoles([
        { name: "a", capacity: 2 },
        { name: "b", capacity: 3 },
      ]),
    ).toBe(5);
    expect(
      placesOfRoles([
        { name: "a", capacity: 2 },
        { name: "b", capacity: null },
      ]),
    ).toBeNull();
    expect(
      formatRoles([
        { name: "a", capacity: 2 },
        { name: "b", capacity: null },
      ]),
    ).toBe("a 2 · b");
  });

  it("the one-line form takes roles in the places part, but a lone word stays a wrong number", () => {
    const form = { timeZone: "Asia/Shanghai", now: new Date("2026-06-01T02:00:00Z"), locale: "zh-CN" as const };
    const roles = parseOneLine("义诊 | 6月28日 | 洞桥 | 医生 2 · 护士 3", form);
    expect(roles.errors).toEqual([]);
    expect(roles.draft).toMatchObject({ capacity: 5, roles: [{ name: "医生" }, { name: "护士" }] });
    expect(parseOneLine("义诊 | 6月28日 | 洞桥 | 很多", form).errors).toMatchObject([{ field: "capacity" }]);
    expect(parseOneLine("义诊 | 6月28日 | 洞桥 | 20", form).draft.roles).toBeUndefined();
  });

  it("a party fits only when every pool it draws from has room for it", () => {
    expect(
      fitsIn([
        { capacity: 5, held: 4 },
        { capacity: 2, held: 1 },
      ]),
    ).toBe(true);
    expect(
      fitsIn([
        { capacity: 5, held: 4 },
        { capacity: 2, held: 2 },
      ]),
    ).toBe(false);
    expect(fitsIn([{ capacity: 5, held: 3 }], 3)).toBe(false);
    expect(fitsIn([{ capacity: null, held: 99 }])).toBe(true);
  });

  it("promotion keeps each role's waitlist in order and a full role does not hold up another", () => {
    const waitlist = [
      { id: 1, roleId: 10 },
      { id: 2, roleId: 20 },
      { id: 3, roleId: 10 },
      { id: 4, roleId: 20 },
    ];
    const free = new Map([
      [10, 0],
      [20, 1],
    ]);
    expect(promotions(waitlist, 5, (r) => free.get(r ?? 0) ?? 0).map((w) => w.id)).toEqual([2]);
    expect(promotions(waitlist, 1, () => 5).map((w) => w.id)).toEqual([1]);
    expect(promotions(waitlist, 5, () => 1).map((w) => w.id)).toEqual([1, 2]);
  });
});
