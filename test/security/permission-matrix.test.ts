import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandRules } from "../../src/bot/commands.ts";
import { type Action, actionRules, actions, encodeCallback } from "../../src/views/callback-data.ts";
import { answerOf, press, sendAndWait } from "../support/chat.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/** Rules that outsiders must not get past (the others are for members, anyone, or the presser's own data). */
const guarded = new Set(["organiser", "hub-organiser", "group-admin", "group-organiser"]);
const guardedActions = (Object.keys(actions) as Action[]).filter((a) => guarded.has(actionRules[a]));
const guardedCommands = Object.entries(commandRules)
  .filter(([, rule]) => guarded.has(rule))
  .map(([command]) => command);

/** Arguments that would change something if the command were allowed. */
const commandArguments: Record<string, string> = {
  newevent: "偷建的活动 | 6月28日 | 某处 | 5",
  setup: "new 夺权协会 | 组织 | - | Asia/Shanghai",
  organiser: "add @intruder",
  hours: "report",
  cancelevent: "1",
  edit: "1",
};

describe("the permission matrix, built from the callback and command registries", () => {
  let h: Harness;
  let target: { group: GroupChatObject; card: Message; organiserName: string; ids: Record<string, number> };
  let attackers: {
    name: string;
    user: SimUser;
    chat: GroupChatObject | number;
    message: () => Message;
    /** a member of the target group, who can press buttons there */
    onTarget?: boolean;
  }[];

  const prisma = () => h.app.services.database.prisma;

  /** Every row that matters, without the columns that move on their own (timestamps, card bookkeeping). */
  async function snapshot() {
    const db = prisma();
    const strip = <T extends object>(rows: T[], ...keys: string[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
    const data = {
      organisations: strip(await db.organisation.findMany({ orderBy: { id: "asc" } }), "updatedAt"),
      chats: await db.chat.findMany({
        orderBy: { id: "asc" },
        select: {
          id: true,
          organisationId: true,
          locale: true,
          reminderOffsets: true,
          remindersOn: true,
          summaryOn: true,
          summaryTime: true,
          summaryWhenQuiet: true,
        },
      }),
      events: strip(await db.event.findMany({ orderBy: { id: "asc" } }), "updatedAt"),
      signups: strip(await db.signup.findMany({ orderBy: { id: "asc" } }), "updatedAt"),
      organisers: strip(await db.organiser.findMany()),
      campaigns: await db.campaign.findMany({ orderBy: { id: "asc" } }),
      pendingImports: await db.pendingImport.findMany({ orderBy: { id: "asc" } }),
      parentRequests: await db.parentRequest.findMany({ orderBy: { id: "asc" } }),
      checkinCodes: await db.checkinCode.findMany({ orderBy: { eventId: "asc" } }),
    };
    return JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  }

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now, flood: false } });
    const admin = h.fake.user({ first_name: "王芳" });
    const signedUp = h.fake.user({ first_name: "李雷" });
    const member = h.fake.user({ first_name: "韩梅梅" });
    const otherAdmin = h.fake.user({ first_name: "别家主任" });
    const stranger = h.fake.user({ first_name: "陌生人" });
    const unlinkedAdmin = h.fake.user({ first_name: "空群主" });
    const group = h.fake.group({ title: "目标群", creator: admin, members: [signedUp, member, otherAdmin] });
    const created = await sendAndWait(h.fake, admin, group, "/setup new 目标协会 | 区县 | - | Asia/Shanghai");
    const code = /加入码：([A-Z2-9]{8})/.exec(created.text ?? "")?.[1] ?? "";
    const card = await sendAndWait(h.fake, admin, group, "/newevent 目标活动 | 6月28日 9:00-11:00 | 目标地点 | 5");
    await press(h.fake, signedUp, card, "✅ 报名");
    const otherGroup = h.fake.group({ title: "别家群", creator: otherAdmin });
    await sendAndWait(h.fake, otherAdmin, otherGroup, "/setup new 别家协会 | 组织 | 目标协会 | Asia/Shanghai");
    const unlinked = h.fake.group({ title: "空群", creator: unlinkedAdmin });
    await sendAndWait(h.fake, unlinkedAdmin, unlinked, "/events");
    stranger.start();
    await h.fake.waitFor(() => h.fake.sent(stranger.id).at(-1));
    const db = prisma();
    const org = await db.organisation.findFirstOrThrow({ where: { name: "目标协会" } });
    const event = await db.event.findFirstOrThrow({ where: { title: "目标活动" } });
    const signup = await db.signup.findFirstOrThrow({ where: { eventId: event.id } });
    const request = await db.parentRequest.findFirstOrThrow({ where: { hubId: org.id } });
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    target = {
      group,
      card,
      organiserName: "李雷",
      ids: { event: event.id, signup: signup.id, request: request.id, organisation: org.id },
    };
    const last = (chat: GroupChatObject | number) => () => {
      const message = h.fake.sent(typeof chat === "number" ? chat : chat.id).at(-1);
      if (!message) throw new Error("no bot message to press on");
      return message;
    };
    attackers = [
      { name: "a plain member", user: member, chat: group, message: () => card },
      {
        name: "an organiser of another organisation",
        user: otherAdmin,
        chat: otherGroup,
        message: last(otherGroup),
        onTarget: true,
      },
      { name: "a stranger in private", user: stranger, chat: stranger.id, message: last(stranger.id) },
      { name: "an admin of an unlinked group", user: unlinkedAdmin, chat: unlinked, message: last(unlinked) },
    ];
  });
  afterAll(() => h?.stop());

  it("every action and every menu command has a declared rule", () => {
    expect(Object.keys(actionRules).sort()).toEqual(Object.keys(actions).sort());
    expect(guardedActions.length).toBeGreaterThan(20);
    expect(guardedCommands).toEqual(expect.arrayContaining(["newevent", "edit", "cancelevent", "import", "export"]));
  });

  /** Which id a forged button names: the target's event, sign-up, parent request or organisation. */
  function idsFor(action: Action): number[] {
    const { ids } = target;
    if (action === "attendToggle") return [ids.signup ?? 0];
    if (action === "parentApprove" || action === "parentDecline") return [ids.request ?? 0];
    if (["linkGroup", "organisationsCsv", "organisationsPage", "newOrg"].includes(action))
      return [ids.organisation ?? 0];
    return [ids.event ?? 0, 1];
  }

  it.each(guardedActions)("button %s: refused for every outsider, nothing changed, nothing leaked", async (action) => {
    for (const attacker of attackers) {
      for (const id of idsFor(action)) {
        const before = await snapshot();
        const privateBefore = h.fake.sent(attacker.user.id).length;
        const documentsBefore = h.fake.documents(attacker.user.id).length;
        const photosBefore = h.fake.photos(attacker.user.id).length;
        // a group's own menu acts on the chat it is pressed in: outsiders press it in the target group where
        // they can (an organiser of another organisation may change their own group, that is no intrusion)
        const message =
          actionRules[action] === "group-organiser" && attacker.onTarget ? target.card : attacker.message();
        const answer = await answerOf(h.fake, attacker.user.pressData(message, encodeCallback(action, id, 0)));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await snapshot(), `${action} by ${attacker.name}`).toBe(before);
        expect(answer.url, `${action} by ${attacker.name}: no link`).toBeUndefined();
        const leaked = h.fake
          .sent(attacker.user.id)
          .slice(privateBefore)
          .filter((m) => m.text?.includes(target.organiserName));
        expect(leaked, `${action} by ${attacker.name}: no names`).toEqual([]);
        expect(h.fake.documents(attacker.user.id).length, `${action} by ${attacker.name}: no file`).toBe(
          documentsBefore,
        );
        expect(h.fake.photos(attacker.user.id).length, `${action} by ${attacker.name}: no image`).toBe(photosBefore);
      }
    }
  });

  it.each(guardedCommands)("command /%s: refused for every outsider, nothing changed", async (command) => {
    for (const attacker of attackers) {
      // an unlinked group's admin may set up their own group: that is their right, not an intrusion
      if (commandRules[command] === "group-admin" && attacker.name === "an admin of an unlinked group") continue;
      // the member and the other organiser try it in the target group; the others where they are
      const chat = attacker.name === "an organiser of another organisation" ? target.group : attacker.chat;
      const before = await snapshot();
      const documentsBefore = h.fake.documents(attacker.user.id).length;
      const text = `/${command} ${commandArguments[command] ?? ""}`.trim();
      await sendAndWait(h.fake, attacker.user, chat, text);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await snapshot(), `/${command} by ${attacker.name}`).toBe(before);
      expect(h.fake.documents(attacker.user.id).length, `/${command} by ${attacker.name}: no file`).toBe(
        documentsBefore,
      );
    }
  });
});
