import { createHash } from "node:crypto";

/**
 * Stable deduplication key of an imported activity: the same campaign, title and
 * set of organisers give the same key whatever the spacing, width, case or order.
 */
export function importKey(campaign: string | null, title: string, organisers: readonly string[]): string {
  const canonical = JSON.stringify([
    campaign === null ? null : normalise(campaign),
    normalise(title),
    [...new Set(organisers.map(normalise))].sort(),
  ]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

function normalise(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
