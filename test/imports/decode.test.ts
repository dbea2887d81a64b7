import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/imports/decode.ts";

const text = "活动名称,组织单位\n社区义诊,市红十字会、区卫健委等\n";

describe("decodeText", () => {
  it("reads UTF-8 without BOM", () => {
    expect(decodeText(Buffer.from(text, "utf8"))).toEqual({ ok: true, text, encoding: "utf-8" });
  });

  it("reads UTF-8 with BOM and drops the BOM", () => {
    expect(decodeText(Buffer.from("\uFEFF" + text, "utf8"))).toEqual({ ok: true, text, encoding: "utf-8" });
  });

  it("reads UTF-16LE and UTF-16BE with BOM", () => {
    const le = iconv.encode(text, "utf16le", { addBOM: true });
    const be = iconv.encode(text, "utf16be", { addBOM: true });
    expect(decodeText(le)).toEqual({ ok: true, text, encoding: "utf-16le" });
    expect(decodeText(be)).toEqual({ ok: true, text, encoding: "utf-16be" });
  });

  it("reads GB18030 when the bytes are not valid UTF-8", () => {
    expect(decodeText(iconv.encode(text, "gb18030"))).toEqual({ ok: true, text, encoding: "gb18030" });
  });

  it("reads an empty file as empty text", () => {
    expect(decodeText(Buffer.alloc(0))).toEqual({ ok: true, text: "", encoding: "utf-8" });
  });

  it("rejects bytes with NUL", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(decodeText(png)).toEqual({ ok: false, error: "binary" });
  });

  it("rejects bytes full of control characters", () => {
    let seed = 7;
    const junk = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % 255);
    });
    expect(decodeText(junk)).toEqual({ ok: false, error: "binary" });
  });

  it("tolerates a stray control character in real text", () => {
    const decoded = decodeText(Buffer.from(text.repeat(5) + "\f", "utf8"));
    expect(decoded.ok).toBe(true);
  });
});
