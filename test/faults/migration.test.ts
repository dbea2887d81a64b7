/**
 * Finding 16 of issue 9: a group becoming a supergroup during /setup dropped the conversation silently, and a
 * /newevent finished in private after that upgrade reported "发布到 0 个群". Conversations and the groups they
 * picked follow the migration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationKind } from "../../src/services/conversations.ts";
import { sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";

describe("a group becoming a supergroup in the middle of a flow", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it("/setup goes on in the supergroup where it was left in the group", async () => {
    const admin = h.fake.user({ first_name: "admin" });
    const group = h.fake.group({ title: "about to upgrade", creator: admin });
    const choose = await sendAndWait(h.fake, admin, group, "/setup", (m) => m.reply_markup !== undefined);
    const before = h.fake.calls("answerCallbackQuery").length;
    admin.press(choose, "新建组织");
    await h.fake.waitFor(() => h.fake.calls("answerCallbackQuery").length > before);
    await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("组织名称")));

    const supergroup = h.fake.migrate(group);
    await h.fake.waitForAsync(async () => {
      const chat = await h.app.services.database.prisma.chat.findUnique({ where: { id: BigInt(group.id) } });
      return chat?.migratedToId !== null && chat?.migratedToId !== undefined;
    });
    // the question was asked in the old chat: the bot asks again in the supergroup, and the answer carries on
    const prompt = await h.fake.waitFor(() =>
      h.fake.sent(supergroup.id).find((m) => m.text?.startsWith("本群已升级为超级群")),
    );
    const before2 = h.fake.sent(supergroup.id).length;
    admin.send(supergroup, "升级后的协会", { replyTo: prompt });
    const next = await h.fake.waitFor(() => h.fake.sent(supergroup.id).slice(before2)[0]);
    expect(next.text).toBe("这个组织是哪一级？");
  });

  it("groups picked in a private conversation before the upgrade are the supergroup afterwards", async () => {
    const { services } = h.app;
    const admin = h.fake.user({ first_name: "organiser", started: true });
    const group = h.fake.group({ title: "picked", creator: admin });
    const other = h.fake.group({ title: "not migrating", creator: admin });
    await services.database.prisma.chat.createMany({
      data: [group, other].map((g) => ({ id: BigInt(g.id), type: g.type, title: g.title })),
    });
    const kind = conversationKind<{ groups: bigint[]; title: string }>("newevent-test", 1);
    const picked = { groups: [BigInt(group.id), BigInt(other.id)], title: `-${Math.abs(group.id)} in a title` };
    await services.conversations.set(BigInt(admin.id), BigInt(admin.id), kind, "groups", picked);

    const supergroup = h.fake.migrate(group);
    await h.fake.waitForAsync(async () => {
      const chat = await services.database.prisma.chat.findUnique({ where: { id: BigInt(supergroup.id) } });
      return chat !== null;
    });
    const after = await services.conversations.get(BigInt(admin.id), BigInt(admin.id), kind);
    expect(after).toEqual({
      step: "groups",
      data: { groups: [BigInt(supergroup.id), BigInt(other.id)], title: picked.title }, // text is left alone
    });
  });
});
