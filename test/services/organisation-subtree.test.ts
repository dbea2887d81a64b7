import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { districtOf, type OrgNode, subtreeOf } from "../../src/domain/org-tree.ts";
import { underSqlByDistrict } from "../../src/services/org-scope.ts";
import { OrganisationService } from "../../src/services/organisations.ts";
import { Prisma } from "../../src/store/sql.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

type Kind = "city" | "district" | "street" | "organisation";

/**
 * The organisation tree is stored as a closure table kept by triggers (migration organisation_closure), and
 * each organisation's district on it (Organisation.districtId, migration organisation_district): these tests
 * create, move, re-kind and delete organisations the ways the app does (the service, a plain Prisma update as
 * the directory import does) and compare every subtree, chain and district with a walk over all rows
 * (domain/org-tree.ts).
 */
describe.each(databaseKinds)("everything below a hub, on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let organisations: OrganisationService;
  const ids: Record<string, number> = {};
  const id = (name: string) => ids[name] as number;

  const add = async (name: string, orgKind: Kind, parent?: string) => {
    const org = await organisations.create({
      name,
      kind: orgKind,
      parentId: parent === undefined ? null : id(parent),
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    ids[name] = org.id;
  };
  const nameOf = (orgId: number) => Object.entries(ids).find(([, v]) => v === orgId)?.[0];

  /** Below `root` by the closure table, by depth then id. */
  const below = async (root: string) => {
    const rows = await db.prisma.organisationAncestor.findMany({
      where: { ancestorId: id(root) },
      orderBy: [{ depth: "asc" }, { descendantId: "asc" }],
    });
    return rows.map((r) => nameOf(r.descendantId));
  };
  /** Below `root` by walking every row (the old way), in the same order. */
  const walked = async (root: string) => {
    const all: OrgNode[] = await db.prisma.organisation.findMany({ select: { id: true, parentId: true } });
    const depth = (o: OrgNode, byId: Map<number, OrgNode>): number => {
      let d = 0;
      for (let cur = o; cur.id !== id(root); d++) cur = byId.get(cur.parentId ?? -1) as OrgNode;
      return d;
    };
    const byId = new Map(all.map((o) => [o.id, o]));
    return subtreeOf(all, id(root))
      .map((o) => ({ id: o.id, depth: depth(o, byId) }))
      .sort((a, b) => a.depth - b.depth || a.id - b.id)
      .map((o) => nameOf(o.id));
  };
  /** Each organisation's stored district against the nearest district found by walking up every row. */
  const expectEveryDistrictMatches = async () => {
    const all = await db.prisma.organisation.findMany({
      select: { id: true, parentId: true, kind: true, districtId: true },
    });
    const byId = new Map(all.map((o) => [o.id, o]));
    const named = (orgId: number | null | undefined) => (orgId == null ? null : (nameOf(orgId) ?? orgId));
    const stored = Object.fromEntries(all.map((o) => [named(o.id), named(o.districtId)]));
    const walkedUp = Object.fromEntries(all.map((o) => [named(o.id), named(districtOf(o.id, byId)?.id)]));
    expect(stored).toEqual(walkedUp);
  };
  /** Below `root` as a statement over many organisations decides it from their districts (underSqlByDistrict). */
  const belowByDistrict = async (root: string) => {
    const rows = await db.prisma.$queryRaw<{ id: number }[]>`
      SELECT o."id" FROM "Organisation" o
      WHERE ${underSqlByDistrict(id(root), Prisma.sql`o."id"`, Prisma.sql`o."districtId"`)}`;
    return rows.map((r) => nameOf(Number(r.id))).sort();
  };
  const expectEveryTreeMatches = async () => {
    for (const name of Object.keys(ids)) {
      const walk = await walked(name);
      expect(await below(name), name).toEqual(walk);
      expect(await belowByDistrict(name), name).toEqual([...walk].sort());
    }
    await expectEveryDistrictMatches();
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

  it("is the hub, then each level below it, and nothing outside it", async () => {
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
    await expectEveryTreeMatches();
    expect(await organisations.contains(id("宁波市"), id("阳光志愿者协会"))).toBe(true);
    expect(await organisations.contains(id("江北区"), id("阳光志愿者协会"))).toBe(false);
    expect(await organisations.hasBelow(id("鼓楼街道"))).toBe(true);
    expect(await organisations.hasBelow(id("阳光志愿者协会"))).toBe(false);
  });

  it("knows each chain up to the city, and the district of each organisation", async () => {
    expect((await organisations.ancestors(id("阳光志愿者协会"))).map((o) => o.name)).toEqual([
      "阳光志愿者协会",
      "鼓楼街道",
      "海曙区",
      "宁波市",
    ]);
    expect((await organisations.districtOf(id("阳光志愿者协会")))?.name).toBe("海曙区");
    expect((await organisations.districtOf(id("海曙区")))?.name).toBe("海曙区");
    expect(await organisations.districtOf(id("宁波市"))).toBeNull();
    expect(await organisations.districtOf(id("别的协会"))).toBeNull();
    expect((await organisations.descendantsAtLevel(id("宁波市"), "district")).map((o) => o.name).sort()).toEqual(
      ["江北区", "海曙区"].sort(),
    );
    const count = await db.prisma.organisation.count({ where: organisations.subtree(id("海曙区")) });
    expect(count).toBe(4);
  });

  it("follows a move: a street and everything below it changes district, and moves back", async () => {
    await organisations.setParent(id("鼓楼街道"), id("江北区"));
    try {
      expect(await below("江北区")).toEqual(["江北区", "鼓楼街道", "江北志愿者协会", "阳光志愿者协会"]);
      expect(await below("海曙区")).toEqual(["海曙区", "海曙义工队"]);
      expect((await organisations.districtOf(id("阳光志愿者协会")))?.name).toBe("江北区");
      await expectEveryTreeMatches();
      // the directory import moves with a plain update; detached, then under another city
      await db.prisma.organisation.update({ where: { id: id("鼓楼街道") }, data: { parentId: null } });
      expect(await below("宁波市")).not.toContain("阳光志愿者协会");
      await expectEveryTreeMatches();
      await db.prisma.organisation.update({ where: { id: id("鼓楼街道") }, data: { parentId: id("别的城市") } });
      expect((await organisations.ancestors(id("阳光志愿者协会"))).map((o) => o.name)).toEqual([
        "阳光志愿者协会",
        "鼓楼街道",
        "别的城市",
      ]);
      await expectEveryTreeMatches();
    } finally {
      await organisations.setParent(id("鼓楼街道"), id("海曙区"));
    }
    await expectEveryTreeMatches();
    expect(await below("海曙区")).toEqual(["海曙区", "鼓楼街道", "海曙义工队", "阳光志愿者协会"]);
  });

  it("refuses a move that would put an organisation below itself, and changes nothing", async () => {
    const before = await db.prisma.organisationAncestor.count();
    await expect(organisations.setParent(id("宁波市"), id("阳光志愿者协会"))).rejects.toThrow();
    await expect(organisations.setParent(id("海曙区"), id("海曙区"))).rejects.toThrow();
    expect((await organisations.find(id("宁波市")))?.parentId).toBeNull();
    expect(await db.prisma.organisationAncestor.count()).toBe(before);
    await expectEveryTreeMatches();
  });

  it("follows a change of kind: a street made a district takes what is below it, and gives it back", async () => {
    const districtName = async (name: string) => (await organisations.districtOf(id(name)))?.name ?? null;
    await db.prisma.organisation.update({ where: { id: id("鼓楼街道") }, data: { kind: "district" } });
    try {
      expect(await districtName("阳光志愿者协会")).toBe("鼓楼街道");
      expect(await districtName("海曙义工队")).toBe("海曙区");
      await expectEveryTreeMatches();
      // a district made a plain hub: what sat in it has the district above it, or none
      await db.prisma.organisation.update({ where: { id: id("海曙区") }, data: { kind: "street" } });
      expect(await districtName("海曙义工队")).toBeNull();
      expect(await districtName("阳光志愿者协会")).toBe("鼓楼街道");
      await expectEveryTreeMatches();
      // moved and re-kinded in one update (SQLite fires the two triggers in an order it does not promise)
      await db.prisma.organisation.update({
        where: { id: id("鼓楼街道") },
        data: { parentId: id("江北区"), kind: "street" },
      });
      expect(await districtName("阳光志愿者协会")).toBe("江北区");
      await expectEveryTreeMatches();
    } finally {
      await db.prisma.organisation.update({ where: { id: id("海曙区") }, data: { kind: "district" } });
      await db.prisma.organisation.update({
        where: { id: id("鼓楼街道") },
        data: { parentId: id("海曙区"), kind: "street" },
      });
    }
    expect(await districtName("阳光志愿者协会")).toBe("海曙区");
    await expectEveryTreeMatches();
  });

  it("forgets a deleted district: what sat in it has no district", async () => {
    await add("临时区", "district", "宁波市");
    await add("临时区街道", "street", "临时区");
    await add("临时区协会", "organisation", "临时区街道");
    expect((await organisations.districtOf(id("临时区协会")))?.name).toBe("临时区");
    await db.prisma.organisation.delete({ where: { id: id("临时区") } });
    delete ids.临时区;
    expect(await organisations.districtOf(id("临时区协会"))).toBeNull();
    expect(await organisations.districtOf(id("临时区街道"))).toBeNull();
    await expectEveryTreeMatches();
    for (const name of ["临时区协会", "临时区街道"]) {
      await db.prisma.organisation.delete({ where: { id: id(name) } });
      delete ids[name];
    }
  });

  it("forgets a deleted organisation; what sat below it stands alone", async () => {
    await add("临时街道", "street", "江北区");
    await add("临时协会", "organisation", "临时街道");
    await db.prisma.organisation.delete({ where: { id: id("临时街道") } });
    delete ids.临时街道;
    expect((await organisations.ancestors(id("临时协会"))).map((o) => o.name)).toEqual(["临时协会"]);
    expect(await below("江北区")).toEqual(["江北区", "江北志愿者协会"]);
    await expectEveryTreeMatches();
  });
});
