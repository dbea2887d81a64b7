import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { openDatabase } from "../../src/store/database.ts";
import { loadMigrations } from "../../src/store/migrator.ts";
import { table, titleRow, zhHeader, zhProgramme, zhRows } from "../imports/programme-fixtures.ts";
import { createThrowawayDatabase, databaseKinds, type ThrowawayDatabase } from "../support/databases.ts";

const now = new Date("2026-06-01T02:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "yiqi-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Runs the CLI in-process and collects what it prints. */
async function cli(argv: string[], env: Record<string, string> = {}, at = now) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { DEFAULT_TIMEZONE: "Asia/Shanghai", ...env },
    now: () => at,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const goodRows = zhRows.filter((r) => r[5] !== "时间待定");
const good = () => file("good.csv", table([titleRow, zhHeader, ...goodRows]));

describe("import --json", () => {
  it("prints every event with ISO-8601 windows in the zone's offset, precision and flags", async () => {
    const result = await cli(["import", good(), "--dry-run", "--json", "--year", "2026"]);
    expect(result).toMatchObject({ code: 0, err: "" });
    const report = JSON.parse(result.out);
    expect(report.summary).toEqual({
      total: 9,
      valid: 9,
      byDate: { "2026-06-28": 6, "2026-07-01": 1 },
      multiDay: 2,
      errorRows: 0,
    });
    expect(report.events[0]).toEqual({
      row: 3,
      title: "社区义诊",
      organisers: ["市红十字会", "区卫生健康局", "幸福社区居委会"],
      andOthers: false,
      content: "为辖区老年人免费测量血压、血糖，提供健康咨询",
      place: "幸福社区服务中心",
      online: false,
      timeText: "6月28日 9:00-11:30",
      start: "2026-06-28T09:00:00+08:00",
      end: "2026-06-28T11:30:00+08:00",
      precision: "exact",
      openEnded: false,
      // a dry run without --org routes nothing
      organisation: null,
      district: null,
      createsOrganisation: null,
    });
    const byTitle = new Map(report.events.map((e: { title: string }) => [e.title, e]));
    expect(byTitle.get("垃圾分类宣传进社区")).toMatchObject({
      organisers: ["市环保志愿者协会", "城东街道办事处"],
      andOthers: true,
      start: "2026-06-28T00:00:00+08:00",
      end: "2026-06-29T00:00:00+08:00",
      precision: "day",
    });
    expect(byTitle.get("爱心茶摊")).toMatchObject({
      place: "全市约15个服务点",
      start: "2026-06-16T00:00:00+08:00",
      end: "2027-01-01T00:00:00+08:00",
      precision: "ongoing",
    });
    expect(byTitle.get("亲子心理健康讲座")).toMatchObject({ online: true, place: null });
    expect(byTitle.get("公益电影放映")).toMatchObject({
      precision: "part_of_month",
      start: "2026-06-21T00:00:00+08:00",
    });
  });

  it("reads GB18030 the same as UTF-8, and --year moves the dates", async () => {
    const gbk = file("gbk.csv", iconv.encode(table([titleRow, zhHeader, ...goodRows]), "gb18030"));
    const utf8 = JSON.parse((await cli(["import", good(), "--dry-run", "--json", "--year", "2020"])).out);
    const fromGbk = JSON.parse((await cli(["import", gbk, "--dry-run", "--json", "--year", "2020"])).out);
    expect(fromGbk.events).toEqual(utf8.events);
    expect(utf8.events[0].start).toBe("2020-06-28T09:00:00+08:00");
  });

  it("lists row errors with row numbers and exits 1 unless --skip-bad-rows", async () => {
    const mixed = file("mixed.csv", zhProgramme);
    const blocked = await cli(["import", mixed, "--dry-run", "--json"]);
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.out).errors).toEqual([
      {
        row: 12,
        field: "time",
        code: "not_understood",
        value: "时间待定",
        message: "row 12: time “时间待定” not understood",
      },
    ]);
    expect(blocked.err).toBe(`${mixed}: 1 row(s) with errors; the import would stop: fix them or pass --skip-bad-rows`);
    expect((await cli(["import", mixed, "--dry-run", "--json", "--skip-bad-rows"])).code).toBe(0);
  });
});

describe("bad input: exit 1 with one clear line", () => {
  const cases: [string, () => string[], RegExp][] = [
    ["no file argument", () => ["import"], /^usage: npm run cli -- import FILE/],
    ["a missing file", () => ["import", join(dir, "nope.csv"), "--dry-run"], /cannot read .*nope\.csv: ENOENT$/],
    ["an empty file", () => ["import", file("empty.csv", ""), "--dry-run"], /empty\.csv: The file is empty/],
    [
      "wrong headers",
      () => ["import", file("headers.csv", "name,when\nx,June 28\n"), "--dry-run"],
      /Missing columns: organising units, time\./,
    ],
    [
      "binary junk",
      () => [
        "import",
        file("junk.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0, 0xff, 0xfe, 0])),
        "--dry-run",
      ],
      /junk\.xlsx: I cannot read this Excel file \(not a valid workbook\)/,
    ],
    [
      "a file over the size limit",
      () => ["import", file("big.csv", Buffer.alloc(5 * 1024 * 1024 + 1, "a")), "--dry-run"],
      /The file is too big \(5 MB\): the limit is 5 MB/,
    ],
    [
      "10,000 rows",
      () => [
        "import",
        file("rows.csv", table([zhHeader, ...Array.from({ length: 10_000 }, () => goodRows[0]!)])),
        "--dry-run",
      ],
      /more than 5000 activities/,
    ],
    ["a bad --year", () => ["import", good(), "--dry-run", "--year", "20x6"], /^--year must be a year/],
    ["import without --org", () => ["import", good()], /^--org ID is required/],
    ["an unknown command", () => ["export"], /^unknown command "export"/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const result = await cli(argv());
      expect(result.code).toBe(1);
      expect(result.err.split("\n")[0]).toMatch(message);
    });
  }

  it("a bad DATABASE_URL is named", async () => {
    const result = await cli(["migrate"], { DATABASE_URL: "mysql://x" });
    expect(result).toMatchObject({ code: 1, err: expect.stringMatching(/^configuration: DATABASE_URL must be/) });
  });
});

