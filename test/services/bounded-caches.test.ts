import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CACHE_ENTRIES } from "../../src/cache.ts";
import { ChatService } from "../../src/services/chats.ts";
import { UserService } from "../../src/services/users.ts";
import type { ChatMemberSeen, TapPath } from "../../src/store/tap-path.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

/** The bound each cache gets here, small so that a test sees people and chats pushed out (the app's is cache.ts's). */
const BOUND = 10;
const person = (id: number, firstName = `用户${id}`) => ({ id, is_bot: false, first_name: firstName });

describe.each(databaseKinds)("what the process remembers about people and chats stays bounded, on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it("a person pushed out of the cache is written again on their next update, with their new name; recent ones are not", async () => {
    const users = new UserService(db.prisma, db.tapPath, BOUND);
    const writes = vi.spyOn(db.tapPath, "rememberUser");
    for (let id = 1; id <= 50; id++) await users.remember(person(id));
    expect(writes).toHaveBeenCalledTimes(50);

    // the ten seen last are still known: no statement for them
    writes.mockClear();
    for (let id = 41; id <= 50; id++) await users.remember(person(id));
    expect(writes).not.toHaveBeenCalled();

    // the first ones were pushed out: their next update writes their row again, and it is right
    await users.remember(person(1));
    await users.remember(person(2, "改名了"));
    expect(writes).toHaveBeenCalledTimes(2);
    expect((await users.find(2n))?.firstName).toBe("改名了");
    expect((await users.find(1n))?.firstName).toBe("用户1");
    writes.mockRestore();
  });

  it("someone seen again stays known while newer people push others out: the one seen longest ago goes first", async () => {
    const users = new UserService(db.prisma, db.tapPath, BOUND);
    const writes = vi.spyOn(db.tapPath, "rememberUser");
    for (let id = 201; id <= 210; id++) await users.remember(person(id));
    await users.remember(person(201)); // seen again: now the most recent
    for (let id = 211; id <= 219; id++) await users.remember(person(id)); // nine newcomers push out 202…210
    writes.mockClear();
    await users.remember(person(201));
    expect(writes).not.toHaveBeenCalled();
    await users.remember(person(202));
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
  });

  it("a group seen again stays known while newer groups push others out", async () => {
    const chats = new ChatService(db.prisma, db.tapPath, () => new Date(), undefined, BOUND);
    const group = (n: number) => ({ id: -3_000_000 - n, type: "supergroup" as const, title: `群${n}` });
    const upserts = vi.spyOn(db.prisma.chat, "upsert");
    for (let n = 1; n <= 10; n++) await chats.remember(group(n));
    await chats.remember(group(1));
    for (let n = 11; n <= 19; n++) await chats.remember(group(n));
    upserts.mockClear();
    await chats.remember(group(1));
    expect(upserts).not.toHaveBeenCalled();
    await chats.remember(group(2));
    expect(upserts).toHaveBeenCalledTimes(1);
    upserts.mockRestore();
  });

  it("a person without a chosen language is not read again on each update (no choice is remembered too)", async () => {
    const users = new UserService(db.prisma, db.tapPath, BOUND);
    await users.remember(person(300));
    const reads = vi.spyOn(db.prisma.user, "findUnique");
    expect(await users.chosenLocale(300n)).toBeNull();
    expect(await users.chosenLocale(301n)).toBeNull(); // no row at all: read once, then remembered
    expect(await users.chosenLocale(301n)).toBeNull();
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });

  it("a group's profile is answered from the cache for a minute, then read again; a group without a row too", async () => {
    let t = new Date("2026-06-01T00:00:00Z").getTime();
    const chats = new ChatService(db.prisma, db.tapPath, () => new Date(t), undefined, BOUND);
    const id = -4_000_000n;
    await db.prisma.chat.create({ data: { id, type: "supergroup", title: "群", locale: "en" } });
    const reads = vi.spyOn(chats, "find");
    expect((await chats.profile(id))?.locale).toBe("en");
    expect(await chats.profile(-4_000_001n)).toBeNull();
    await db.prisma.chat.update({ where: { id }, data: { locale: "zh-CN" } }); // changed behind this process's back
    t += 59_000;
    expect((await chats.profile(id))?.locale).toBe("en");
    expect(await chats.profile(-4_000_001n)).toBeNull();
    expect(reads).toHaveBeenCalledTimes(2);
    t += 2_000;
    expect((await chats.profile(id))?.locale).toBe("zh-CN");
    expect(await chats.profile(-4_000_001n)).toBeNull();
    expect(reads).toHaveBeenCalledTimes(4);
    reads.mockRestore();
  });

  it("a language chosen is still told after its person was pushed out of the cache (read again once)", async () => {
    const users = new UserService(db.prisma, db.tapPath, BOUND);
    await users.remember(person(100));
    await users.setLocale(100n, "en");
    for (let id = 101; id <= 130; id++) await users.remember(person(id));
    const reads = vi.spyOn(db.prisma.user, "findUnique");
    expect(await users.chosenLocale(100n)).toBe("en");
    expect(await users.chosenLocale(100n)).toBe("en");
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });

  it("a group's profile pushed out of the cache is read again when it is next needed, and is right", async () => {
    const chats = new ChatService(db.prisma, db.tapPath, () => new Date(), undefined, BOUND);
    const ids = Array.from({ length: 30 }, (_, i) => BigInt(-1_000_000 - i));
    await db.prisma.chat.createMany({
      data: ids.map((id, i) => ({ id, type: "supergroup", title: `群${i}`, locale: i === 0 ? "en" : null })),
    });
    const reads = vi.spyOn(chats, "find");
    for (const id of ids) await chats.profile(id);
    expect(reads).toHaveBeenCalledTimes(30);
    reads.mockClear();
    await chats.profile(ids[29] as bigint); // recent: cached
    expect(reads).not.toHaveBeenCalled();
    expect((await chats.profile(ids[0] as bigint))?.locale).toBe("en"); // pushed out: read again
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });

  it("members of groups are recorded whether or not the cache still holds them", async () => {
    let t = new Date("2026-06-01T00:00:00Z");
    const chats = new ChatService(db.prisma, db.tapPath, () => t, undefined, BOUND);
    const group = -2_000_000n;
    await db.prisma.chat.create({ data: { id: group, type: "supergroup", title: "群" } });
    const members = Array.from({ length: 30 }, (_, i) => BigInt(5000 + i));
    await db.prisma.user.createMany({ data: members.map((id) => ({ id, firstName: `U${id}` })) });
    for (const userId of members) await chats.seen(group, userId);
    await chats.flushMembers();
    expect(await db.prisma.chatMember.count({ where: { chatId: group } })).toBe(30);
    // seen again later: the first member (pushed out) is recorded as seen then; the last one was already known
    t = new Date("2026-06-02T00:00:00Z");
    await chats.seen(group, members[0] as bigint);
    await chats.seen(group, members[29] as bigint);
    await chats.flushMembers();
    const seenAt = async (userId: bigint) =>
      (await db.prisma.chatMember.findUnique({ where: { chatId_userId: { chatId: group, userId } } }))?.lastSeenAt;
    expect(await seenAt(members[0] as bigint)).toEqual(t);
    expect(await seenAt(members[29] as bigint)).toEqual(new Date("2026-06-01T00:00:00Z"));
    expect(await chats.memberOfAny(members[0] as bigint, [group])).toBe(true);
  });
});

