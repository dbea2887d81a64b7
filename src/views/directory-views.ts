import type { DirectoryError } from "../domain/directory-plan.ts";
import type { Translate } from "../i18n/translator.ts";
import type { DirectoryField } from "../imports/directory-table.ts";
import type { DirectoryEntry } from "../services/directory.ts";
import { startGroupLink } from "../services/directory.ts";
import { encodeCallback } from "./callback-data.ts";
import { fitMessage, userText } from "./html.ts";
import { callbackButton, keyboard, type View } from "./view.ts";

const ERRORS_SHOWN = 15;
const ENTRIES_SHOWN = 30;

/** "row 7: the parent '江东区' is neither in the file nor known" */
export function directoryErrorText(error: DirectoryError, t: Translate): string {
  return t("import-row", {
    row: error.row,
    problem: t(`directory-problem-${error.code}`, { value: error.value ?? "" }),
  });
}

export function directoryHeaderError(missing: DirectoryField[], t: Translate): string {
  return t("directory-error-bad_headers", { missing: missing.map((f) => t(`directory-column-${f}`)).join(", ") });
}

/** "5 new, 1 moved, 4 unchanged" */
export function countsText(counts: Record<DirectoryEntry["action"], number>, t: Translate): string {
  return t("directory-counts", {
    create: String(counts.create),
    move: String(counts.move),
    update: String(counts.update),
    unchanged: String(counts.unchanged),
  });
}

export interface DirectoryPreview {
  pendingId: number;
  fileName: string;
  entries: DirectoryEntry[];
  counts: Record<DirectoryEntry["action"], number>;
  errors: DirectoryError[];
}

function entryLine(e: DirectoryEntry, t: Translate): string {
  const parent = e.parent === null ? "" : ` ← ${userText(e.parent, 40)}`;
  return `· ${userText(e.name, 60)}（${t(`org-kind-${e.kind}`)}）${parent} — ${t(`directory-action-${e.action}`)}`;
}

/** The preview: what would be created or moved, the numbered row errors, Import / Cancel. */
export function directoryPreviewView(p: DirectoryPreview, t: Translate): View {
  const blocks = [t("directory-preview-title", { file: userText(p.fileName, 80) }), countsText(p.counts, t)];
  const changing = p.entries.filter((e) => e.action !== "unchanged");
  for (const e of changing.slice(0, ENTRIES_SHOWN)) blocks.push(entryLine(e, t));
  if (changing.length > ENTRIES_SHOWN)
    blocks.push(t("import-preview-more-errors", { count: changing.length - ENTRIES_SHOWN }));
  if (p.errors.length > 0) {
    blocks.push("", t("directory-preview-errors", { count: String(p.errors.length) }));
    for (const e of p.errors.slice(0, ERRORS_SHOWN)) blocks.push(`· ${userText(directoryErrorText(e, t), 200)}`);
    if (p.errors.length > ERRORS_SHOWN)
      blocks.push(t("import-preview-more-errors", { count: p.errors.length - ERRORS_SHOWN }));
  }
  const blocked = p.errors.length > 0;
  blocks.push("", t(blocked ? "directory-preview-blocked" : "directory-preview-confirm"));
  const buttons = blocked
    ? [[callbackButton(t("btn-import-cancel"), encodeCallback("directoryCancel", p.pendingId))]]
    : [
        [
          callbackButton(
            t("btn-directory-confirm", { count: String(p.counts.create + p.counts.move + p.counts.update) }),
            encodeCallback("directoryConfirm", p.pendingId),
          ),
          callbackButton(t("btn-import-cancel"), encodeCallback("directoryCancel", p.pendingId)),
        ],
      ];
  return { text: fitMessage(blocks, () => "…"), reply_markup: keyboard(buttons) };
}

/** After the import: the counts and the first links; the full list comes as a CSV file. */
export function directoryDoneText(
  entries: DirectoryEntry[],
  counts: Record<DirectoryEntry["action"], number>,
  bot: string | undefined,
  t: Translate,
): string {
  const blocks = [t("directory-done", { counts: countsText(counts, t) }), t("directory-done-links")];
  for (const e of entries.slice(0, ENTRIES_SHOWN)) {
    if (e.joinCode === null) continue;
    blocks.push(`· ${userText(e.name, 60)} <code>${e.joinCode}</code> ${startGroupLink(bot, e.joinCode)}`);
  }
  if (entries.length > ENTRIES_SHOWN) blocks.push(t("directory-done-more", { count: entries.length - ENTRIES_SHOWN }));
  return fitMessage(blocks, () => "…");
}

/** The directory with codes and links as CSV (UTF-8 with BOM, so Excel opens it in Chinese). */
export function directoryCsv(entries: DirectoryEntry[], bot: string | undefined, t: Translate): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const header = ["csv-name", "csv-level", "csv-parent", "csv-code", "csv-link"].map((k) => t(`directory-${k}`));
  const lines = [header.join(",")];
  for (const e of entries) {
    lines.push(
      [
        e.name,
        t(`org-kind-${e.kind}`),
        e.parent ?? "",
        e.joinCode ?? "",
        e.joinCode ? startGroupLink(bot, e.joinCode) : "",
      ]
        .map(quote)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
