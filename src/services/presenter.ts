import type { Locale } from "../config/config.ts";
import type { Translator } from "../i18n/translator.ts";
import {
  eventCardView,
  eventListView,
  firstNameOf,
  PAGE_SIZE,
  rosterView,
  type ViewContext,
  whoIsGoingAlert,
} from "../views/event-views.ts";
import { MESSAGE_LIMIT } from "../views/html.ts";
import type { SeriesShown } from "../views/series-views.ts";
import type { View } from "../views/view.ts";
import type { EventService } from "./events.ts";
import type { OrgScope } from "./org-scope.ts";
import type { OrganisationService } from "./organisations.ts";
import type { SignupService } from "./signups.ts";

/** Events (with what a card shows of them) read earlier in the same card flush, by id; null: gone. */
export type EventsRead = Map<number, Awaited<ReturnType<EventService["getMany"]>>[number] | null>;

/** The key of one card in `Presenter.cards`'s answer. */
export const cardKey = (eventId: number, locale: Locale) => `${eventId}:${locale}`;

/** Builds the framework-neutral views of events (text + inline keyboard JSON) in a given language. */
export class Presenter {
  constructor(
    private readonly deps: {
      translator: Translator;
      events: EventService;
      signups: SignupService;
      organisations: OrganisationService;
      now: () => Date;
    },
  ) {}

  viewContext(locale: Locale): ViewContext {
    return { t: this.deps.translator.for(locale), locale, now: this.deps.now() };
  }

  /** The /events list of a scope (an organisation and everything below it); `several`: name each organisation. */
  async eventList(scope: OrgScope, several: boolean, page: number, locale: Locale): Promise<View> {
    const v = this.viewContext(locale);
    let { total, more, events, series } = await this.deps.events.upcoming(scope, v.now, page, PAGE_SIZE);
    let index = page;
    if (events.length === 0 && page > 0) {
      index = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1); // the list shrank since the buttons were made
      ({ total, more, events, series } = await this.deps.events.upcoming(scope, v.now, index, PAGE_SIZE));
    }
    const counts = await this.deps.signups.counts(events.map((e) => e.id));
    // a recurring activity is listed once, by its next occurrence, with how many are left
    const shown = events.map((e) => {
      const left = e.seriesId === null ? undefined : series.get(e.seriesId);
      return { ...e, recurring: left && e.series ? { pattern: e.series.pattern, ...left } : null };
    });
    return eventListView(shown, counts, { index, total, more }, v, { showOrganisation: several });
  }

  async card(eventId: number, locale: Locale): Promise<View | null> {
    return (await this.cards([{ eventId, locale }])).get(cardKey(eventId, locale)) ?? null;
  }

  /**
   * Cards of several events, each in the languages asked for, keyed by `cardKey` (null: the event is gone).
   * A flush of the card refresher renders many cards at once: what they show is read in a few queries for all
   * of them, not a few per card. In a flush of the card refresher, the first round reads every event the flush
   * may render (`flush.eventIds`) and the later rounds none; the sign-up counts are read every round.
   */
  async cards(
    wanted: { eventId: number; locale: Locale }[],
    flush: { eventIds: readonly number[]; read: EventsRead } = { eventIds: [], read: new Map() },
  ): Promise<Map<string, View | null>> {
    const ids = [...new Set(wanted.map((w) => w.eventId))];
    const views = new Map<string, View | null>();
    if (ids.length === 0) return views;
    const { read } = flush;
    const unread = [...new Set([...ids, ...flush.eventIds])].filter((id) => !read.has(id));
    const [events, counts, roles] = await Promise.all([
      unread.length > 0 ? this.deps.events.getMany(unread) : [],
      this.deps.signups.counts(ids),
      this.deps.signups.roleCountsOf(ids),
    ]);
    for (const id of unread) read.set(id, null);
    for (const event of events) read.set(event.id, event);
    const byId = new Map(ids.map((id) => [id, read.get(id) ?? null]));
    const now = this.deps.now();
    // a one-off event (most are) costs no series query
    const recurring = new Map<number, SeriesShown>();
    for (const event of byId.values()) {
      if (event === null || event.seriesId === null) continue;
      const place = await this.deps.events.seriesPlace(event.id, now);
      if (!place) continue;
      const asks = (await this.deps.events.questions(event.id)).length > 0;
      recurring.set(event.id, {
        pattern: place.pattern,
        left: place.ids.length,
        lastStart: place.lastStart,
        signUpAll: !asks,
      });
    }
    for (const { eventId, locale } of wanted) {
      const key = cardKey(eventId, locale);
      if (views.has(key)) continue;
      const event = byId.get(eventId);
      const v = { ...this.viewContext(locale), now };
      views.set(
        key,
        event
          ? eventCardView(
              { ...event, recurring: recurring.get(eventId) ?? null },
              counts.get(eventId) ?? { confirmed: 0, waitlisted: 0 },
              v,
              roles.get(eventId) ?? [],
            )
          : null,
      );
    }
    return views;
  }

  async roster(eventId: number, locale: Locale): Promise<View | null> {
    const event = await this.deps.events.get(eventId);
    if (!event) return null;
    const roles = await this.deps.signups.roleCounts(eventId);
    return rosterView(event, await this.deps.signups.roster(eventId), this.viewContext(locale), roles);
  }

  async whoIsGoing(eventId: number, locale: Locale): Promise<string | null> {
    return (await this.whoIsGoingList(eventId, locale))?.text ?? null;
  }

  /**
   * "Who's going" as an alert, and, when the names do not fit in one (200 characters), the counts instead and
   * every first name as plain text for a document (big events, issue 15).
   */
  async whoIsGoingList(eventId: number, locale: Locale): Promise<{ text: string; names: string | null } | null> {
    const event = await this.deps.events.get(eventId);
    if (!event) return null;
    const roster = await this.deps.signups.roster(eventId);
    const v = this.viewContext(locale);
    // a place still held for questions or offered from the waitlist is not someone going (yet)
    const going = roster.confirmed.filter((r) => r.status !== "held" && r.status !== "offered");
    const names = going.map((r) => firstNameOf(r.user, v));
    const full = v.t("who-list", {
      count: names.length,
      names: names.join(", "),
      waitlisted: roster.waitlisted.length,
    });
    if (names.length === 0 || Array.from(full).length <= 200) {
      return { text: whoIsGoingAlert(going, roster.waitlisted.length, v), names: null };
    }
    const text = v.t("who-too-many", {
      count: String(names.length),
      waitlisted: roster.waitlisted.length,
    });
    return { text, names: `${event.title}\n\n${names.map((n, i) => `${i + 1}. ${n}`).join("\n")}\n` };
  }

  /** True when the organiser's list is longer than one message: then it also goes as a spreadsheet. */
  async rosterOverflows(eventId: number, locale: Locale): Promise<boolean> {
    const event = await this.deps.events.get(eventId);
    if (!event) return false;
    const roles = await this.deps.signups.roleCounts(eventId);
    const roster = await this.deps.signups.roster(eventId);
    const full = rosterView(event, roster, this.viewContext(locale), roles, Number.POSITIVE_INFINITY);
    return full.text.length > MESSAGE_LIMIT;
  }
}
