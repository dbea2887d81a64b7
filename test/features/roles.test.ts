import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, buttonTexts, callbackData, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

describe.each(databaseKinds)("roles with their own places, on %s", (kind) => {
  let h: Harness;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  /** A new organisation's group with an organiser and members, and the roles event posted in one line. */
  async function rolesEvent(members: number) {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const people = Array.from({ length: members }, (_, i) =>
      h.fake.user({ first_name: `成员${n}-${i}`, started: true }),
    );
    const group = h.fake.group({ title: `益行群${n}`, creator: admin, members: people });
    await sendAndWait(h.fake, admin, group, `/setup new 益行协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent 益行洞桥 | 6月28日 9:00-11:30 | 洞桥镇 | 义诊医生 2 · 家具维修 1 · 法律咨询 2",
      (m) => Boolean(m.text?.startsWith("益行洞桥")),
    );
    const db = h.app.services.database.prisma;
    const event = await db.event.findFirstOrThrow({
      where: { title: "益行洞桥", organisation: { name: `益行协会${n}` } },
    });
    return { admin, people, group, card, event };
  }

  it("the one-line form takes roles; the card shows each role's places and a button per role", async () => {
    const { card, event } = await rolesEvent(0);
    expect(event.capacity).toBe(5);
    expect(card.text).toContain("0/5");
    expect(card.text).toContain("义诊医生 0/2");
    expect(card.text).toContain("家具维修 0/1");
    expect(card.text).toContain("法律咨询 0/2");
    expect(buttonTexts(card)).toEqual([
      "✅ 义诊医生",
      "✅ 家具维修",
      "✅ 法律咨询",
      "取消报名",
      "👥 谁参加",
      "📅 加入日历",
      "⚙️ 管理",
    ]);
  });

  it("each role fills and waitlists on its own; a cancel promotes the first waiting for that role only", async () => {
    const { people, group, card, event } = await rolesEvent(4);
    const [a, b, c, d] = people as [SimUser, SimUser, SimUser, SimUser];
    expect((await press(h.fake, a, card, "✅ 家具维修")).text).toBe("已报名「家具维修」✅");
    expect((await press(h.fake, b, card, "✅ 家具维修")).text).toBe("「家具维修」已满，已在候补第 1 位");
    expect((await press(h.fake, c, card, "✅ 家具维修")).text).toBe("「家具维修」已满，已在候补第 2 位");
    // another role still has places, and its taps do not pass anyone on 家具维修's waitlist
    expect((await press(h.fake, d, card, "✅ 义诊医生")).text).toBe("已报名「义诊医生」✅");
    expect((await press(h.fake, b, card, "✅ 义诊医生")).text).toBe("你已在候补第 1 位");

    await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("家具维修满员 · 候补 2 人")),
    );
    expect((await press(h.fake, a, card, "取消报名")).text).toBe("已取消报名");
    const db = h.app.services.database.prisma;
    const status = async (u: SimUser) =>
      (await db.signup.findUniqueOrThrow({ where: { eventId_userId: { eventId: event.id, userId: BigInt(u.id) } } }))
        .status;
    const told = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("空出了名额")));
    expect(told.text).toContain(b.user.first_name);
    expect(await status(b)).toBe("confirmed");
    expect(await status(c)).toBe("waitlisted");
    expect((await press(h.fake, c, card, "✅ 家具维修")).text).toBe("你已在候补第 1 位");
    const held = await db.signup.count({
      where: { eventId: event.id, status: "confirmed", role: { name: "家具维修" } },
    });
    expect(held).toBe(1);
  });

  it("a plain sign-up button (an old client, or forged) on an event with roles asks for a role", async () => {
    const { people, card } = await rolesEvent(1);
    const [a] = people as [SimUser];
    const data = callbackData(card, "✅ 义诊医生").replace(/:\d+$/, "");
    expect((await answerOf(h.fake, a.pressData(card, data))).text).toBe("这个活动分角色报名，请点卡片上的角色按钮");
    // a role of another event is refused the same way
    const other = await rolesEvent(0);
    const foreign = callbackData(other.card, "✅ 义诊医生").replace(
      /^1:su:\d+/,
      callbackData(card, "✅ 义诊医生").split(":").slice(0, 3).join(":"),
    );
    expect((await answerOf(h.fake, a.pressData(card, foreign))).text).toBe("这个活动分角色报名，请点卡片上的角色按钮");
  });

  it("the organiser's list is grouped by role", async () => {
    const { admin, people, card } = await rolesEvent(3);
    const [a, b, c] = people as [SimUser, SimUser, SimUser];
    expect((await press(h.fake, a, card, "✅ 家具维修")).text).toBe("已报名「家具维修」✅");
    expect((await press(h.fake, b, card, "✅ 家具维修")).text).toBe("「家具维修」已满，已在候补第 1 位");
    expect((await press(h.fake, c, card, "✅ 法律咨询")).text).toBe("已报名「法律咨询」✅");
    admin.start();
    await press(h.fake, admin, card, "⚙️ 管理");
    const roster = await h.fake.waitFor(() => h.fake.sent(admin.id).find((m) => m.text?.includes("家具维修 · 已报名")));
    const text = roster.text ?? "";
    expect(text).toContain("义诊医生 · 已报名 0/2");
    expect(text).toContain("家具维修 · 已报名 1/1");
    expect(text).toContain("家具维修 · 候补 1");
    expect(text).toContain("法律咨询 · 已报名 1/2");
    const repair = text.slice(text.indexOf("家具维修 · 已报名"), text.indexOf("法律咨询 · 已报名"));
    expect(repair).toContain(a.user.first_name);
    expect(repair).toContain(b.user.first_name);
    expect(repair).not.toContain(c.user.first_name);
  });

  it("the guided /newevent offers roles before posting; /edit changes them and the card follows", async () => {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const group = h.fake.group({ title: `益行群${n}`, creator: admin, members: [] });
    await sendAndWait(h.fake, admin, group, `/setup new 益行协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    admin.start();
    const dm = admin.id;
    const groups = await sendAndWait(h.fake, admin, dm, "/newevent 义诊 | 6月28日 9:00-11:00 | 社区 | 10", (m) =>
      buttonTexts(m).includes("📣 发布"),
    );
    await press(h.fake, admin, groups, "👥 分角色报名");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("分哪些角色报名？")));
    const bad = await sendAndWait(h.fake, admin, dm, "医生 0 · 护士 2");
    expect(bad.text).toContain("「医生 0」：每个角色的名额应在 1 到 10000 之间");
    const summary = await sendAndWait(h.fake, admin, dm, "医生 2、护士 3", (m) => buttonTexts(m).includes("📣 发布"));
    expect(summary.text).toContain("👥 医生 2 · 护士 3");
    await press(h.fake, admin, summary, "📣 发布");
    const card = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("义诊")));
    expect(card.text).toContain("医生 0/2");
    expect(card.text).toContain("0/5");

    const pick = await sendAndWait(h.fake, admin, dm, "/edit", (m) => buttonTexts(m).includes("义诊"));
    await press(h.fake, admin, pick, "义诊");
    const which = await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("修改「义诊」")));
    await press(h.fake, admin, which, "角色");
    await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith("分哪些角色报名？")));
    await sendAndWait(h.fake, admin, dm, "医生 2 · 护士 1 · 志愿者 4", (m) => m.text?.startsWith("✅ 已更新") ?? false);
    await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.includes("志愿者 0/4")),
    );
    const edited = h.fake.sent(group).findLast((m) => m.message_id === card.message_id);
    expect(edited?.text).toContain("0/7");
    expect(buttonTexts(edited)).toContain("✅ 志愿者");
  });

  it("a programme table's optional 角色 column gives the imported events their roles", async () => {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}`, started: true });
    const group = h.fake.group({ title: `益行群${n}`, creator: admin, members: [] });
    await sendAndWait(h.fake, admin, group, `/setup new 益行协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    const csv = [
      "公益服务活动名称,组织单位,具体内容和对象,服务活动地点或区域,活动时间,角色",
      `益行洞桥,益行协会${n},义诊和维修,洞桥镇,6月28日 9:00-11:30,义诊医生 2 · 家具维修 3 · 法律咨询 2`,
      `社区观影,益行协会${n},电影,社区,6月28日,`,
      `读书会,益行协会${n},读书,图书馆,6月28日,医生 0`,
    ].join("\n");
    const since = h.fake.sent(admin.id).length;
    admin.sendDocument(admin, "安排表.csv", Buffer.from(csv), { caption: "/import" });
    const preview = await h.fake.waitFor(() =>
      h.fake
        .sent(admin.id)
        .slice(since)
        .find((m) => buttonTexts(m).some((b) => b.startsWith("导入"))),
    );
    expect(preview.text ?? preview.caption).toContain("看不懂角色「医生 0」");
    await press(h.fake, admin, preview, "导入 2 项");
    const db = h.app.services.database.prisma;
    const event = await h.fake.waitForAsync(async () =>
      db.event.findFirst({
        where: { title: "益行洞桥", organisation: { name: `益行协会${n}` } },
        include: { roles: true },
      }),
    );
    expect(event.capacity).toBe(7);
    expect(event.roles.map((r) => [r.name, r.capacity])).toEqual([
      ["义诊医生", 2],
      ["家具维修", 3],
      ["法律咨询", 2],
    ]);
    const film = await db.event.findFirstOrThrow({
      where: { title: "社区观影", organisation: { name: `益行协会${n}` } },
      include: { roles: true },
    });
    expect(film.roles).toEqual([]);
  });
});
