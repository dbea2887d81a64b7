import { parseDirectoryRecords } from "../../src/imports/directory-table.ts";
import { DirectoryService } from "../../src/services/directory.ts";
import type { Harness } from "../support/harness.ts";

/** The Ningbo directory the tests import: the city and its ten districts and counties. */
export const ningboDistricts = [
  "海曙区",
  "江北区",
  "镇海区",
  "北仑区",
  "鄞州区",
  "奉化区",
  "余姚市",
  "慈溪市",
  "宁海县",
  "象山县",
];

export function ningboRows(extra: string[][] = []): string[][] {
  return [
    ["名称", "级别", "上级"],
    ["宁波市", "市", ""],
    ...ningboDistricts.map((d) => [d, "区县", "宁波市"]),
    ...extra,
  ];
}

export function tsv(rows: string[][]): Buffer {
  return Buffer.from(`${rows.map((r) => r.join("\t")).join("\n")}\n`, "utf8");
}

/** The Ningbo directory, imported the way the CLI does it. */
export async function importNingbo(h: Harness, extra: string[][] = []) {
  const directory = new DirectoryService(h.app.services.database.prisma);
  const table = parseDirectoryRecords(ningboRows(extra));
  if (!table.ok) throw new Error("bad directory");
  await directory.apply(await directory.plan(table.rows, null), { timeZone: "Asia/Shanghai", locale: "zh-CN" });
  const orgs = await h.app.services.database.prisma.organisation.findMany();
  return new Map(orgs.map((o) => [o.name, o]));
}
