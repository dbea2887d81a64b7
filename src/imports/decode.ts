import { lazyPackage } from "../lazy-package.ts";

const iconvLite = lazyPackage<typeof import("iconv-lite")>("iconv-lite");

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; error: "binary" };

/** Above this share of control/replacement characters the bytes are not a text file. */
const MAX_SUSPICIOUS_RATIO = 0.05;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes of an uploaded table → text. UTF-16 is recognised by its BOM (Excel's
 * "Unicode text"), UTF-8 with or without BOM by a strict decode; anything else is
 * read as GB18030, which is what Excel on Chinese Windows saves.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const decoded = decodeBytes(bytes);
  if (decoded === null || looksBinary(decoded.text)) return { ok: false, error: "binary" };
  return { ok: true, ...decoded };
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconvLite().decode(bytes, "utf16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconvLite().decode(bytes, "utf16be"), encoding: "utf-16be" };
  if (bytes.includes(0)) return null;
  try {
    return { text: strictUtf8.decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconvLite().decode(bytes, "gb18030"), encoding: "gb18030" };
  }
}

function looksBinary(text: string): boolean {
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
    if (control || c === 0xfffd) suspicious++;
  }
  return suspicious > text.length * MAX_SUSPICIOUS_RATIO;
}
