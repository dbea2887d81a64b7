import type { Locale } from "../config/config.ts";
import { locales } from "../config/config.ts";
import { parseStoredOffsets } from "../domain/reminders/offsets.ts";
import { PERSONAL_PRESETS, type PersonalReminders, sameChoice } from "../domain/reminders/personal.ts";
import {
  GROUP_OFFSET_PRESETS,
  GROUP_REMINDERS_OFF,
  SUMMARY_OFF,
  SUMMARY_QUIET_NO,
  SUMMARY_QUIET_YES,
  SUMMARY_TIME_PRESETS,
} from "../domain/reminders/presets.ts";
import type { Translate } from "../i18n/translator.ts";
import { encodeCallback } from "./callback-data.ts";
import { type Button, callbackButton, keyboard, urlButton, type View } from "./view.ts";

/** A group's settings as the menu shows them. */
export interface GroupSettingsState {
  remindersOn: boolean;
  reminderOffsets: string;
  summaryOn: boolean;
  summaryTime: string;
  summaryWhenQuiet: boolean;
  locale: Locale;
}

/** The pages of the group menu (a button's id): the overview, one page per setting, and closing the menu. */
export const groupPages = ["main", "reminders", "summary", "language", "done"] as const;
export type GroupPage = (typeof groupPages)[number];

/** One offset as people say it: 1440 → "1 天" / "1 day", 90 → "1 小时 30 分钟" / "1 hour 30 minutes". */
function offsetText(minutes: number, t: Translate): string {
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days) parts.push(t("lead-days", { count: days }));
  if (hours) parts.push(t("lead-hours", { count: hours }));
  if (rest) parts.push(t("lead-minutes", { count: rest }));
  return parts.join(" ");
}

/** Offsets as a list people read: "1 天和 2 小时" / "1 day and 2 hours". */
export function offsetsText(offsets: readonly number[], t: Translate): string {
  const items = offsets.map((m) => offsetText(m, t));
  const last = items.pop() ?? "";
  return items.length === 0 ? last : t("offsets-list", { head: items.join(t("offsets-list-sep")), last });
}

const mark = (chosen: boolean, label: string) => (chosen ? `✓ ${label}` : label);

function inRows(buttons: Button[], perRow: number): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

function groupLines(s: GroupSettingsState, t: Translate): string[] {
  const offsets = parseStoredOffsets(s.reminderOffsets);
  return [
    t("settings-header"),
    s.remindersOn && offsets.length > 0
      ? t("settings-reminders-on", { offsets: offsetsText(offsets, t) })
      : t("settings-reminders-off"),
    s.summaryOn
      ? t("settings-summary-on", { time: s.summaryTime, quiet: s.summaryWhenQuiet ? "yes" : "no" })
      : t("settings-summary-off"),
    t("settings-language", { language: t(`locale-${s.locale}`) }),
  ];
}

const page = (p: GroupPage) => encodeCallback("settingsPage", groupPages.indexOf(p));
const back = (t: Translate) => [callbackButton(t("btn-settings-back"), page("main"))];

/**
 * The group's settings menu: the overview with a button per setting, or one setting's choices. `saved` is
 * the confirmation of the choice just made, shown on top of the overview in the same message.
 */
