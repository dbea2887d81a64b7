import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { FakeClock, type Seeded, seedGroupsWithEvents, sentAt, startClockedHarness } from "./support.ts";

// Europe/Berlin, 2026: summer time starts Sun 29 March at 02:00 (→ 03:00).
// The event: Sun 29 March 10:00–12:00 local (08:00Z). The group's summary: 09:00 local.
const expected = [
  { at: "2026-03-28T08:00:00.000Z", what: "summary" }, // Sat 09:00 CET
  { at: "2026-03-28T09:00:00.000Z", what: "reminder" }, // Sat 10:00 CET: a day before, same wall time (23 h)
  { at: "2026-03-29T07:00:00.000Z", what: "reminder" }, // Sun 09:00 CEST: an hour before
  { at: "2026-03-29T07:00:00.000Z", what: "summary" }, // Sun 09:00 CEST
];

describe("reminders and summaries across the spring-forward change in Europe/Berlin", () => {
  const clock = new FakeClock(new Date("2026-03-27T12:00:00Z").getTime());
  let h: Harness;
  let seeded: Seeded;

  beforeAll(async () => {
    h = await startClockedHarness(clock);
    seeded = await seedGroupsWithEvents(
      h.fake,
      h.app.services,
      1,
      {
        start: new Date("2026-03-29T08:00:00Z"),
        end: new Date("2026-03-29T10:00:00Z"),
        precision: "exact",
        timeZone: "Europe/Berlin",
      },
      { summaries: true },
    );
  });
  afterAll(() => h?.stop());

  it("each goes out at its local wall time, not a minute early", async () => {
    const { scheduler, sender } = h.app;
    const group = seeded.groups[0]!.id;
    let count = 0;
    for (const instant of [...new Set(expected.map((e) => e.at))]) {
      clock.set(new Date(new Date(instant).getTime() - 60_000));
      await scheduler.run(clock.now());
      while ((await sender.tick()) > 0);
      expect(h.fake.sent(group)).toHaveLength(count);
      clock.set(instant);
      await scheduler.run(clock.now());
      while ((await sender.tick()) > 0);
      count += expected.filter((e) => e.at === instant).length;
      expect(h.fake.sent(group)).toHaveLength(count);
    }
    const sent = sentAt(h.fake, group).map((m) => ({
      at: m.at,
      what: m.text.startsWith("📋") ? "summary" : "reminder",
    }));
    expect(sent.sort((x, y) => x.at.localeCompare(y.at) || x.what.localeCompare(y.what))).toEqual(expected);
  });
});
