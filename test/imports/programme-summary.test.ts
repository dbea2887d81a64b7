import { describe, expect, it } from "vitest";
import { summariseProgramme } from "../../src/imports/programme-summary.ts";
import { type ProgrammeTable, parseProgrammeTable } from "../../src/imports/programme-table.ts";
import { options, table, zhHeader, zhProgramme, zhRows } from "./programme-fixtures.ts";

function parseOk(text: string): ProgrammeTable {
  const result = parseProgrammeTable(Buffer.from(text, "utf8"), options);
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result)}`);
  return result;
}

describe("summariseProgramme", () => {
  it("counts activities by local day, over several days, and with errors", () => {
    expect(summariseProgramme(parseOk(zhProgramme))).toEqual({
      total: 10,
      valid: 9,
      byDate: { "2026-06-28": 6, "2026-07-01": 1 },
      multiDay: 2,
      errorRows: 1,
      errors: [{ row: 12, field: "time", code: "not_understood", value: "时间待定" }],
    });
  });

  it("counts a row with several errors once and lists its errors in row order", () => {
    const csv = table([
      zhHeader,
      ["1", "", "市红十字会", "义诊", "幸福社区", "六月某天"],
      ["2", "社区义诊", "市红十字会"],
      ...zhRows.slice(0, 2),
    ]);
    const summary = summariseProgramme(parseOk(csv));
    expect(summary).toMatchObject({ total: 4, valid: 2, errorRows: 2, byDate: { "2026-06-28": 2 } });
    expect(summary.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "title"],
      [2, "time"],
      [3, "row"],
    ]);
  });

  it("puts an evening activity on its local day, not the UTC one", () => {
    const late = ["1", "夜跑", "市跑步协会", "夜跑", "滨江公园", "6月28日 23:00-23:30"];
    expect(summariseProgramme(parseOk(table([zhHeader, late]))).byDate).toEqual({ "2026-06-28": 1 });
  });
});
