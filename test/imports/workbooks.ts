import { crc32, deflateRawSync } from "node:zlib";
import * as XLSX from "@e965/xlsx";

/** Test workbooks made with the same library the bot reads them with (no binary fixtures in the repo). */
export function workbook(sheets: Record<string, XLSX.WorkSheet>, bookType: "xlsx" | "xls" = "xlsx"): Buffer {
  const book = XLSX.utils.book_new();
  for (const [name, sheet] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, sheet, name);
  return Buffer.from(
    XLSX.write(book, { type: "buffer", bookType: bookType === "xls" ? "biff8" : "xlsx", compression: true }),
  );
}

export function sheetOf(rows: (string | number | XLSX.CellObject)[][]): XLSX.WorkSheet {
  return XLSX.utils.aoa_to_sheet(rows);
}

/** An Excel date cell (a serial number with a date format), as Excel stores 2026年6月28日 9:00. */
export function dateCell(y: number, m: number, d: number, hour = 0, minute = 0): XLSX.CellObject {
  const serial = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 + (hour * 60 + minute) / 1440;
  return { t: "n", v: serial, z: hour || minute ? "yyyy/m/d h:mm" : "yyyy/m/d" };
}

/** A real .xlsx with one more part that unpacks to `size` bytes of zeros from a few kilobytes: a zip bomb. */
export function zipBomb(size: number): Buffer {
  const entries = [
    { name: "[Content_Types].xml", data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: "xl/media/padding.bin", data: Buffer.alloc(size) },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = deflateRawSync(entry.data, { level: 9 });
    const name = Buffer.from(entry.name);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
