import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subtreeScope } from "../../src/services/org-scope.ts";
import type { DatabaseKind } from "../../src/store/database.ts";
import { sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");
const DISTRICTS = 20;
/** more organisations under one hub than SQLite takes parameters in one statement (32,766) */
const ORGS = 40_000;

/**
 * A hub with 40,000 organisations below it, made by SQL in two statements (the closure table's triggers run
 * for each row). Before the closure table, its scope was an IN list of 40,001 ids, which SQLite refuses.
 */
describe.each(databaseKinds)("a hub with 40,000 organisations below it, on %s", (kind: DatabaseKind) => {
  let h: Harness;
  let admin: SimUser;
  let hub: GroupChatObject;
  let hubId: number;
  /** the last organisation made below the hub */
  let deepest = "";

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
    admin = h.fake.user({ first_name: "赵主任" });
    hub = h.fake.group({ title: "全市社会组织", creator: admin });
    await sendAndWait(h.fake, admin, hub, "/setup new 全市社会组织联合会 | 市 | - | Asia/Shanghai | zh-CN");
    const db = h.app.services.database;
    hubId = (await db.prisma.chat.findUniqueOrThrow({ where: { id: BigInt(hub.id) } })).organisationId as number;
    const kindOf = (k: "district" | "organisation") => db.dialect.enumValue("OrgKind", k);
    await db.prisma.$executeRaw`
      WITH RECURSIVE n ("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM n WHERE "i" < ${DISTRICTS})
      INSERT INTO "Organisation" ("name", "kind", "parentId", "timeZone", "locale", "joinCode", "createdAt", "updatedAt")
      SELECT 'District ' || "i", ${kindOf("district")}, ${hubId}, 'Asia/Shanghai', 'zh-CN', 'TD' || "i", ${now}, ${now} FROM n`;
    const first = await db.prisma.organisation.findFirstOrThrow({
      where: { kind: "district" },
      orderBy: { id: "asc" },
    });
    await db.prisma.$executeRaw`
      WITH RECURSIVE n ("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM n WHERE "i" < ${ORGS})
      INSERT INTO "Organisation" ("name", "kind", "parentId", "timeZone", "locale", "joinCode", "createdAt", "updatedAt")
      SELECT 'Org ' || "i", ${kindOf("organisation")}, ${first.id} + ("i" % ${DISTRICTS}), 'Asia/Shanghai', 'zh-CN',
             'TO' || "i", ${now}, ${now} FROM n`;
    const window = (day: number) => ({
      start: new Date(`2026-06-${String(day).padStart(2, "0")}T01:00:00Z`),
      end: new Date(`2026-06-${String(day).padStart(2, "0")}T03:00:00Z`),
      precision: "exact" as const,
      timeZone: "Asia/Shanghai",
    });
    const last = await db.prisma.organisation.findFirstOrThrow({ orderBy: { id: "desc" } });
    deepest = last.name;
    await h.app.services.events.create({ organisationId: last.id, title: "最后一个协会的活动", window: window(1) });
    await h.app.services.events.create({ organisationId: last.id - 1, title: "另一个协会的活动", window: window(3) });
    const elsewhere = await h.app.services.organisations.create({
      name: "别的城市",
      kind: "city",
      parentId: null,
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    await h.app.services.events.create({ organisationId: elsewhere.id, title: "别处的活动", window: window(2) });
  }, 120_000);
  afterAll(() => h?.stop());

  it("every organisation is in the closure table below the hub", async () => {
    const below = await h.app.services.database.prisma.organisationAncestor.count({ where: { ancestorId: hubId } });
    expect(below).toBe(1 + DISTRICTS + ORGS);
  });

  it("/events in the hub's group lists the events of organisations deep below it, and nothing else", async () => {
    const list = await sendAndWait(h.fake, admin, hub, "/events");
    expect(list.text).toContain("近期活动（共 2 个");
    expect(list.text).toContain("最后一个协会的活动");
    expect(list.text).toContain("另一个协会的活动");
    expect(list.text).not.toContain("别处的活动");
    expect(list.text).toContain(`· ${deepest}`);
  });

  it("/campaign and the hub's summary answer too, counted per district", async () => {
    const reply = await sendAndWait(h.fake, admin, hub, "/campaign");
    expect(reply.text).toBeTruthy();
    const chatId = BigInt(hub.id);
    const report = await h.app.services.summaries.report(chatId, now, new Date(now.getTime() - 86_400_000));
    expect(report?.todayTotal).toBe(1);
    expect(report?.weekTotal).toBe(1);
    expect(report?.byDistrict?.map((d) => [d.today, d.week])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(report?.byOrganisation).toHaveLength(2);
    const upcoming = await h.app.services.events.upcoming(subtreeScope(hubId), now, 0, 10);
    expect(upcoming.total).toBe(2);
  });
});
