import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganisationService } from "../../src/services/organisations.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

describe.each(databaseKinds)("everything below a hub, on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let organisations: OrganisationService;
  const ids: Record<string, number> = {};

  const add = async (name: string, orgKind: "city" | "district" | "street" | "organisation", parent?: string) => {
    const org = await organisations.create({
      name,
      kind: orgKind,
      parentId: parent === undefined ? null : (ids[parent] ?? null),
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    ids[name] = org.id;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    organisations = new OrganisationService(db.prisma);
    await add("宁波市", "city");
    await add("海曙区", "district", "宁波市");
    await add("江北区", "district", "宁波市");
    await add("鼓楼街道", "street", "海曙区");
    await add("阳光志愿者协会", "organisation", "鼓楼街道");
    await add("海曙义工队", "organisation", "海曙区");
    await add("江北志愿者协会", "organisation", "江北区");
    await add("别的城市", "city");
    await add("别的协会", "organisation", "别的城市");
  });
  afterAll(() => db?.drop());

  it("is the hub first, then each level below it, and nothing outside it", async () => {
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    const below = async (name: string) => (await organisations.subtreeIds(ids[name] as number)).map((id) => names[id]);
    expect(await below("海曙区")).toEqual(["海曙区", "鼓楼街道", "海曙义工队", "阳光志愿者协会"]);
    expect(await below("宁波市")).toEqual([
      "宁波市",
      "海曙区",
      "江北区",
      "鼓楼街道",
      "海曙义工队",
      "江北志愿者协会",
      "阳光志愿者协会",
    ]);
    expect(await below("阳光志愿者协会")).toEqual(["阳光志愿者协会"]);
    expect(await organisations.subtreeIds(999_999)).toEqual([]);
  });

  it("ends on a cycle in bad data, each organisation once", async () => {
    await db.prisma.organisation.update({ where: { id: ids.宁波市 }, data: { parentId: ids.阳光志愿者协会 } });
    try {
      const below = await organisations.subtreeIds(ids.海曙区 as number);
      expect(below[0]).toBe(ids.海曙区);
      expect(new Set(below).size).toBe(below.length);
      expect(below).toHaveLength(9 - 2); // all but the other city and its association
    } finally {
      await db.prisma.organisation.update({ where: { id: ids.宁波市 }, data: { parentId: null } });
    }
  });
});
