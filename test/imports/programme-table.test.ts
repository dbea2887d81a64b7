import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  type ParsedRow,
  type ProgrammeOptions,
  type ProgrammeTable,
  parseProgrammeTable,
} from "../../src/imports/programme-table.ts";
import { options, table, titleRow, zhHeader, zhProgramme, zhRows, zone } from "./programme-fixtures.ts";

function parseOk(bytes: Buffer, opts: ProgrammeOptions = options): ProgrammeTable {
  const result = parseProgrammeTable(bytes, opts);
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result)}`);
  return result;
}

function byTitle(rows: ParsedRow[], title: string): ParsedRow {
  const row = rows.find((r) => r.title === title);
  if (!row) throw new Error(`no row ${title}`);
  return row;
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("parseProgrammeTable: the zh-CN programme", () => {
  const result = parseOk(utf8(zhProgramme));

  it("reads every activity below the title and header rows", () => {
    expect(result.delimiter).toBe(",");
    expect(result.rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.errors).toEqual([{ row: 12, field: "time", code: "not_understood", value: "时间待定" }]);
  });

  it("reads an exact time range in the given zone", () => {
    const clinic = byTitle(result.rows, "社区义诊");
    expect(clinic).toMatchObject({
      organisers: ["市红十字会", "区卫生健康局", "幸福社区居委会"],
      andOthers: false,
      content: "为辖区老年人免费测量血压、血糖，提供健康咨询",
      place: "幸福社区服务中心",
      online: false,
      timeText: "6月28日 9:00-11:30",
    });
    expect(clinic.window.precision).toBe("exact");
    expect(clinic.window.timeZone).toBe(zone);
    expect(clinic.window.start.toISOString()).toBe("2026-06-28T01:00:00.000Z");
    expect(clinic.window.end.toISOString()).toBe("2026-06-28T03:30:00.000Z");
  });

  it("reads fuzzy times as day, part-of-month and ongoing windows", () => {
    const outreach = byTitle(result.rows, "垃圾分类宣传进社区").window;
    expect([outreach.precision, outreach.start.toISOString(), outreach.end.toISOString()]).toEqual([
      "day",
      "2026-06-27T16:00:00.000Z",
      "2026-06-28T16:00:00.000Z",
    ]);
    const film = byTitle(result.rows, "公益电影放映").window;
    expect([film.precision, film.start.toISOString(), film.end.toISOString()]).toEqual([
      "part_of_month",
      "2026-06-20T16:00:00.000Z",
      "2026-06-30T16:00:00.000Z",
    ]);
    const tea = byTitle(result.rows, "爱心茶摊").window;
    expect([tea.precision, tea.start.toISOString(), tea.end.toISOString()]).toEqual([
      "ongoing",
      "2026-06-15T16:00:00.000Z",
      "2026-12-31T16:00:00.000Z",
    ]);
    expect(byTitle(result.rows, "爱心图书捐赠").window.start.toISOString()).toBe("2026-06-30T16:00:00.000Z");
  });

  it("splits organisers on 、，；/ and records a trailing 等", () => {
    expect(byTitle(result.rows, "垃圾分类宣传进社区")).toMatchObject({
      organisers: ["市环保志愿者协会", "城东街道办事处"],
      andOthers: true,
    });
    expect(byTitle(result.rows, "爱心茶摊")).toMatchObject({
      organisers: ["市志愿服务联合会", "市总工会"],
      andOthers: true,
    });
    expect(byTitle(result.rows, "关爱住院儿童").organisers).toEqual(["市儿童福利基金会", "市第一人民医院"]);
    expect(byTitle(result.rows, "爱心图书捐赠").organisers).toEqual(["市图书馆志愿者协会", "市青年志愿者协会"]);
  });

  it("marks online activities and keeps areas verbatim", () => {
    expect(byTitle(result.rows, "亲子心理健康讲座")).toMatchObject({ online: true, place: null });
    expect(byTitle(result.rows, "爱心茶摊")).toMatchObject({ online: false, place: "全市约15个服务点" });
    expect(byTitle(result.rows, "爱心图书捐赠").place).toBe("某县30个行政村");
  });

  it("trims cells and folds line breaks inside them", () => {
    expect(byTitle(result.rows, "公益健步走")).toMatchObject({ content: "全民健身， 健步走5公里", place: "滨江公园" });
  });
});

describe("parseProgrammeTable: encodings and layouts", () => {
  const expected = parseOk(utf8(zhProgramme));

  it("reads UTF-8 with a BOM", () => {
    expect(parseOk(utf8("\uFEFF" + zhProgramme))).toEqual(expected);
  });

  it("reads GB18030 as saved by Excel on Chinese Windows", () => {
    expect(parseOk(iconv.encode(zhProgramme, "gb18030"))).toEqual(expected);
  });

  it("reads UTF-16LE tab-separated text as saved by Excel's Unicode text", () => {
    const tsv = table([titleRow, zhHeader, ...zhRows], "\t");
    const result = parseOk(iconv.encode(tsv, "utf16le", { addBOM: true }));
    expect(result.delimiter).toBe("\t");
    expect(result.rows).toEqual(expected.rows);
  });

  it("reads TSV whose cells contain commas", () => {
    const result = parseOk(utf8(table([zhHeader, ...zhRows], "\t")));
    expect(result.delimiter).toBe("\t");
    expect(result.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byTitle(result.rows, "免费法律咨询").content).toBe("解答婚姻家庭、劳动争议等法律问题");
  });

  it("finds the header without a title row or a 序号 column and with padded names", () => {
    const header = [" 活动名称 ", "组织单位", "活动地点", "活动时间 "];
    const result = parseOk(utf8(table([header, ["爱心茶摊", "市总工会", "全市约15个服务点", "6月28日"]])));
    expect(result.rows).toMatchObject([{ row: 2, title: "爱心茶摊", content: null, place: "全市约15个服务点" }]);
  });

  it("reads English headers and times", () => {
    const csv = table([
      ["No.", "Title", "Organisers", "Content and audience", "Location", "Date"],
      [
        "1",
        "Free clinic",
        "Red Cross, Health Bureau",
        "Blood pressure checks, for older residents",
        "Online",
        "June 28",
      ],
      ["2", "Tea stand", "Volunteer Federation", "Free tea for outdoor workers", "About 15 points", "late June"],
    ]);
    const result = parseOk(utf8(csv));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      row: 2,
      title: "Free clinic",
      organisers: ["Red Cross", "Health Bureau"],
      content: "Blood pressure checks, for older residents",
      online: true,
      place: null,
    });
    expect(result.rows[0]?.window.precision).toBe("day");
    expect(result.rows[1]?.window.precision).toBe("part_of_month");
  });

  it("skips empty rows silently but keeps counting them", () => {
    const csv = table([zhHeader, ["", "", "", "", "", ""], [], ...zhRows.slice(0, 1)]);
    expect(parseOk(utf8(csv)).rows.map((r) => r.row)).toEqual([4]);
  });

  it("counts a cell with line breaks as one spreadsheet row", () => {
    const csv = table([zhHeader, ...zhRows.slice(7, 9)]);
    expect(parseOk(utf8(csv)).rows.map((r) => r.row)).toEqual([2, 3]);
  });
});

describe("parseProgrammeTable: rejected files", () => {
  it("rejects an empty file", () => {
    expect(parseProgrammeTable(Buffer.alloc(0), options)).toEqual({ ok: false, error: "empty" });
    expect(parseProgrammeTable(utf8("\uFEFF \r\n\r\n"), options)).toEqual({ ok: false, error: "empty" });
  });

  it("rejects a table with a header and no activities", () => {
    expect(parseProgrammeTable(utf8(table([titleRow, zhHeader, ["", "", "", "", "", ""]])), options)).toMatchObject({
      ok: false,
      error: "empty",
    });
  });

  it("lists the required columns it could not find", () => {
    const wrong = table([
      ["名称", "组织单位", "地点", "日期时间"],
      ["社区义诊", "市红十字会", "幸福社区", "6月28日"],
    ]);
    expect(parseProgrammeTable(utf8(wrong), options)).toEqual({
      ok: false,
      error: "bad_headers",
      missing: ["title", "time"],
    });
    expect(parseProgrammeTable(utf8("hello world\nfoo bar\n"), options)).toEqual({
      ok: false,
      error: "bad_headers",
      missing: ["title", "organisers", "time"],
    });
  });

  it("looks for the header in the first five lines only", () => {
    const late = table([...Array.from({ length: 5 }, () => titleRow), zhHeader, ...zhRows]);
    expect(parseProgrammeTable(utf8(late), options)).toMatchObject({ ok: false, error: "bad_headers" });
  });

  it("rejects binary junk", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    expect(parseProgrammeTable(png, options)).toEqual({ ok: false, error: "binary" });
  });

  it("rejects a file over the size limit before reading it", () => {
    expect(parseProgrammeTable(Buffer.alloc(5 * 1024 * 1024 + 1, "a"), options)).toEqual({
      ok: false,
      error: "too_large",
    });
    expect(parseProgrammeTable(utf8(zhProgramme), { ...options, maxBytes: 100 })).toEqual({
      ok: false,
      error: "too_large",
    });
  });

  it("rejects too many rows", () => {
    const row = zhRows[1] ?? [];
    const csv = table([zhHeader, ...Array.from({ length: 10_000 }, () => row)]);
    expect(parseProgrammeTable(utf8(csv), options)).toEqual({ ok: false, error: "too_many_rows" });
  });

  it("accepts exactly maxRows rows", () => {
    const csv = utf8(table([zhHeader, ...zhRows.slice(0, 3)]));
    expect(parseOk(csv, { ...options, maxRows: 3 }).rows).toHaveLength(3);
    expect(parseProgrammeTable(csv, { ...options, maxRows: 2 })).toEqual({ ok: false, error: "too_many_rows" });
  });

  it("reports an unclosed quote as malformed", () => {
    const csv = table([zhHeader]) + '1,"社区义诊,市红十字会,义诊,幸福社区,6月28日\n';
    expect(parseProgrammeTable(utf8(csv), options)).toMatchObject({ ok: false, error: "malformed" });
  });
});

describe("parseProgrammeTable: row errors", () => {
  it("reports rows with too few cells, a missing title or organisers, and times it cannot read", () => {
    const csv = table([
      zhHeader,
      ["1", "社区义诊", "市红十字会"],
      ["2", "", "市红十字会", "义诊", "幸福社区", "6月28日"],
      ["3", "爱心茶摊", "等", "茶水", "全市", ""],
      ["4", "公益电影放映", "城西社联会", "放映", "城西广场", "六月某天"],
      ["5", "免费法律咨询", "市律师协会", "咨询", "市民广场", "6月31日"],
      ...zhRows.slice(0, 1),
    ]);
    const result = parseOk(utf8(csv));
    expect(result.rows.map((r) => r.row)).toEqual([7]);
    expect(result.errors).toEqual([
      { row: 2, field: "row", code: "too_few_cells" },
      { row: 3, field: "title", code: "missing" },
      { row: 4, field: "organisers", code: "missing" },
      { row: 4, field: "time", code: "missing" },
      { row: 5, field: "time", code: "not_understood", value: "六月某天" },
      { row: 6, field: "time", code: "invalid_date", value: "6月31日" },
    ]);
  });
});