export function groupSettingsView(s: GroupSettingsState, p: GroupPage, t: Translate, saved?: string): View {
  const overview = groupLines(s, t);
  switch (p) {
    case "main":
      return {
        text: [...(saved ? [saved, ""] : []), ...overview, "", t("settings-menu-hint")].join("\n"),
        reply_markup: keyboard([
          [
            callbackButton(t("btn-settings-reminders"), page("reminders")),
            callbackButton(t("btn-settings-summary"), page("summary")),
          ],
          [callbackButton(t("btn-settings-language"), page("language"))],
          [callbackButton(t("btn-settings-done"), page("done"))],
        ]),
      };
    case "done":
      return { text: [...overview, "", t("settings-menu-closed")].join("\n") };
    case "reminders": {
      const current = s.remindersOn ? s.reminderOffsets : null;
      const presets = GROUP_OFFSET_PRESETS.map((offsets, i) =>
        callbackButton(
          mark(current === offsets.join(","), offsetsText(offsets, t)),
          encodeCallback("settingsReminders", i),
        ),
      );
      const off = callbackButton(
        mark(!s.remindersOn, t("btn-reminders-off")),
        encodeCallback("settingsReminders", GROUP_REMINDERS_OFF),
      );
      return {
        text: [overview[1] ?? "", "", t("settings-ask-reminders")].join("\n"),
        reply_markup: keyboard([...inRows(presets, 2), [off], back(t)]),
      };
    }
    case "summary": {
      const times = SUMMARY_TIME_PRESETS.map((time, i) =>
        callbackButton(mark(s.summaryOn && s.summaryTime === time, time), encodeCallback("settingsSummary", i)),
      );
      const quiet = s.summaryWhenQuiet
        ? callbackButton(t("btn-summary-quiet-no"), encodeCallback("settingsSummary", SUMMARY_QUIET_NO))
        : callbackButton(t("btn-summary-quiet-yes"), encodeCallback("settingsSummary", SUMMARY_QUIET_YES));
      const off = callbackButton(
        mark(!s.summaryOn, t("btn-summary-off")),
        encodeCallback("settingsSummary", SUMMARY_OFF),
      );
      return {
        text: [overview[2] ?? "", "", t("settings-ask-summary")].join("\n"),
        reply_markup: keyboard([...inRows(times, 3), [quiet], [off], back(t)]),
      };
    }
    case "language":
      return {
        text: [overview[3] ?? "", "", t("settings-ask-language")].join("\n"),
        reply_markup: keyboard([
          locales.map((l, i) =>
            callbackButton(mark(s.locale === l, t(`locale-${l}`)), encodeCallback("settingsLanguage", i)),
          ),
          back(t),
        ]),
      };
  }
}

/** A member who cannot change the group's settings sees them, and where to set their own. */
export function groupSettingsReadOnlyView(s: GroupSettingsState, t: Translate, privateLink: string): View {
  return {
    text: [...groupLines(s, t), "", t("settings-members-hint")].join("\n"),
    reply_markup: keyboard([[urlButton(t("btn-my-settings"), privateLink)]]),
  };
}

/** A person's own settings as the private menu shows them. */
export interface PersonalSettingsState {
  reminders: PersonalReminders;
  /** what they chose, or null: their Telegram language (`effective`) */
  chosenLocale: Locale | null;
  effective: Locale;
}

function personalChoiceText(choice: PersonalReminders, t: Translate): string {
  switch (choice.kind) {
    case "group":
      return t("my-settings-reminders-group");
    case "none":
      return t("my-settings-reminders-none");
    case "own":
      return t("my-settings-reminders-own", { offsets: offsetsText(choice.offsets, t) });
  }
}

function presetLabel(choice: PersonalReminders, t: Translate): string {
  if (choice.kind === "group") return t("btn-my-reminders-group");
  if (choice.kind === "none") return t("btn-my-reminders-none");
  return offsetsText(choice.offsets, t);
}

/** The private /settings menu: when this person is reminded, and their language; `saved` confirms a choice. */
export function personalSettingsView(s: PersonalSettingsState, t: Translate, saved?: string): View {
  const language = t(`locale-${s.effective}`);
  const text = [
    ...(saved ? [saved, ""] : []),
    t("my-settings-header"),
    personalChoiceText(s.reminders, t),
    s.chosenLocale ? t("my-settings-language", { language }) : t("my-settings-language-telegram", { language }),
    "",
    t("my-settings-hint"),
  ].join("\n");
  const presets = PERSONAL_PRESETS.map((choice, i) =>
    callbackButton(mark(sameChoice(choice, s.reminders), presetLabel(choice, t)), encodeCallback("myReminders", i)),
  );
  const languages = [
    ...locales.map((l, i) =>
      callbackButton(mark(s.chosenLocale === l, t(`locale-${l}`)), encodeCallback("myLanguage", i)),
    ),
    callbackButton(
      mark(s.chosenLocale === null, t("btn-my-language-telegram")),
      encodeCallback("myLanguage", locales.length),
    ),
  ];
  return { text, reply_markup: keyboard([...inRows(presets, 2), languages]) };
}
