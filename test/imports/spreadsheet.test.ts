import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { readSpreadsheet } from "../../src/imports/spreadsheet.ts";
import { SPREADSHEET_LIMITS } from "../../src/imports/spreadsheet-format.ts";
import { readTableRecords } from "../../src/services/table-files.ts";
import { dateCell, sheetOf, workbook, zipBomb } from "./workbooks.ts";

const dir = mkdtempSync(join(tmpdir(), "yiqi-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { DEFAULT_TIMEZONE: "Asia/Shanghai", DATABASE_URL: `file:${join(dir, "cli.db")}` },
    now: () => new Date("2026-06-01T02:00:00Z"),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const header = ["序号", "公益服务活动名称", "组织单位", "具体内容和对象", "服务活动地点或区域", "活动时间"];

/** A programme as WPS saves it: a merged title row, one organiser cell merged over two rows, date cells. */
function programmeSheet() {
  const sheet = sheetOf([
    ["2026年“社会组织公益日”公益服务活动安排表"],
    header,
    [1, "社区义诊", "海曙区红十字会", "免费测血压", "鼓楼街道", dateCell(2026, 6, 28, 9, 0)],
    [2, "急救培训", "", "心肺复苏培训", "鼓楼街道", dateCell(2026, 6, 28)],
    [3, "爱心茶摊", "市志愿服务联合会", "送茶水", "全市约15个服务点", "6月16日开始持续到年底"],
  ]);
  sheet["!merges"] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 5 } },
    { s: { r: 2, c: 2 }, e: { r: 3, c: 2 } },
  ];
  return sheet;
}

/** The same table as CSV, as a person would type it from the sheet they see. */
const sameAsCsv = [
  "2026年“社会组织公益日”公益服务活动安排表,,,,,",
  header.join(","),
  "1,社区义诊,海曙区红十字会,免费测血压,鼓楼街道,2026年6月28日 9:00",
  "2,急救培训,海曙区红十字会,心肺复苏培训,鼓楼街道,2026年6月28日",
  "3,爱心茶摊,市志愿服务联合会,送茶水,全市约15个服务点,6月16日开始持续到年底",
].join("\n");

describe("reading Excel workbooks", () => {
  it("fills merged cells, reads date cells as the dates the sheet shows, keeps whole numbers whole", () => {
    const phone: XLSX.CellObject = { t: "n", v: 13800138000 };
    const sheet = sheetOf([
      ["名称", "电话", "编码"],
      ["海曙区", phone, "001234"],
    ]);
    const read = readSpreadsheet(workbook({ 名录: sheet, 其他: sheetOf([["x"]]) }), SPREADSHEET_LIMITS);
    expect(read).toEqual({
      ok: true,
      sheet: "名录",
      records: [
        ["名称", "电话", "编码"],
        ["海曙区", "13800138000", "001234"],
      ],
    });
    const programme = readSpreadsheet(workbook({ Sheet1: programmeSheet() }), SPREADSHEET_LIMITS);
    expect(programme.ok && programme.records.slice(2, 4)).toEqual([
      ["1", "社区义诊", "海曙区红十字会", "免费测血压", "鼓楼街道", "2026年6月28日 9:00"],
      ["2", "急救培训", "海曙区红十字会", "心肺复苏培训", "鼓楼街道", "2026年6月28日"],
    ]);
  });

  it("import FILE.xlsx gives the same events as the CSV of the same table; --sheet picks a sheet; .xls too", async () => {
    const args = ["--dry-run", "--json", "--year", "2026"];
    const csv = JSON.parse((await cli(["import", file("p.csv", sameAsCsv), ...args])).out);
    const xlsx = await cli(["import", file("p.xlsx", workbook({ Sheet1: programmeSheet() })), ...args]);
    expect(xlsx).toMatchObject({ code: 0, err: "" });
    const fromXlsx = JSON.parse(xlsx.out);
    expect(fromXlsx.events).toEqual(csv.events);
    expect(fromXlsx.events[0]).toMatchObject({ start: "2026-06-28T09:00:00+08:00", precision: "exact" });
    expect(fromXlsx.events[1]).toMatchObject({ organisers: ["海曙区红十字会"], precision: "day" });

    const two = workbook({ 说明: sheetOf([["本表说明"]]), 安排表: programmeSheet() });
    const picked = await cli(["import", file("two.xlsx", two), ...args, "--sheet", "安排表"]);
    expect(JSON.parse(picked.out).events).toEqual(csv.events);
    const missing = await cli(["import", file("two2.xlsx", two), ...args, "--sheet", "Sheet9"]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("Its sheets: 说明, 安排表") });

    const xls = await cli(["import", file("p.xls", workbook({ Sheet1: programmeSheet() }, "xls")), ...args]);
    expect(JSON.parse(xls.out).events).toEqual(csv.events);
  });

  it("refuses a zip bomb before unpacking it, and a sheet of more than 50,000 rows", async () => {
    const bomb = await readTableRecords(zipBomb(64 * 1024 * 1024), { maxBytes: 5 * 1024 * 1024, maxRows: 5000 });
    expect(bomb).toMatchObject({ ok: false, error: "zip_bomb" });
    const cliBomb = await cli(["import", file("bomb.xlsx", zipBomb(64 * 1024 * 1024)), "--dry-run"]);
    expect(cliBomb).toMatchObject({ code: 1, err: expect.stringContaining("may be a “zip bomb”") });

    const rows = Array.from({ length: 50_001 }, (_, i) => [`活动${i}`, "某协会", "6月28日"]);
    const big = workbook({ Sheet1: sheetOf([["公益服务活动名称", "组织单位", "活动时间"], ...rows]) });
    const refused = await cli(["import", file("big.xlsx", big), "--dry-run"]);
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining("more than 50000 rows") });
  }, 60_000);
});
