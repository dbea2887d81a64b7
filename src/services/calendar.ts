import { buildCalendar, type IcsEvent } from "../exports/ics.ts";
import type { EventWithOrg } from "./events.ts";

export function icsEventOf(event: EventWithOrg, stamp: Date, botUsername: string): IcsEvent {
  const units = event.organisers.length > 0 ? event.organisers.map((o) => o.name).join("、") : event.organisation.name;
  const description = [units, event.audience, event.content].filter((s): s is string => Boolean(s)).join("\n\n");
  return {
    uid: `event-${event.id}@${botUsername}.yiqi`,
    sequence: event.sequence,
    title: event.title,
    description: description || undefined,
    location: event.online ? "Online" : (event.place ?? undefined),
    url: `https://t.me/${botUsername}?start=ev_${event.id}`,
    window: {
      start: event.startsAt,
      end: event.endsAt,
      precision: event.precision,
      timeZone: event.timeZone,
      openEnded: event.openEnded,
    },
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    stamp,
  };
}

/** One event as an .ics file (stable UID, SEQUENCE bumped on every edit, STATUS:CANCELLED when cancelled). */
export function eventCalendar(event: EventWithOrg, now: Date, botUsername: string): string {
  return buildCalendar({ prodId: "-//Yiqi//Events bot//EN", events: [icsEventOf(event, now, botUsername)] });
}
