import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/**
 * After a burst of taps the reminder planner asks which of the people who just signed up can be reminded
 * (store/tap-path.ts `remindable`): thousands at once, past SQLite's parameter limit, in one statement.
 */
describe.each(databaseKinds)("who of a burst's members can be reminded, on %s", (kind) => {
  let db: TestDatabase;
  const FIRST = 7_000_000_000n; // beyond 32 bits, as real Telegram ids

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // 3,000 people: every third started the bot; of those, every second turned reminders off
    await db.prisma.user.createMany({
      data: Array.from({ length: 3000 }, (_, i) => ({
        id: FIRST + BigInt(i),
        firstName: `Member ${i}`,
        startedBot: i % 3 === 0,
        remindersOn: i % 6 !== 3,
        reminderOffsets: i % 9 === 0 ? "120" : null,
      })),
    });
  });
  afterAll(() => db?.drop());

  it("answers those who started the bot with reminders on, with their own times, however many are asked", async () => {
    const asked = Array.from({ length: 3000 }, (_, i) => FIRST + BigInt(i));
    const found = await db.tapPath.remindable([...asked, 42n]); // someone the bot never saw
    const expected = asked.filter((_, i) => i % 3 === 0 && i % 6 !== 3);
    expect(found.map((u) => u.id).sort((a, b) => (a < b ? -1 : 1))).toEqual(expected);
    expect(found.every((u) => u.remindersOn)).toBe(true);
    const own = found.find((u) => u.id === FIRST + 18n);
    expect(own?.reminderOffsets).toBe("120");
    expect(found.find((u) => u.id === FIRST)?.reminderOffsets).toBe("120");
    expect(found.find((u) => u.id === FIRST + 6n)?.reminderOffsets).toBeNull();
    expect(await db.tapPath.remindable([])).toEqual([]);
  });
});
