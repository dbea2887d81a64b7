import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/exports/csv.ts";

describe("toCsv", () => {
  it("starts with a UTF-8 BOM and ends every row with CRLF", () => {
    const bytes = toCsv(["姓名", "人数"], [["张三", 2]]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe("\uFEFF姓名,人数\r\n张三,2\r\n");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    const text = toCsv(["a", "b", "c"], [['say "hi"', "x,y", "line1\nline2"]]).toString("utf8");
    expect(text).toBe('\uFEFFa,b,c\r\n"say ""hi""","x,y","line1\nline2"\r\n');
  });

  it("writes null and undefined as empty cells", () => {
    expect(toCsv(["a", "b", "c"], [[null, undefined, 0]]).toString("utf8")).toBe("\uFEFFa,b,c\r\n,,0\r\n");
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    const cells = ["=1+1", "+86 138", "-2", "@SUM(A1)", "\tx", "\rx", "a=b"];
    const text = toCsv(
      ["v"],
      cells.map((cell) => [cell]),
    ).toString("utf8");
    expect(text.slice(1).split("\r\n")).toEqual([
      "v",
      "'=1+1",
      "'+86 138",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      "a=b",
      "",
    ]);
  });

  it("leaves numbers alone, negative ones included", () => {
    expect(toCsv(["n"], [[-3], [1.5]]).toString("utf8")).toBe("\uFEFFn\r\n-3\r\n1.5\r\n");
  });

  it("round-trips Chinese text through csv-parse", () => {
    const rows = [
      ["社区义诊", "市红十字会、区卫健委", '为老年人测量血压，提供"健康"咨询'],
      ["爱心茶摊", '=HYPERLINK("x")', "全市约15个服务点\n线上同步"],
    ];
    const header = ["活动名称", "组织单位", "具体内容和对象"];
    const parsed: string[][] = parse(toCsv(header, rows), { bom: true });
    expect(parsed).toEqual([header, rows[0], ["爱心茶摊", '\'=HYPERLINK("x")', "全市约15个服务点\n线上同步"]]);
  });
});
