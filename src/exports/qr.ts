import { lazyPackage } from "../lazy-package.ts";

const qrcode = lazyPackage<typeof import("qrcode")>("qrcode");

/** Pixels per QR module and the quiet zone around it (modules): big enough to scan from a phone held up at a desk. */
const SCALE = 10;
const MARGIN = 4;

/** A link as a QR code, PNG (black on white, error correction M: survives a crease or a glare on a printout). */
export function qrPng(text: string): Promise<Buffer> {
  return qrcode().toBuffer(text, { type: "png", errorCorrectionLevel: "M", scale: SCALE, margin: MARGIN });
}
