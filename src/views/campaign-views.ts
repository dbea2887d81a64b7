import { formatTimeWindow } from "../domain/time/index.ts";
import { encodeCallback } from "./callback-data.ts";
import { eventTime, placesText, placeText, statusBadge, type ViewContext } from "./event-views.ts";
import { userText } from "./html.ts";
import { type Button, callbackButton, keyboard, type View } from "./view.ts";

/** Room for the page's text; Telegram's limit is 4096 and the header is repeated on every page. */
const PAGE_BUDGET = 3600;

export interface CampaignHead {
  id: number;
  name: string;
  startsAt: Date;
  endsAt: Date;
  recurrence: string | null;
}

export interface CampaignLine {
  event: Parameters<typeof eventTime>[0];
  organisation: string;
  district: string | null;
  confirmed: number;
  waitlisted: number;
}

interface Block {
  kind: "district" | "organisation" | "event";
  text: string;
}

/** The programme as blocks: district headings, organisation subheadings, one line per activity. */
function programmeBlocks(lines: CampaignLine[], v: ViewContext): Block[] {
  const districts = new Map<string, Map<string, CampaignLine[]>>();
  const cityWide = v.t("campaign-city-wide");
  for (const line of lines) {
    const district = line.district ?? cityWide;
    const orgs = districts.get(district) ?? new Map<string, CampaignLine[]>();
    orgs.set(line.organisation, [...(orgs.get(line.organisation) ?? []), line]);
    districts.set(district, orgs);
  }
  const order = [...districts.keys()].sort((a, b) =>
    a === cityWide ? 1 : b === cityWide ? -1 : a.localeCompare(b, v.locale),
  );
  const blocks: Block[] = [];
  for (const district of order) {
    blocks.push({ kind: "district", text: `\n<b>📍 ${userText(district, 60)}</b>` });
    const orgs = districts.get(district) ?? new Map<string, CampaignLine[]>();
    for (const [org, activities] of [...orgs].sort(([a], [b]) => a.localeCompare(b, v.locale))) {
      blocks.push({ kind: "organisation", text: `<u>${userText(org, 60)}</u>` });
      for (const l of activities) {
        const counts = { confirmed: l.confirmed, waitlisted: l.waitlisted };
        blocks.push({
          kind: "event",
          text: `· ${userText(l.event.title, 60)}${statusBadge(l.event, v)} — ${eventTime(l.event, v)} · ${placeText(l.event, v)} · ${placesText(l.event, counts, v)}`,
        });
      }
    }
  }
  return blocks;
}

/**
 * Splits blocks into pages within the budget. A page never ends on a heading, and a page that
 * continues a district or organisation starts by repeating its headings.
 */
function paginate(blocks: Block[], firstBudget = PAGE_BUDGET): string[][] {
  const pages: Block[][] = [];
  const size = (page: Block[]) => page.reduce((n, b) => n + b.text.length + 1, 0);
  let page: Block[] = [];
  let district: Block | undefined;
  let organisation: Block | undefined;
  for (const block of blocks) {
    const budget = pages.length === 0 ? firstBudget : PAGE_BUDGET;
    if (page.length > 0 && size(page) + block.text.length + 1 > budget) {
      const carried: Block[] = [];
      for (let last = page.at(-1); last && last.kind !== "event"; last = page.at(-1)) {
        carried.unshift(last);
        page.pop();
      }
      const next = [...carried];
      if (block.kind === "event" && organisation && !next.includes(organisation)) next.unshift(organisation);
      if (block.kind !== "district" && district && !next.includes(district)) next.unshift(district);
      pages.push(page);
      page = next;
    }
    if (block.kind === "district") [district, organisation] = [block, undefined];
    if (block.kind === "organisation") organisation = block;
    page.push(block);
  }
  pages.push(page);
  return pages.map((p) => p.map((b) => b.text));
}

/**
 * `/campaign`: one page of the programme, with the campaign's totals and ◀ ▶ to page. A hub's first page
 * starts with the glance (per district: activities, sign-ups, places left, attendance, hours).
 */
export function campaignView(
  campaign: CampaignHead,
  lines: CampaignLine[],
  page: number,
  v: ViewContext & { timeZone: string },
  glance: string[] = [],
): View {
  const when = formatTimeWindow(
    { start: campaign.startsAt, end: campaign.endsAt, precision: "day", timeZone: v.timeZone },
    v.locale,
    { now: v.now },
  );
  const head = [
    v.t("campaign-header", {
      name: userText(campaign.name, 100),
      when,
      yearly: campaign.recurrence?.startsWith("yearly:") ? "yes" : "no",
    }),
    v.t("campaign-totals", { events: lines.length, going: lines.reduce((n, l) => n + l.confirmed, 0) }),
  ];
  if (lines.length === 0) return { text: [...head, ...glance, "", v.t("campaign-empty-here")].join("\n") };
  const glanceSize = glance.reduce((n, l) => n + l.length + 1, 0);
  const pages = paginate(programmeBlocks(lines, v), PAGE_BUDGET - glanceSize);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  if (pages.length > 1) head.push(v.t("campaign-page", { page: index + 1, pages: pages.length }));
  if (index === 0) head.push(...glance);
  const nav: Button[] = [];
  if (index > 0) nav.push(callbackButton("◀", encodeCallback("campaignPage", campaign.id, index - 1)));
  if (index < pages.length - 1) nav.push(callbackButton("▶", encodeCallback("campaignPage", campaign.id, index + 1)));
  return { text: [...head, ...(pages[index] ?? [])].join("\n"), reply_markup: keyboard([nav]) };
}
