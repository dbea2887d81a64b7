import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { openDatabase } from "../../src/store/database.ts";
import { sheetOf, workbook } from "../imports/workbooks.ts";
import { createThrowawayDatabase, databaseKinds, type ThrowawayDatabase } from "../support/databases.ts";
import { startFakeTelegram } from "../support/fake-telegram/index.ts";
import { ningboDistricts, ningboRows, tsv } from "./ningbo.ts";

const dir = mkdtempSync(join(tmpdir(), "yiqi-directory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { DEFAULT_TIMEZONE: "Asia/Shanghai", ...env },
    now: () => new Date("2026-06-01T02:00:00Z"),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.each(databaseKinds)("organisations import on %s", (kind) => {
  let database: ThrowawayDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    env = { DATABASE_URL: database.url };
  });
  afterAll(() => database.drop());

  async function tree() {
    const db = await openDatabase(database.url);
    try {
      const orgs = await db.prisma.organisation.findMany({ include: { parent: true } });
      return new Map(orgs.map((o) => [o.name, { kind: o.kind, parent: o.parent?.name ?? null, code: o.joinCode }]));
    } finally {
      await db.close();
    }
  }

  it("builds the Ningbo hierarchy from TSV, prints join codes and links, and a second import changes nothing", async () => {
    const path = file(`ningbo-${kind}.tsv`, tsv(ningboRows()));
    const dry = await cli(["organisations", "import", path, "--dry-run", "--json"], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out).summary).toEqual({ create: 11, move: 0, update: 0, unchanged: 0 });
    expect((await tree()).size).toBe(0);

    const first = await cli(["organisations", "import", path, "--json"], env);
    expect(first).toMatchObject({ code: 0, err: "" });
    const report = JSON.parse(first.out);
    expect(report.summary).toEqual({ create: 11, move: 0, update: 0, unchanged: 0 });
    const stored = await tree();
    expect(stored.get("宁波市")).toMatchObject({ kind: "city", parent: null });
    for (const d of ningboDistricts) expect(stored.get(d)).toMatchObject({ kind: "district", parent: "宁波市" });
    const haishu = report.organisations.find((o: { name: string }) => o.name === "海曙区");
    expect(haishu).toMatchObject({ row: 3, level: "district", parent: "宁波市", action: "create" });
    expect(haishu.joinCode).toBe(stored.get("海曙区")?.code);
    expect(haishu.link).toBe(`https://t.me/<bot>?startgroup=${haishu.joinCode}`);

    const again = await cli(["organisations", "import", path], env);
    expect(again.code).toBe(0);
    expect(again.out).toContain("0 new, 0 moved, 0 level changed, 11 unchanged");
    expect(again.out).toContain(`row 3: 海曙区 (district) under 宁波市 — unchanged — ${haishu.joinCode}`);
    expect((await tree()).size).toBe(11);
  });

  it("moves an organisation whose parent changed, and refuses cycles and unknown parents by row", async () => {
    await cli(["organisations", "import", file(`base-${kind}.tsv`, tsv(ningboRows()))], env);
    const streets = ningboRows([
      ["南门街道", "街道", "海曙区"],
      ["南门社区志愿者协会", "组织", "南门街道"],
    ]);
    expect((await cli(["organisations", "import", file(`streets-${kind}.tsv`, tsv(streets))], env)).code).toBe(0);
    const moved = ningboRows([
      ["南门街道", "街道", "江北区"],
      ["南门社区志愿者协会", "组织", "南门街道"],
    ]);
    const result = await cli(["organisations", "import", file(`moved-${kind}.tsv`, tsv(moved))], env);
    expect(result.code).toBe(0);
    expect(result.out).toContain("0 new, 1 moved");
    expect((await tree()).get("南门街道")?.parent).toBe("江北区");

    const bad = ningboRows([
      ["甲协会", "组织", "乙协会"],
      ["乙协会", "组织", "甲协会"],
      ["丙协会", "组织", "不存在区"],
      ["丁协会", "社团", "海曙区"],
      ["南门街道", "街道", "南门社区志愿者协会"],
    ]);
    const refused = await cli(["organisations", "import", file(`bad-${kind}.tsv`, tsv(bad)), "--json"], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("row(s) with errors; nothing imported");
    const messages = JSON.parse(refused.out).errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual([
      "row 13: the parents of “甲协会” go round in a circle",
      "row 14: the parents of “乙协会” go round in a circle",
      "row 15: the parent “不存在区” is neither in the file nor an existing organisation",
      "row 16: level “社团” not understood (city, district, street or organisation)",
      "row 17: the parents of “南门街道” go round in a circle",
    ]);
    const after = await tree();
    expect(after.has("甲协会")).toBe(false);
    expect(after.get("南门街道")?.parent).toBe("江北区");
  });

  it("prints the bot's own username in the links when a token is set (getMe)", async () => {
    const fake = await startFakeTelegram();
    try {
      const path = file(`links-${kind}.tsv`, tsv(ningboRows()));
      const result = await cli(["organisations", "import", path, "--dry-run"], {
        ...env,
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      });
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/https:\/\/t\.me\/yiqi_test_bot\?startgroup=[A-Z2-9]{8}/);
      expect(result.out).not.toContain("<bot>");
    } finally {
      await fake.close();
    }
  });

  it("reads the same directory from .xlsx: the same organisations, and nothing changes after the TSV", async () => {
    await cli(["organisations", "import", file(`tsv-first-${kind}.tsv`, tsv(ningboRows()))], env);
    const path = file(`ningbo-${kind}.xlsx`, workbook({ Sheet1: sheetOf(ningboRows()) }));
    const result = await cli(["organisations", "import", path, "--json"], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).summary).toEqual({ create: 0, move: 0, update: 0, unchanged: 11 });
  });
});
