import { parse } from "csv-parse/sync";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProgrammeTable } from "../../src/imports/programme-table.ts";
import { table, zhHeader, zhProgramme } from "../imports/programme-fixtures.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { beforeCampaign, clock, nextMessage, organisationWithGroup, pressAndWait, textOf } from "./support.ts";

const CAMPAIGN = "社会组织公益日";

describe("campaign view, calendar and spreadsheet exports, attendance and hours", () => {
  const time = clock(beforeCampaign);
  let h: Harness;
  let wang: SimUser; // city organiser
  let zhao: SimUser; // district organiser
  let li: SimUser;
  let eve: SimUser; // a name that a spreadsheet would run as a formula
  let city: { id: number; group: GroupChatObject };
  let district: { id: number; group: GroupChatObject };
  const ids: Record<string, number> = {};

  const db = () => h.app.services.database.prisma;

  async function send(user: SimUser, chat: number, text: string) {
    const since = h.fake.sent(chat).length;
    if (chat === user.id) user.sendPrivate(text);
    else user.send(chat, text);
    return nextMessage(h, chat, since);
  }

  /** A confirmed sign-up, as a tap leaves it (written directly: the tap itself is tested with the cards). */
  async function signUp(user: SimUser, title: string) {
    const event = await db().event.findFirstOrThrow({ where: { title } });
    const seq = (await db().signup.count({ where: { eventId: event.id } })) + 1;
    await db().signup.create({
      data: { eventId: event.id, userId: BigInt(user.id), status: "confirmed", seq, createdAt: time.now() },
    });
  }

  async function start(user: SimUser) {
    const since = h.fake.sent(user.id).length;
    user.start();
    await nextMessage(h, user.id, since);
  }

  beforeAll(async () => {
    h = await startHarness({ app: { now: time.now } });
    wang = h.fake.user({ first_name: "王芳" });
    zhao = h.fake.user({ first_name: "赵敏" });
    li = h.fake.user({ first_name: "李强" });
    eve = h.fake.user({ first_name: "=cmd|' /C calc'!A0", last_name: "@SUM(1)" });
    city = await organisationWithGroup(h, { name: "市社会组织联合会", kind: "city", admin: wang, members: [li] });
    district = await organisationWithGroup(h, {
      name: "城东区",
      kind: "district",
      parentId: city.id,
      admin: zhao,
      members: [li, eve],
    });
    await h.app.services.organisations.create({
      name: "市红十字会",
      kind: "organisation",
      parentId: district.id,
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    const table = parseProgrammeTable(Buffer.from(zhProgramme), {
      timeZone: "Asia/Shanghai",
      now: time.now(),
      year: 2026,
    });
    if (!table.ok) throw new Error("fixture did not parse");
    await h.app.services.programmes.importRows({ organisationId: city.id, campaignName: CAMPAIGN }, table.rows);
    for (const e of await db().event.findMany()) ids[e.title] = e.id;
    await signUp(li, "社区义诊");
    await signUp(eve, "社区义诊");
    await signUp(li, "公益健步走");
    await start(wang);
    await start(zhao);
  });
  afterAll(() => h?.stop());

  it("/campaign in the city group shows the whole programme by district and organisation, with sign-ups", async () => {
    const view = await send(wang, city.group.id, "/campaign");
    const text = textOf(view);
    expect(text.split("\n").slice(0, 2)).toEqual([`${CAMPAIGN} · 6月28日 周日`, "共 9 项活动 · 3 人报名"]);
    const district = text.indexOf("📍 城东区");
    const cityWide = text.indexOf("📍 全市及其他");
    expect(district).toBeGreaterThan(0);
    expect(cityWide).toBeGreaterThan(district);
    const clinic = text.indexOf("· 社区义诊 — 6月28日 周日 9:00–11:30 · 幸福社区服务中心 · 不限名额 · 已报名 2");
    expect(clinic).toBeGreaterThan(text.indexOf("市红十字会"));
    expect(clinic).toBeLessThan(cityWide);
    expect(text.indexOf("公益健步走")).toBeGreaterThan(cityWide);
  });

  it("/campaign in the district group shows only the activities below the district", async () => {
    const text = textOf(await send(zhao, district.group.id, "/campaign"));
    expect(text).toContain("共 1 项活动 · 2 人报名");
    expect(text).toContain("社区义诊");
    expect(text).not.toContain("公益健步走");
  });

  it("/calendar sends the group's upcoming events as an .ics that a calendar library reads back", async () => {
    await h.app.services.events.update(ids["公益健步走"]!, { place: "滨江公园北门" }, time.now());
    await h.app.services.events.create({
      organisationId: city.id,
      title: "取消的活动",
      window: {
        start: new Date("2026-06-20T01:00:00Z"),
        end: new Date("2026-06-20T02:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
      },
    });
    const cancelled = await db().event.findFirstOrThrow({ where: { title: "取消的活动" } });
    await h.app.services.events.cancel(cancelled.id);
    const since = h.fake.documents(city.group).length;
    wang.send(city.group, "/calendar");
    const doc = await h.fake.waitFor(() => h.fake.documents(city.group)[since]);
    expect(doc.fileName).toBe("yiqi-events.ics");
    expect(textOf(doc.message)).toContain("市社会组织联合会的近期活动（9 项）");
    const calendar = new ICAL.Component(ICAL.parse(doc.data.toString("utf8")));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("市社会组织联合会");
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(10);
    const byTitle = new Map(events.map((e) => [e.summary, e]));

    const clinic = byTitle.get("社区义诊")!;
    expect(clinic.uid).toBe(`event-${ids["社区义诊"]}@yiqi_test_bot.yiqi`);
    expect(clinic.startDate.isDate).toBe(false);
    expect(clinic.startDate.toJSDate().toISOString()).toBe("2026-06-28T01:00:00.000Z");
    expect(clinic.endDate.toJSDate().toISOString()).toBe("2026-06-28T03:30:00.000Z");
    expect(clinic.location).toBe("幸福社区服务中心");
    expect(clinic.sequence).toBe(0);
    expect(clinic.component.getFirstPropertyValue("status")).toBe("CONFIRMED");

    const outreach = byTitle.get("垃圾分类宣传进社区")!;
    expect(outreach.startDate.isDate).toBe(true);
    expect(outreach.startDate.toString()).toBe("2026-06-28");
    expect(outreach.endDate.toString()).toBe("2026-06-29");
    const teaStand = byTitle.get("爱心茶摊")!;
    expect([teaStand.startDate.toString(), teaStand.endDate.toString()]).toEqual(["2026-06-16", "2027-01-01"]);
    expect(byTitle.get("亲子心理健康讲座")?.location).toBe("Online");
    expect(byTitle.get("公益健步走")).toMatchObject({ sequence: 1, location: "滨江公园北门" });
    const gone = byTitle.get("取消的活动")!;
    expect([gone.sequence, gone.component.getFirstPropertyValue("status")]).toEqual([1, "CANCELLED"]);
  });

  it("the /events list has a button for the same calendar", async () => {
    const list = await send(li, district.group.id, "/events");
    const since = h.fake.documents(district.group).length;
    await pressAndWait(h, li, list, "📅 全部加入我的日历");
    const doc = await h.fake.waitFor(() => h.fake.documents(district.group)[since]);
    const calendar = new ICAL.Component(ICAL.parse(doc.data.toString("utf8")));
    expect(calendar.getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("summary"))).toEqual(["社区义诊"]);
  });

  it("/export sends the campaign's sign-ups privately as a CSV that Excel reads, formulas neutralised", async () => {
    const before = h.fake.documents(wang.id).length;
    const reply = await send(wang, city.group.id, "/export");
    expect(textOf(reply)).toBe("已私聊发送给你。");
    const doc = await h.fake.waitFor(() => h.fake.documents(wang.id)[before]);
    expect(textOf(doc.message)).toBe(`活动日「${CAMPAIGN}」（市社会组织联合会）的报名名单：3 人报名。`);
    expect([...doc.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(doc.data.toString("utf8")).toContain("\r\n");
    const rows: string[][] = parse(doc.data, { bom: true });
    expect(rows[0]).toEqual(["活动", "时间", "组织", "序号", "姓名", "用户名", "状态", "报名时间"]);
    const clinicRows = rows.filter((r) => r[0] === "社区义诊");
    expect(clinicRows.map((r) => [r[3], r[4], r[6]])).toEqual([
      ["1", "李强", "已报名"],
      ["2", "'=cmd|' /C calc'!A0 @SUM(1)", "已报名"],
    ]);
    expect(clinicRows[0]?.[1]).toBe("6月28日 周日 9:00–11:30");
    expect(clinicRows[0]?.[7]).toBe("2026-06-01 10:00");
  });

  it("/export is for organisers only, and asks to open the private chat first when needed", async () => {
    expect(textOf(await send(li, district.group.id, "/export"))).toBe("只有本群的组织者可以导出报名名单。");
    const organiser = h.fake.user({ first_name: "孙丽" });
    const group = await organisationWithGroup(h, {
      name: "城西区",
      kind: "district",
      parentId: city.id,
      admin: organiser,
    });
    const walk = await h.app.services.events.create({
      organisationId: group.id,
      title: "城西健步走",
      window: {
        start: new Date("2026-06-28T00:00:00Z"),
        end: new Date("2026-06-28T02:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
      },
    });
    ids[walk.title] = walk.id;
    await signUp(li, walk.title);
    const reply = await send(organiser, group.group.id, "/export");
    expect(textOf(reply)).toContain("请先打开与我的私聊");
    expect(reply.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({
      url: "https://t.me/yiqi_test_bot?start=export",
    });
  });

  it("the organiser's roster has the CSV button; attendance comes once the event has started", async () => {
    const roster = await send(zhao, zhao.id, `/start mg_${ids["社区义诊"]}`);
    expect(roster.reply_markup?.inline_keyboard.flat().map((b) => b.text)).not.toContain("✅ 签到与时长");
    const before = h.fake.documents(zhao.id).length;
    await pressAndWait(h, zhao, roster, "📄 导出报名名单（CSV）");
    const doc = await h.fake.waitFor(() => h.fake.documents(zhao.id)[before]);
    expect(textOf(doc.message)).toBe("「社区义诊」的报名名单：2 人报名。");
    expect(parse(doc.data, { bom: true })).toHaveLength(3);
  });

  it("after the event: all attended, one switched to absent, hours by hand; /hours and the hours report", async () => {
    time.set(new Date("2026-06-28T05:00:00Z"));
    const roster = await send(zhao, zhao.id, `/start mg_${ids["社区义诊"]}`);
    let since = h.fake.sent(zhao.id).length;
    await pressAndWait(h, zhao, roster, "✅ 签到与时长");
    const sheet = await nextMessage(h, zhao.id, since);
    expect(textOf(sheet)).toContain("已参加 0/2 人");
    expect(textOf(sheet)).toContain("每人志愿时长：2.5 小时");

    expect(await pressAndWait(h, zhao, sheet, "报名的人都参加了")).toMatchObject({ text: "已将 2 人标记为已参加" });
    const marked = h.fake.sent(zhao.id).find((m) => m.message_id === sheet.message_id)!;
    expect(textOf(marked)).toContain("已参加 2/2 人");
    expect(await db().event.findUniqueOrThrow({ where: { id: ids["社区义诊"]! } })).toMatchObject({
      status: "completed",
    });

    await pressAndWait(h, zhao, marked, "✅ 2. =cmd|' /C calc'!A0");
    const switched = h.fake.sent(zhao.id).find((m) => m.message_id === sheet.message_id)!;
    expect(textOf(switched)).toContain("已参加 1/2 人");
    expect(textOf(switched)).toContain("❌ 2.");

    since = h.fake.sent(zhao.id).length;
    await pressAndWait(h, zhao, switched, "设置时长");
    await nextMessage(h, zhao.id, since, (m) => textOf(m).includes("志愿时长？请发送小时数"));
    expect(textOf(await send(zhao, zhao.id, "三小时"))).toContain("不是有效的小时数");
    expect(textOf(await send(zhao, zhao.id, "3"))).toBe("已设置时长：每人 3 小时。");

    await start(li);
    const mine = textOf(await send(li, li.id, "/hours"));
    expect(mine).toContain("你在 2026 年的志愿时长：1 项活动，共 3 小时");
    expect(mine).toContain("· 6月28日 社区义诊 (市红十字会) — 3 小时");
    await start(eve);
    expect(textOf(await send(eve, eve.id, "/hours"))).toContain("你在 2026 年还没有已签到的活动");

    const before = h.fake.documents(zhao.id).length;
    expect(textOf(await send(zhao, district.group.id, "/hours report"))).toBe("已私聊发送给你。");
    const doc = await h.fake.waitFor(() => h.fake.documents(zhao.id)[before]);
    expect(textOf(doc.message)).toBe("城东区在 2026 年的志愿时长：1 人，共 3 小时。");
    const rows: string[][] = parse(doc.data, { bom: true });
    expect(rows).toEqual([
      ["月份", "日期", "活动", "组织", "姓名", "用户名", "时长（小时）"],
      ["2026-06", "2026-06-28", "社区义诊", "市红十字会", "李强", "", "3"],
      ["", "", "", "", "合计", "", "3"],
    ]);
  });

  it("a whole-day event has no length: its hours must be set by hand", async () => {
    await signUp(li, "垃圾分类宣传进社区");
    time.set(new Date("2026-06-29T01:00:00Z"));
    await h.app.services.attendance.markAllAttended(ids["垃圾分类宣传进社区"]!, time.now());
    const roster = await send(wang, wang.id, `/start mg_${ids["垃圾分类宣传进社区"]}`);
    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, roster, "✅ 签到与时长");
    const sheet = await nextMessage(h, wang.id, since);
    expect(textOf(sheet)).toContain("每人志愿时长：还没设置");
    expect(textOf(await send(li, li.id, "/hours"))).toContain(
      "· 6月28日 垃圾分类宣传进社区 (市环保志愿者协会) — 时长未设置",
    );
  });

  it("/campaign NAME picks a campaign, and a long programme pages with ▶", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      String(i),
      `学雷锋志愿服务第${i + 1}站`,
      "市社会组织联合会",
      "",
      `服务点${i}`,
      "3月5日",
    ]);
    const parsed = parseProgrammeTable(Buffer.from(table([zhHeader, ...rows])), {
      timeZone: "Asia/Shanghai",
      now: time.now(),
      year: 2027,
    });
    if (!parsed.ok) throw new Error("did not parse");
    await h.app.services.programmes.importRows({ organisationId: city.id, campaignName: "学雷锋日" }, parsed.rows);
    const first = await send(wang, city.group.id, "/campaign 学雷锋");
    expect(textOf(first)).toMatch(/^学雷锋日 · 2027年3月5日 周五\n共 120 项活动 · 0 人报名\n第 1\/\d 页/);
    expect(textOf(first)).toContain("学雷锋志愿服务第1站");
    await pressAndWait(h, wang, first, "▶");
    const second = h.fake.sent(city.group).find((m) => m.message_id === first.message_id)!;
    expect(textOf(second)).toContain("第 2/");
    expect(textOf(second)).not.toContain("学雷锋志愿服务第1站 ");
    expect(textOf(second).split("\n")[3]).toBe("");
    expect(textOf(second).split("\n")[4]).toBe("📍 全市及其他");
  });
});
