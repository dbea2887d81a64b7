import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { table, titleRow, zhHeader, zhProgramme, zhRows } from "../imports/programme-fixtures.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { beforeCampaign, nextMessage, organisationWithGroup, pressAndWait, textOf } from "./support.ts";

const CAMPAIGN = "社会组织公益日";

describe("importing a programme table in the chat", () => {
  let h: Harness;
  let wang: SimUser;
  let li: SimUser;
  let city: { id: number; group: GroupChatObject };
  let redCross: number;
  let green: number;

  const db = () => h.app.services.database.prisma;

  /** Sends a file privately and returns the bot's answer to it. */
  async function sendFile(user: SimUser, name: string, bytes: Buffer, caption?: string) {
    const since = h.fake.sent(user.id).length;
    user.sendDocument(user, name, bytes, caption === undefined ? {} : { caption });
    return nextMessage(h, user.id, since);
  }

  /**
   * Imports a table privately into the campaign as 王芳. Campaigns are found by name, so a table already
   * imported there is matched and nothing changes: every test can call this for the events it needs.
   */
  async function imported(bytes: Buffer, valid: number) {
    const preview = await sendFile(wang, "安排表.csv", bytes, `/import ${CAMPAIGN}`);
    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, `导入 ${valid} 项`);
    await nextMessage(h, wang.id, since, (m) => textOf(m).startsWith("导入完成"));
  }

  /** The programme's 9 valid events, in the campaign. */
  const programmeImported = () => imported(Buffer.from(zhProgramme, "utf8"), 9);

  /** The programme and the extra visit to the old people's home (10 events), in the campaign. */
  async function programmeAndVisitImported() {
    await programmeImported();
    const visit = [["11", "敬老院探访", "市环保志愿者协会", "陪伴老人", "夕阳红敬老院", "6月28日下午"]];
    await imported(Buffer.from(table([zhHeader, ...visit])), 1);
  }

  beforeAll(async () => {
    // flood control off: 王芳 sends a dozen tables in a few seconds, faster than a person would (flood control
    // has its own tests: test/bot/flood-control.test.ts)
    h = await startHarness({ app: { now: () => beforeCampaign, flood: false } });
    wang = h.fake.user({ first_name: "王芳", started: true });
    li = h.fake.user({ first_name: "李强" });
    city = await organisationWithGroup(h, { name: "市社会组织联合会", kind: "city", admin: wang, members: [li] });
    const district = await h.app.services.organisations.create({
      name: "城东区",
      kind: "district",
      parentId: city.id,
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    const org = (name: string, parentId: number) =>
      h.app.services.organisations.create({
        name,
        kind: "organisation",
        parentId,
        timeZone: "Asia/Shanghai",
        locale: "zh-CN",
      });
    redCross = (await org("市红十字会", district.id)).id;
    green = (await org("市环保志愿者协会", city.id)).id;
  });
  afterAll(() => h?.stop());

  it("previews a UTF-8 table without writing anything, then imports it on Import", async () => {
    const preview = await sendFile(
      wang,
      "公益日活动安排表.csv",
      Buffer.from(zhProgramme, "utf8"),
      `/import ${CAMPAIGN}`,
    );
    const text = textOf(preview);
    expect(text).toContain("共 10 项活动, 6月28日 6 项, 7月1日 1 项, 跨多日 2 项");
    expect(text).toContain("1 项有错误（不导入）");
    expect(text).toContain("第 12 行：无法识别时间「时间待定」");
    expect(text).toContain("导入到：市社会组织联合会");
    expect(text).toContain(`活动日：${CAMPAIGN}`);
    expect(text).toContain("活动日的活动默认公开");
    expect(await db().event.count()).toBe(0);
    expect(await db().pendingImport.count()).toBe(1);

    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入 9 项");
    const done = await nextMessage(h, wang.id, since, (m) => textOf(m).startsWith("导入完成"));
    expect(textOf(done)).toContain("新增 9 项，更新 0 项，未变 0 项");
    expect(textOf(done)).toContain(`已归入活动日「${CAMPAIGN}」`);

    const events = await db().event.findMany({ include: { organisers: { orderBy: { position: "asc" } } } });
    expect(events).toHaveLength(9);
    // a campaign day's programme is published to the public
    expect(events.every((e) => e.isPublic)).toBe(true);
    expect(await db().pendingImport.count()).toBe(0);
    const clinic = events.find((e) => e.title === "社区义诊")!;
    expect(clinic.organisationId).toBe(redCross);
    expect(clinic.organisers.map((o) => [o.name, o.organisationId])).toEqual([
      ["市红十字会", redCross],
      ["区卫生健康局", null],
      ["幸福社区居委会", null],
    ]);
    expect(clinic.startsAt.toISOString()).toBe("2026-06-28T01:00:00.000Z");
    expect(clinic.precision).toBe("exact");
    expect(events.find((e) => e.title === "垃圾分类宣传进社区")?.organisationId).toBe(green);
    // a unit that is no organisation yet becomes one, under the importing city (no district in its name or place)
    const walk = events.find((e) => e.title === "公益健步走");
    const walker = await db().organisation.findUniqueOrThrow({ where: { id: walk?.organisationId ?? -1 } });
    expect(walker).toMatchObject({ name: "市体育总会", parentId: city.id, kind: "organisation" });
    expect(events.find((e) => e.title === "亲子心理健康讲座")).toMatchObject({ online: true, place: null });
    const campaign = await db().campaign.findFirstOrThrow({ where: { name: CAMPAIGN } });
    expect(campaign.startsAt.toISOString()).toBe("2026-06-27T16:00:00.000Z");
    expect(events.every((e) => e.campaignId === campaign.id)).toBe(true);
  });

  it("re-importing the same table saved as GB18030 updates nothing and adds no copies", async () => {
    await programmeImported();
    const bytes = iconv.encode(zhProgramme, "gb18030");
    const preview = await sendFile(wang, "安排表-GBK.csv", bytes, `/import ${CAMPAIGN}`);
    expect(textOf(preview)).toContain("共 10 项活动");
    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入 9 项");
    const done = await nextMessage(h, wang.id, since, (m) => textOf(m).startsWith("导入完成"));
    expect(textOf(done)).toContain("新增 0 项，更新 0 项，未变 9 项");
    expect(await db().event.count()).toBe(9);
  });

  it("a changed time updates the event (sequence bumped) instead of adding one", async () => {
    await programmeImported();
    const changed = zhRows.map((r) => (r[1] === "公益电影放映" ? [...r.slice(0, 5), "6月28日 19:00-21:00"] : r));
    const preview = await sendFile(
      wang,
      "安排表v2.csv",
      Buffer.from(table([titleRow, zhHeader, ...changed])),
      `/import ${CAMPAIGN}`,
    );
    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入 9 项");
    const done = await nextMessage(h, wang.id, since, (m) => textOf(m).startsWith("导入完成"));
    expect(textOf(done)).toContain("新增 0 项，更新 1 项，未变 8 项");
    const film = await db().event.findFirstOrThrow({ where: { title: "公益电影放映" } });
    expect(film).toMatchObject({ precision: "exact", sequence: 1, timeText: "6月28日 19:00-21:00" });
    expect(await db().event.count()).toBe(9);
  });

  it("without a campaign the preview offers the current one; Cancel forgets the table; then it is gone", async () => {
    await programmeImported();
    const preview = await sendFile(wang, "安排表.csv", Buffer.from(zhProgramme));
    expect(textOf(preview)).toContain("未指定活动日");
    await pressAndWait(h, wang, preview, `归入活动日「${CAMPAIGN}」`);
    const joined = h.fake.sent(wang.id).find((m) => m.message_id === preview.message_id)!;
    expect(textOf(joined)).toContain(`活动日：${CAMPAIGN}`);
    expect((await db().pendingImport.findFirstOrThrow()).campaignName).toBe(CAMPAIGN);
    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, joined, "取消");
    await nextMessage(h, wang.id, since, (m) => textOf(m) === "已取消导入，没有保存任何内容。");
    expect(await db().pendingImport.count()).toBe(0);
    expect(await db().event.count()).toBe(9);
    const stale = preview.reply_markup?.inline_keyboard[0]?.[0];
    const id = wang.pressData(preview, stale && "callback_data" in stale ? stale.callback_data : "");
    await h.fake.waitFor(() => h.fake.answers(id)[0]);
    expect(h.fake.answers(id)[0]).toMatchObject({ text: "这次导入已经确认或取消过了。" });
  });

  it("in a group: /import asks for the file as a reply; only the sender may confirm", async () => {
    await programmeImported();
    const since = h.fake.sent(city.group).length;
    wang.send(city.group, `/import ${CAMPAIGN}`);
    const ask = await nextMessage(h, city.group.id, since);
    const asked = h.fake
      .calls("sendMessage")
      .find((c) => c.response?.ok && textOf(c.response.result as never) === textOf(ask));
    expect(asked?.params.reply_markup).toMatchObject({ force_reply: true, selective: true });
    const moreRows = [["11", "敬老院探访", "市环保志愿者协会", "陪伴老人", "夕阳红敬老院", "6月28日下午"]];
    wang.sendDocument(city.group, "补充活动.csv", Buffer.from(table([zhHeader, ...moreRows])), { replyTo: ask });
    const preview = await nextMessage(h, city.group.id, since + 1, (m) => textOf(m).startsWith("📋"));
    expect(textOf(preview)).toContain("共 1 项活动, 6月28日 1 项");

    const refused = await pressAndWait(h, li, preview, "导入 1 项");
    expect(refused).toMatchObject({ show_alert: true, text: "只有本组织的组织者可以导入活动安排表。" });
    expect(await db().event.count()).toBe(9);

    const before = h.fake.sent(city.group).length;
    await pressAndWait(h, wang, preview, "导入 1 项");
    await nextMessage(h, city.group.id, before, (m) => textOf(m).includes("新增 1 项"));
    const visit = await db().event.findFirstOrThrow({ where: { title: "敬老院探访" } });
    expect(visit.organisationId).toBe(green);
  });

  it("while a 5,000-row table is read, other chats are answered first", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [
      String(i + 1),
      `活动${i + 1}`,
      "市环保志愿者协会",
      "",
      "",
      "6月28日",
    ]);
    const big = Buffer.from(table([zhHeader, ...rows]));
    const since = h.fake.sent(wang.id).length;
    wang.sendDocument(wang, "全市大表.csv", big);
    await h.fake.waitForCall("getFile");
    const helped = h.fake.sent(city.group).length;
    li.send(city.group, "/help");
    await nextMessage(h, city.group.id, helped);
    expect(h.fake.sent(wang.id).slice(since)).toEqual([]);
    const preview = await nextMessage(h, wang.id, since, undefined, 30_000);
    expect(textOf(preview)).toContain("共 5000 项活动, 6月28日 5000 项");
    const cancelled = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "取消");
    await nextMessage(h, wang.id, cancelled);
  });

  it("a member who organises nothing is told so, and nothing is staged", async () => {
    const greeted = h.fake.sent(li.id).length;
    li.start();
    await nextMessage(h, li.id, greeted);
    const answer = await sendFile(li, "安排表.csv", Buffer.from(zhProgramme));
    expect(textOf(answer)).toContain("你还不是任何组织的组织者");
    expect(await db().pendingImport.count()).toBe(0);
  });

  describe("bad input gets a clear message and nothing is written", () => {
    beforeAll(() => programmeAndVisitImported());

    const cases: [string, () => Buffer, string][] = [
      ["an empty file", () => Buffer.alloc(0), "文件是空的"],
      ["only a header", () => Buffer.from(table([zhHeader])), "文件是空的"],
      [
        "wrong headers",
        () =>
          Buffer.from(
            table([
              ["名称", "单位", "日期"],
              ["义诊", "红十字会", "6月28日"],
            ]),
          ),
        "缺少的列：公益服务活动名称, 组织单位, 活动时间",
      ],
      [
        "binary junk",
        () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]),
        "二进制",
      ],
      [
        "10,000 rows",
        () => Buffer.from(table([zhHeader, ...Array.from({ length: 10_000 }, () => zhRows[1]!)])),
        "超过 5000 项，",
      ],
      [
        "a broken quote",
        () => Buffer.from(`${table([zhHeader])}1,"社区义诊,市红十字会,义诊,幸福社区,6月28日\n`),
        "不是有效的 CSV",
      ],
      [
        "only bad rows (missing cells, unparseable times)",
        () =>
          Buffer.from(
            table([
              zhHeader,
              ["1", "社区义诊", "市红十字会"],
              ["2", "", "市红十字会", "", "", "6月28日"],
              ["3", "义诊", "市红十字会", "", "", "下周某天"],
              ["4", "义诊", "", "", "", "6月31日"],
            ]),
          ),
        "第 2 行：这一行的单元格太少\n· 第 3 行：活动名称为空\n· 第 4 行：无法识别时间「下周某天」\n· 第 5 行：没有组织单位\n· 第 5 行：「6月31日」不是有效日期",
      ],
    ];
    for (const [name, bytes, expected] of cases) {
      it(name, async () => {
        const answer = await sendFile(wang, "安排表.csv", bytes());
        expect(textOf(answer)).toContain(expected);
        expect(answer.reply_markup).toBeUndefined();
        expect(await db().pendingImport.count()).toBe(0);
        expect(await db().event.count()).toBe(10);
      });
    }

    it("a failed download asks for the file again", async () => {
      h.fake.failNext("getFile", 502);
      const answer = await sendFile(wang, "安排表.csv", Buffer.from(zhProgramme));
      expect(textOf(answer)).toBe("无法从 Telegram 下载该文件，请重新发送。");
      expect(await db().pendingImport.count()).toBe(0);
    });

    it("a 20 MB file is refused from its size, without downloading it", async () => {
      const downloads = h.fake.calls("getFile").length;
      const answer = await sendFile(wang, "巨大.csv", Buffer.alloc(20 * 1024 * 1024 + 1, "a"));
      expect(textOf(answer)).toContain("文件太大（20 MB），上限为 5 MB");
      expect(h.fake.calls("getFile")).toHaveLength(downloads);
    });
  });
});
