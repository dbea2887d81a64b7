import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupChatObject, SimUser } from "../support/fake-telegram/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { FakeClock } from "./support.ts";

const tz = "Asia/Shanghai";
const NOW = new Date("2026-06-27T00:30:00Z"); // 27 June 08:30 in Shanghai
const tomorrowNine = { start: new Date("2026-06-28T01:00:00Z"), end: new Date("2026-06-28T03:00:00Z") };

describe("/settings, /summary and signing up from a reminder", () => {
  const clock = new FakeClock(NOW.getTime());
  let h: Harness;
  let wang: SimUser;
  let li: SimUser;
  let group: GroupChatObject;
  let hub: GroupChatObject;
  let eventId: number;

  beforeAll(async () => {
    h = await startHarness({ env: { SCHEDULER: "off" }, app: { now: clock.now } });
    const db = h.app.services.database.prisma;
    wang = h.fake.user({ first_name: "王芳" });
    li = h.fake.user({ first_name: "李娜" });
    group = h.fake.group({ title: "阳光志愿者群", creator: wang, members: [li] });
    hub = h.fake.group({ title: "市社会组织群", creator: wang });
    const org = (name: string, kind: "city" | "district" | "organisation", parentId: number | null) =>
      db.organisation.create({ data: { name, kind, parentId, timeZone: tz, joinCode: name } });
    const city = await org("市", "city", null);
    const east = await org("东区", "district", city.id);
    const west = await org("西区", "district", city.id);
    const sunshine = await org("阳光志愿者协会", "organisation", east.id);
    const tea = await org("爱心茶摊", "organisation", west.id);
    for (const [chat, orgId] of [
      [group, sunshine.id],
      [hub, city.id],
    ] as const) {
      await db.chat.create({
        data: { id: BigInt(chat.id), type: chat.type, title: chat.title, organisationId: orgId },
      });
    }
    const event = (organisationId: number, title: string) =>
      h.app.services.events.create({
        organisationId,
        title,
        capacity: 10,
        window: { ...tomorrowNine, precision: "exact", timeZone: tz },
      });
    eventId = (await event(sunshine.id, "社区义诊")).id;
    await event(tea.id, "户外劳动者爱心茶摊");
  });
  afterAll(() => h?.stop());

  /**
   * A fresh organisation whose group is reminded 2 hours and 30 minutes before, with a member and an event
   * tomorrow at nine whose reminders the scheduler has planned.
   */
  async function groupWithReminders(name: string) {
    const db = h.app.services.database.prisma;
    const organiser = h.fake.user({ first_name: "王芳" });
    const member = h.fake.user({ first_name: "李娜" });
    const chat = h.fake.group({ title: `${name}群`, creator: organiser, members: [member] });
    const org = await db.organisation.create({
      data: { name, kind: "organisation", parentId: null, timeZone: tz, joinCode: name },
    });
    await db.chat.create({
      data: {
        id: BigInt(chat.id),
        type: chat.type,
        title: chat.title,
        organisationId: org.id,
        reminderOffsets: "120,30",
      },
    });
    const event = await h.app.services.events.create({
      organisationId: org.id,
      title: "社区义诊",
      capacity: 10,
      window: { ...tomorrowNine, precision: "exact", timeZone: tz },
    });
    await h.app.scheduler.run(clock.now());
    return { group: chat, li: member, eventId: event.id };
  }

  const reply = (chat: { id: number }, startsWith: string) =>
    h.fake.waitFor(() => h.fake.sent(chat.id).find((m) => m.text?.startsWith(startsWith)));

  it("an organiser changes the offsets and the pending reminders are replanned", async () => {
    const db = h.app.services.database.prisma;
    await h.app.scheduler.run(clock.now());
    wang.send(group, "/settings reminders 2h,30m");
    await reply(group, "✅ 已保存");
    const chat = await db.chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } });
    expect(chat.reminderOffsets).toBe("120,30");
    const rows = await db.delivery.findMany({ where: { chatId: BigInt(group.id), kind: "reminder" } });
    expect(
      rows
        .filter((r) => r.status === "pending")
        .map((r) => r.key)
        .sort(),
    ).toEqual([`reminder:${eventId}:120:${group.id}`, `reminder:${eventId}:30:${group.id}`]);
    expect(rows.filter((r) => r.status === "dropped")).toHaveLength(2);
  });

  it("members may not change a group's settings but may turn their own reminders off", async () => {
    const db = h.app.services.database.prisma;
    li.send(group, "/settings summary off");
    await reply(group, "只有本群的组织者");
    expect((await db.chat.findUniqueOrThrow({ where: { id: BigInt(group.id) } })).summaryOn).toBe(true);
    li.start();
    li.send(li.id, "/settings reminders off");
    await reply(li, "✅ 已保存：不再给你发活动提醒");
    expect((await db.user.findUniqueOrThrow({ where: { id: BigInt(li.id) } })).remindersOn).toBe(false);
    wang.send(group, "/settings summary 7:30");
    await h.fake.waitFor(() => h.fake.sent(group.id).find((m) => m.text?.includes("每天 07:30")));
  });

  it("/summary in a hub group counts every organisation below it, per district and per organisation", async () => {
    wang.send(hub, "/summary");
    const summary = await reply(hub, "📋");
    expect(summary.text).toContain("未来 7 天（2）");
    expect(summary.text).toContain("按区县");
    expect(summary.text).toMatch(/东区：今天 0 · 未来 7 天 1/);
    expect(summary.text).toMatch(/西区：今天 0 · 未来 7 天 1/);
    expect(summary.text).toContain("按组织");
    expect(summary.text).toContain("爱心茶摊");
  });

  it("the Sign up button on a reminder signs the member up", async () => {
    const { group, li, eventId } = await groupWithReminders("晨光志愿者协会");
    clock.set("2026-06-27T23:00:00Z"); // two hours before the start: the 2-hour reminder is due
    await h.app.scheduler.run(clock.now());
    h.app.sender.nudge();
    const reminder = await reply(group, "⏰");
    expect(reminder.text).toContain("还有 2 小时");
    li.press(reminder, "✅ 报名");
    await h.fake.waitFor(() =>
      h.fake.calls("answerCallbackQuery").find((c) => String(c.params.text ?? "").includes("已报名")),
    );
    const signup = await h.app.services.database.prisma.signup.findUnique({
      where: { eventId_userId: { eventId, userId: BigInt(li.id) } },
    });
    expect(signup?.status).toBe("confirmed");
  });
});
