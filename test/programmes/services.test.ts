import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config.ts";
import { Translator } from "../../src/i18n/translator.ts";
import type { ParsedRow } from "../../src/imports/programme-table.ts";
import { parseProgrammeTable } from "../../src/imports/programme-table.ts";
import { subtreeScope } from "../../src/services/org-scope.ts";
import { readProgramme } from "../../src/services/programme-parser.ts";
import type { ProgrammeService } from "../../src/services/programmes.ts";
import { createServices } from "../../src/services/services.ts";
import type { Database, DatabaseKind } from "../../src/store/database.ts";
import { zhProgramme } from "../imports/programme-fixtures.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";
import { TEST_BOT_TOKEN } from "../support/fake-telegram/index.ts";
import { testLogger } from "../support/log-capture.ts";

const zone = "Asia/Shanghai";
const now = new Date("2026-06-01T02:00:00Z");

function rows(): ParsedRow[] {
  const table = parseProgrammeTable(Buffer.from(zhProgramme), { timeZone: zone, now, year: 2026 });
  if (!table.ok) throw new Error("fixture did not parse");
  return table.rows;
}

/**
 * Campaigns are found by name across the whole database, so a test that needs campaigns of its own gets its
 * own database: the services on a migrated throw-away database, with a city, a district below it, the red
 * cross below the district, and an association outside the city (matched by name, never the owner).
 */
async function servicesWithHierarchy(kind: DatabaseKind) {
  const database = await openTestDatabase(kind);
  const config = parseConfig({ BOT_TOKEN: TEST_BOT_TOKEN, DATABASE_URL: "file:./unused.db", LOG_LEVEL: "silent" });
  const services = createServices({
    config,
    database,
    translator: new Translator(config.defaultLocale),
    logger: testLogger(),
    now: () => now,
  });
  const changed: number[] = [];
  services.changes.on("eventChanged", ({ eventId }) => {
    changed.push(eventId);
  });
  const org = (name: string, orgKind: "city" | "district" | "organisation", parentId: number | null) =>
    database.prisma.organisation.create({ data: { name, kind: orgKind, parentId, joinCode: `${kind}-${name}` } });
  const cityId = (await org("市社会组织联合会", "city", null)).id;
  const districtId = (await org("城东区", "district", cityId)).id;
  const redCrossId = (await org("市红十字会", "organisation", districtId)).id;
  await org("市心理咨询师协会", "organisation", null);
  const { campaigns, programmes, attendance, organisations } = services;
  return {
    database,
    organisations,
    campaigns,
    programmes,
    attendance,
    cityId,
    districtId,
    redCrossId,
    changed,
    db: () => database.prisma,
  };
}

type Story = Awaited<ReturnType<typeof servicesWithHierarchy>>;

/** The programme imported into the yearly campaign 社会组织公益日 (9 events). */
async function importedIntoYearlyCampaign(s: Story) {
  await s.programmes.importRows({ organisationId: s.cityId, campaignName: "社会组织公益日", yearly: true }, rows());
}

/** The same programme imported again into the campaign 学雷锋日. */
async function importedIntoSecondCampaign(s: Story) {
  await s.programmes.importRows({ organisationId: s.cityId, campaignName: "学雷锋日" }, rows());
}

/** The programme for 2027 staged and confirmed into 社会组织公益日 (its 2027 edition). */
async function nextYearsEditionConfirmed(s: Story) {
  const reading = readProgramme(Buffer.from(zhProgramme), { timeZone: zone, now, year: 2027 });
  if (!reading.ok) throw new Error("fixture did not parse");
  const id = await s.programmes.stage(
    { organisationId: s.cityId, campaignName: "社会组织公益日" },
    42n,
    reading,
    "a.csv",
    now,
  );
  await s.programmes.confirm(id);
}

