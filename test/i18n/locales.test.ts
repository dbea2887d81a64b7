import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { menuCommands } from "../../src/bot/commands.ts";
import { locales } from "../../src/config/config.ts";
import { Translator } from "../../src/i18n/translator.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Keys built at run time from a prefix: every value they can take. */
const dynamicKeys = [
  ...menuCommands.map((c) => `cmd-${c}`),
  ...["cancelled", "closed", "ended", "deadline", "draft", "completed"].map((r) => `toast-refused-${r}`),
  ...["title", "time", "place", "details", "capacity", "deadline"].flatMap((f) => [`form-ask-${f}`, `form-field-${f}`]),
  ...["empty", "not_understood", "invalid_date", "invalid_time", "end_before_start"].map((e) => `form-time-${e}`),
  ...["city", "district", "street", "organisation"].map((k) => `org-kind-${k}`),
  ...["city", "district", "street", "organisation"].map((k) => `organisations-level-${k}`),
  ...locales.map((l) => `locale-${l}`),
  ...["empty", "too_large", "binary", "bad_headers", "too_many_rows", "malformed"].map((e) => `import-error-${e}`),
  ...["title", "organisers", "content", "place", "time"].map((f) => `import-column-${f}`),
  ...["title-missing", "organisers-missing", "time-missing", "row-too_few_cells"].map((p) => `import-problem-${p}`),
  ...["empty", "not_understood", "invalid_date", "invalid_time", "end_before_start"].map(
    (e) => `import-problem-time-${e}`,
  ),
  ...[
    "event",
    "time",
    "organisation",
    "number",
    "name",
    "username",
    "status",
    "signed-up-at",
    "month",
    "date",
    "hours",
  ].map((c) => `export-col-${c}`),
  ...["confirmed", "waitlisted", "cancelled", "attended", "no_show"].map((s) => `export-status-${s}`),
  ...["bad-offsets", "bad-time", "bad-language"].map((e) => `settings-${e}`),
  "setup-name-empty",
  "setup-name-invisible",
  // over-long text is cut to fit a card, and the reply says so (issue 10)
  ...["title", "place"].map((f) => `form-${f}-shortened`),
  // roles (issue 15)
  "form-ask-roles",
  "form-field-roles",
  "export-col-role",
  "import-column-roles",
  "form-ask-guests",
  "form-field-guests",
  "export-col-guests",
  ...["empty", "too-many", "name-too-long", "duplicate", "capacity-range", "no-name"].map((e) => `form-roles-${e}`),
];

/** Strings that look like message keys but name outbox delivery kinds. */
const deliveryKinds = new Set(["event-cancelled", "organiser-reminder", "member-reminder", "event-changed"]);

describe("locales", () => {
  const translator = new Translator("zh-CN");

  it("zh-CN and en define exactly the same messages", () => {
    expect(translator.keys("en").sort()).toEqual(translator.keys("zh-CN").sort());
  });

  it("every message key the code uses exists in both languages", () => {
    const used = new Set<string>(dynamicKeys);
    for (const file of sourceFiles("src")) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-z][a-z0-9_-]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(
        /"((?:toast|form|setup|events|my|btn|organiser|edit|cancel|card|error|status|places|promoted|event)-[a-z0-9_-]+)"/g,
      )) {
        if (!deliveryKinds.has(m[1]!)) used.add(m[1]!);
      }
    }
    const missing = locales.flatMap((l) => [...used].filter((k) => !translator.has(l, k)).map((k) => `${l}:${k}`));
    expect(missing).toEqual([]);
  });

  it("picks a language from Telegram's language_code", () => {
    expect(translator.negotiate("en")).toBe("en");
    expect(translator.negotiate("en-GB")).toBe("en");
    expect(translator.negotiate("zh-hans")).toBe("zh-CN");
    expect(translator.negotiate("de")).toBe("zh-CN");
    expect(translator.negotiate(undefined)).toBe("zh-CN");
  });
});