describe("group members noted while the database is away", () => {
  afterEach(() => vi.useRealTimers());

  it("a pair pushed out of the unwritten batch is noted again when next seen; pairs written stay known", async () => {
    vi.useFakeTimers(); // the write-behind's retry timer does not fire unless told to
    let down = true;
    let attempts = 0;
    const written: ChatMemberSeen[] = [];
    const tapPath = {
      rememberMembers: async (batch: ChatMemberSeen[]) => {
        attempts++;
        if (down) throw new Error("database away");
        written.push(...batch);
      },
    } as unknown as TapPath;
    // what was seen is kept far above the unwritten batch's bound, so only the batch pushes pairs out
    const chats = new ChatService({} as never, tapPath, () => new Date(), undefined, 2 * CACHE_ENTRIES);
    const group = -5_000_000n;
    const noted = async (userId: bigint) => chats.seen(group, userId).catch(() => {}); // each 100th flushes, and fails
    for (let u = 1; u <= 300; u++) await noted(BigInt(u));
    // the 100th pair's update tried the write; the updates after it leave the retrying to the timer
    expect(attempts).toBe(1);
    for (let u = 301; u <= CACHE_ENTRIES + 1; u++) await noted(BigInt(u)); // user 1 is pushed out of the batch
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toBe(2);
    down = false;
    await vi.advanceTimersByTimeAsync(1000); // and again after its back-off, now with the database back
    expect(attempts).toBe(3);
    expect(written).toHaveLength(CACHE_ENTRIES);
    expect(written.some((m) => m.userId === 1n)).toBe(false);
    expect(written[0]?.userId).toBe(2n); // in the order they were noted
    written.length = 0;
    await noted(1n); // forgotten as recorded: noted again
    await noted(2n); // written: known
    await chats.flushMembers();
    expect(written.map((m) => m.userId)).toEqual([1n]);
  });
});