describe.each(databaseKinds)("programme, campaign and attendance services on %s", (kind) => {
  let database: Database & { drop(): Promise<void> };
  let programmes: ProgrammeService;
  let cityId: number;
  let redCrossId: number;
  const db = () => database.prisma;
  const own: Story[] = [];

  /** A database of the test's own (dropped after the file), with the hierarchy. */
  async function ownStory() {
    const story = await servicesWithHierarchy(kind);
    own.push(story);
    return story;
  }

  beforeAll(async () => {
    const shared = await servicesWithHierarchy(kind);
    ({ database, programmes, cityId, redCrossId } = shared);
  });
  afterAll(async () => {
    await database?.drop();
    for (const story of own) await story.database.drop();
  });

  it("a row that fails to write rolls the whole import back", async () => {
    const good = rows();
    const broken = { ...good[1]!, window: { ...good[1]!.window, start: new Date(Number.NaN) } };
    await expect(
      programmes.importRows({ organisationId: cityId, campaignName: "失败的导入" }, [good[0]!, broken]),
    ).rejects.toThrow();
    expect(await db().event.count()).toBe(0);
    expect(await db().campaign.count()).toBe(0);
  });

  it("imports with owners from the hierarchy, organisers matched by name, and a campaign on the main day", async () => {
    const result = await programmes.importRows(
      { organisationId: cityId, campaignName: "社会组织公益日", yearly: true },
      rows(),
    );
    expect(result).toMatchObject({ created: 9, updated: 0, unchanged: 0 });
    const clinic = await db().event.findFirstOrThrow({ where: { title: "社区义诊" }, include: { organisers: true } });
    expect(clinic.organisationId).toBe(redCrossId);
    const talk = await db().event.findFirstOrThrow({
      where: { title: "亲子心理健康讲座" },
      include: { organisers: true },
    });
    // the unit is matched only below the importer: the association of that name outside it is not this one,
    // so the import creates the unit under the city
    const outside = await db().organisation.findFirstOrThrow({ where: { name: "市心理咨询师协会", parentId: null } });
    const owner = await db().organisation.findUniqueOrThrow({ where: { id: talk.organisationId } });
    expect(owner).toMatchObject({ name: "市心理咨询师协会", parentId: cityId, kind: "organisation" });
    expect(owner.id).not.toBe(outside.id);
    expect(talk.organisers[0]?.organisationId).toBe(owner.id);
    expect(result.organisationsCreated).toBe(8);
    expect(talk.isPublic).toBe(true); // campaign events are public by default
    const campaign = await db().campaign.findFirstOrThrow({ where: { name: "社会组织公益日" } });
    expect(campaign).toMatchObject({
      startsAt: new Date("2026-06-27T16:00:00Z"),
      endsAt: new Date("2026-06-28T16:00:00Z"),
      recurrence: "yearly:06-28",
      organisationId: cityId,
    });
  });

  it("re-importing matches on campaign, title and organisers (any order), updating only what changed", async () => {
    const story = await ownStory();
    await importedIntoYearlyCampaign(story);
    const { programmes, cityId, changed, db } = story;
    const again = rows().map((row) =>
      row.title === "社区义诊"
        ? { ...row, organisers: [...row.organisers].reverse(), place: "幸福社区服务中心二楼" }
        : row,
    );
    changed.length = 0;
    const result = await programmes.importRows({ organisationId: cityId, campaignName: "社会组织公益日" }, again);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 8 });
    const clinic = await db().event.findFirstOrThrow({ where: { title: "社区义诊" } });
    expect(clinic).toMatchObject({ place: "幸福社区服务中心二楼", sequence: 1 });
    expect(changed).toEqual([clinic.id]);
    expect(await db().campaign.count()).toBe(1);

    const otherCampaign = await programmes.importRows({ organisationId: cityId, campaignName: "学雷锋日" }, rows());
    expect(otherCampaign.created).toBe(9);
    expect(await db().event.count()).toBe(18);
  });

  it("a staged import is written once: a second confirm finds nothing", async () => {
    const reading = readProgramme(Buffer.from(zhProgramme), { timeZone: zone, now, year: 2027 });
    if (!reading.ok) throw new Error("fixture did not parse");
    const table = reading.table;
    const stale = await programmes.stage({ organisationId: cityId, campaignName: null }, 7n, reading, "old.csv", now);
    const later = new Date(now.getTime() + 25 * 60 * 60_000);
    const target = { organisationId: cityId, campaignName: "社会组织公益日" };
    const id = await programmes.stage(target, 42n, reading, "a.csv", later);
    expect(await programmes.pending(stale)).toBeNull();
    const pending = await programmes.pending(id);
    expect(pending?.table.rows[0]?.window.start).toEqual(table.rows[0]?.window.start);
    expect(pending?.table.errors).toEqual(table.errors);
    expect(pending?.summary).toEqual(reading.summary);
    const [first, second] = await Promise.all([programmes.confirm(id), programmes.confirm(id)]);
    expect([first?.created ?? null, second?.created ?? null].sort()).toEqual([9, null]);
    const campaign2027 = await db().campaign.findFirstOrThrow({
      where: { startsAt: new Date("2027-06-27T16:00:00Z") },
    });
    expect(campaign2027.name).toBe("社会组织公益日");
  });

  it("campaigns a group sees, and the programme with districts and counts", async () => {
    const story = await ownStory();
    await importedIntoYearlyCampaign(story);
    await importedIntoSecondCampaign(story);
    await nextYearsEditionConfirmed(story);
    const { campaigns, cityId, districtId } = story;
    const visible = await campaigns.visible(subtreeScope(districtId), now);
    expect(visible.map((c) => c.name)).toEqual(["社会组织公益日", "学雷锋日", "社会组织公益日"]);
    const campaign = (await campaigns.latestByName("社会组织公益日"))!;
    expect(await campaigns.yearFor("社会组织公益日", new Date("2027-07-01T00:00:00Z"), zone)).toBe(2028);
    const programme = await campaigns.programme(visible[0]!.id, subtreeScope(cityId));
    expect(programme).toHaveLength(9);
    expect(programme.find((p) => p.event.title === "社区义诊")).toMatchObject({
      organisation: "市红十字会",
      district: "城东区",
    });
    expect(programme.find((p) => p.event.title === "公益健步走")?.district).toBeNull();
    expect(campaign.recurrence).toBe("yearly:06-28");
  });

  it("attendance: not before the start; all attended; toggles; hours from the window or set by hand", async () => {
    const story = await ownStory();
    await importedIntoSecondCampaign(story);
    const { attendance, redCrossId, db } = story;
    const clinic = await db().event.findFirstOrThrow({ where: { title: "社区义诊", campaign: { name: "学雷锋日" } } });
    const users = await Promise.all(
      [1, 2, 3].map((n) =>
        db().user.create({ data: { id: BigInt(n * 1000 + (kind === "sqlite" ? 1 : 2)), firstName: `志愿者${n}` } }),
      ),
    );
    for (const [i, u] of users.entries()) {
      await db().signup.create({
        data: { eventId: clinic.id, userId: u.id, status: i === 2 ? "waitlisted" : "confirmed", seq: i + 1 },
      });
    }
    expect(await attendance.markAllAttended(clinic.id, now)).toEqual({ kind: "not_started" });
    const after = new Date("2026-06-28T04:00:00Z");
    expect(await attendance.markAllAttended(clinic.id, after)).toEqual({ kind: "done", count: 2 });
    expect((await db().event.findUniqueOrThrow({ where: { id: clinic.id } })).status).toBe("completed");
    const sheet = (await attendance.sheet(clinic.id))!;
    expect(sheet.people.map((p) => p.status)).toEqual(["attended", "attended"]);
    await attendance.toggle(clinic.id, sheet.people[1]!.id, after);
    const waitlisted = await db().signup.findFirstOrThrow({ where: { eventId: clinic.id, status: "waitlisted" } });
    expect(await attendance.toggle(clinic.id, waitlisted.id, after)).toEqual({ kind: "missing" });

    const year = await attendance.memberYear(users[0]!.id, 2026, zone);
    expect(year).toEqual([expect.objectContaining({ title: "社区义诊", hours: 2.5, organisation: "市红十字会" })]);
    expect(await attendance.memberYear(users[1]!.id, 2026, zone)).toEqual([]);
    await attendance.setHours(clinic.id, 4);
    expect((await attendance.report(subtreeScope(redCrossId), 2026, zone)).map((l) => [l.name, l.hours])).toEqual([
      ["志愿者1", 4],
    ]);
    expect(await attendance.report(subtreeScope(redCrossId), 2025, zone)).toEqual([]);
  });
});
