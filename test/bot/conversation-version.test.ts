import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramId } from "../../src/telegram-id.ts";
import { sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");
const outdated = "机器人刚刚升级，这段对话无法继续了。请重新发送同一个命令再来一次。";

describe.each(databaseKinds)("a conversation stored before its steps changed, on %s", (kind) => {
  let h: Harness;
  let admin: SimUser;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
    admin = h.fake.user({ first_name: "王芳" });
    const group = h.fake.group({ title: "阳光志愿者群", creator: admin });
    await sendAndWait(h.fake, admin, group, "/setup new 阳光志愿者协会 | 组织 | - | Asia/Shanghai | zh-CN");
    await sendAndWait(h.fake, admin, admin.id, "/start");
  });
  afterAll(() => h?.stop());

  /** A row as the bot wrote it before conversations had versions, in the user's private chat. */
  async function storeOldRow(kindName: string, step: string, data: string) {
    const id = telegramId(admin.id);
    await h.app.services.database.prisma.conversation.create({
      data: { chatId: id, userId: id, kind: kindName, step, data, updatedAt: now },
    });
  }

  const row = () =>
    h.app.services.database.prisma.conversation.findUnique({
      where: { chatId_userId: { chatId: telegramId(admin.id), userId: telegramId(admin.id) } },
    });

  it("an old /newevent is cleared with 'please start again', and /newevent then works", async () => {
    await storeOldRow("newevent", "title", '{"orgId":1,"draft":{}}');
    const reply = await sendAndWait(h.fake, admin, admin.id, "垃圾分类宣传");
    expect(reply.text).toBe(outdated);
    expect(await row()).toBeNull();

    await sendAndWait(h.fake, admin, admin.id, "/newevent", (m) => m.text === "活动叫什么名字？");
    const askTime = await sendAndWait(h.fake, admin, admin.id, "垃圾分类宣传");
    expect(askTime.text).toMatch(/^什么时间？/);
    expect((await row())?.step).toBe("time");
  });

  it("an old /edit is cleared the same way", async () => {
    await h.app.services.database.prisma.conversation.deleteMany({});
    await storeOldRow("edit", "time", '{"orgId":1,"eventId":1,"draft":{}}');
    const reply = await sendAndWait(h.fake, admin, admin.id, "6月28日 9:00-11:00");
    expect(reply.text).toBe(outdated);
    expect(await row()).toBeNull();
  });
});