describe.each(databaseKinds)("import and migrate on %s", (kind) => {
  let database: ThrowawayDatabase;
  let env: Record<string, string>;
  let orgId: number;

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    env = { DATABASE_URL: database.url };
    const names = loadMigrations(kind).map((m) => m.name);
    const migrated = await cli(["migrate"], env);
    expect(migrated).toMatchObject({
      code: 0,
      out: [...names.map((n) => `applied ${n}`), `${names.length} migration(s) applied`].join("\n"),
    });
    expect((await cli(["migrate"], env)).out).toBe(
      `database is up to date (${names.length} migrations applied before)`,
    );
    const db = await openDatabase(database.url);
    orgId = (
      await db.prisma.organisation.create({ data: { name: "市社会组织联合会", kind: "city", joinCode: "CITY2026" } })
    ).id;
    await db.close();
  });
  afterAll(() => database?.drop());

  /** A fresh organisation whose programme the CLI imported into the yearly campaign 社会组织公益日. */
  async function organisationWithYearlyCampaign(joinCode: string) {
    const db = await openDatabase(database.url);
    const id = (await db.prisma.organisation.create({ data: { name: "市社会组织联合会", kind: "city", joinCode } })).id;
    await db.close();
    const imported = await cli(
      ["import", good(), "--org", String(id), "--campaign", "社会组织公益日", "--yearly", "--json"],
      env,
    );
    if (imported.code !== 0) throw new Error(`import failed: ${imported.err}`);
    return id;
  }

  it("imports into a campaign once; running it again adds no copies", async () => {
    const args = ["import", good(), "--org", String(orgId), "--campaign", "社会组织公益日", "--yearly", "--json"];
    const first = await cli(args, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).imported).toMatchObject({ created: 9, updated: 0, unchanged: 0 });
    const second = await cli(args, env);
    expect(JSON.parse(second.out).imported).toMatchObject({ created: 0, updated: 0, unchanged: 9 });

    const db = await openDatabase(database.url);
    try {
      expect(await db.prisma.event.count()).toBe(9);
      const campaign = await db.prisma.campaign.findFirstOrThrow();
      expect(campaign).toMatchObject({ name: "社会组织公益日", recurrence: "yearly:06-28" });
      expect(await db.prisma.event.count({ where: { campaignId: campaign.id } })).toBe(9);
    } finally {
      await db.close();
    }
  });

  it("takes the year from a yearly campaign when --year is not given: next year once this year's day is over", async () => {
    const orgId = await organisationWithYearlyCampaign("YEARLY26");
    const args = ["import", good(), "--org", String(orgId), "--campaign", "社会组织公益日", "--dry-run", "--json"];
    const onTheDay = JSON.parse((await cli(args, env, new Date("2026-06-28T12:00:00Z"))).out);
    expect([onTheDay.year, onTheDay.events[0].start]).toEqual([2026, "2026-06-28T09:00:00+08:00"]);
    const after = JSON.parse((await cli(args, env, new Date("2026-07-15T02:00:00Z"))).out);
    expect([after.year, after.events[0].start]).toEqual([2027, "2027-06-28T09:00:00+08:00"]);
  });

  it("--dry-run writes nothing; an unknown --org is one clear line", async () => {
    const other = file("other.csv", table([zhHeader, ["1", "新活动", "某协会", "", "", "6月28日"]]));
    expect((await cli(["import", other, "--org", String(orgId), "--dry-run"], env)).code).toBe(0);
    const db = await openDatabase(database.url);
    expect(await db.prisma.event.count({ where: { title: "新活动" } })).toBe(0);
    await db.close();
    expect(await cli(["import", other, "--org", "999"], env)).toMatchObject({
      code: 1,
      err: "there is no organisation with id 999",
    });
  });
});

describe("npm run cli", () => {
  it("runs as a program without BOT_TOKEN and exits with the code", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, BOT_TOKEN: "", DATABASE_URL: `file:${join(dir, "spawn.db")}` };
    const ok = await run("npx", ["tsx", "src/cli.ts", "import", good(), "--dry-run"], { env });
    expect(ok.stdout).toContain("good.csv: 9 activities (6 on 6/28, 1 on 7/1, 2 over several days)");
    const failed = await run("npx", ["tsx", "src/cli.ts", "import", join(dir, "missing.csv"), "--dry-run"], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining("ENOENT") });
  });
});
