import type { LevelCount, OnboardingOrg } from "../domain/onboarding.ts";
import { toCsv } from "../exports/csv.ts";
import type { Translate } from "../i18n/translator.ts";
import { startGroupLink } from "../services/directory.ts";
import { encodeCallback } from "./callback-data.ts";
import { fitMessage, userText } from "./html.ts";
import { type Button, callbackButton, keyboard, type View } from "./view.ts";

/** Organisations per page: each line carries a link, and a page stays far below Telegram's 4096 characters. */
export const ORGANISATIONS_PER_PAGE = 20;

export interface OrganisationsPage {
  hub: { id: number; name: string };
  /** in the order shown (missing first) */
  orgs: readonly OnboardingOrg[];
  counts: readonly LevelCount[];
}

/** "区县 8/10 · 组织 412/1126 已关联" */
export function levelsHeadline(counts: readonly LevelCount[], t: Translate): string {
  const levels = counts
    .map((c) =>
      t("organisations-level", {
        level: t(`organisations-level-${c.kind}`),
        linked: String(c.linked),
        total: String(c.total),
      }),
    )
    .join(" · ");
  return t("organisations-headline", { levels });
}

function line(o: OnboardingOrg, links: { shown: boolean; bot: string | undefined }, t: Translate): string {
  const args = {
    name: userText(o.name, 40),
    level: t(`org-kind-${o.kind}`),
    parent: o.parent === null ? "" : t("organisations-parent", { name: userText(o.parent, 20) }),
  };
  if (o.group !== null) return t("organisations-line-linked", { ...args, group: userText(o.group, 30) });
  const missing = t("organisations-line-missing", args);
  return links.shown ? `${missing} ${startGroupLink(links.bot, o.joinCode)}` : missing;
}

/**
 * `/organisations`: the headline, one page of the organisations below the hub (those without a group
 * first) and ◀ ▶ and CSV buttons. Join links only where `withLinks` (the organiser's private chat):
 * a link lets whoever opens it link a group of theirs to that organisation.
 */
export function organisationsView(
  p: OrganisationsPage,
  page: number,
  o: { withLinks: boolean; bot: string | undefined; t: Translate },
): View {
  const { t } = o;
  const pages = Math.max(1, Math.ceil(p.orgs.length / ORGANISATIONS_PER_PAGE));
  const index = Math.min(Math.max(page, 0), pages - 1);
  const head = [t("organisations-title", { name: userText(p.hub.name, 60) })];
  if (p.orgs.length === 0) return { text: [...head, "", t("organisations-none")].join("\n") };
  head.push(levelsHeadline(p.counts, t));
  if (pages > 1) head.push(t("organisations-page", { page: index + 1, pages }));
  if (!o.withLinks && p.orgs.some((org) => org.group === null)) head.push(t("organisations-links-private"));
  const shown = p.orgs.slice(index * ORGANISATIONS_PER_PAGE, (index + 1) * ORGANISATIONS_PER_PAGE);
  const lines = shown.map((org) => line(org, { shown: o.withLinks, bot: o.bot }, t));
  const nav: Button[] = [];
  if (index > 0) nav.push(callbackButton("◀", encodeCallback("organisationsPage", p.hub.id, index - 1)));
  if (index < pages - 1) nav.push(callbackButton("▶", encodeCallback("organisationsPage", p.hub.id, index + 1)));
  const csv = [callbackButton(t("btn-organisations-csv"), encodeCallback("organisationsCsv", p.hub.id))];
  return { text: fitMessage([...head, "", ...lines], () => "…"), reply_markup: keyboard([nav, csv]) };
}

/** Every organisation below the hub as CSV: name, level, parent, linked, group, join code, link. */
export function organisationsCsv(orgs: readonly OnboardingOrg[], bot: string | undefined, t: Translate): Buffer {
  const header = [
    t("directory-csv-name"),
    t("directory-csv-level"),
    t("directory-csv-parent"),
    t("organisations-csv-linked"),
    t("organisations-csv-group"),
    t("directory-csv-code"),
    t("directory-csv-link"),
  ];
  return toCsv(
    header,
    orgs.map((o) => [
      o.name,
      t(`org-kind-${o.kind}`),
      o.parent ?? "",
      t(o.group === null ? "organisations-csv-no" : "organisations-csv-yes"),
      o.group ?? "",
      o.joinCode,
      startGroupLink(bot, o.joinCode),
    ]),
  );
}
