import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ChatService } from "../../src/services/chats.ts";
import { UserService } from "../../src/services/users.ts";
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
