import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const start = new Date("2026-06-01T02:00:00Z");
const MINUTE = 60_000;

describe.each(databaseKinds)("questions at sign-up, answered in private while the place is held, on %s", (kind) => {
  let h: Harness;
  let clock = start;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => clock } });
  });
  afterAll(() => h?.stop());

  const prisma = () => h.app.services.database.prisma;

  /** A group and an event of 2 places; the organiser gives it a phone and a choice question in /edit. */
  async function eventWithQuestions() {
    n++;
    clock = start;
    const admin = h.fake.user({ first_name: `王芳${n}` });
    const members = ["李雷", "韩梅梅", "张伟"].map((name) => h.fake.user({ first_name: `${name}${n}` })) as [
      SimUser,
      SimUser,
      SimUser,
    ];
    const group = h.fake.group({ title: `义诊群${n}`, creator: admin, members });
    await sendAndWait(h.fake, admin, group, `/setup new 洞桥义诊队${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    const card = await sendAndWait(h.fake, admin, group, "/newevent 益行洞桥 | 6月27日 9:00-11:00 | 洞桥 | 2", (m) =>
      Boolean(m.text?.startsWith("益行洞桥")),
    );
    admin.start();
    const dm = admin.id;
    const pick = await sendAndWait(h.fake, admin, dm, "/edit", (m) => buttonTexts(m).includes("益行洞桥"));
    await press(h.fake, admin, pick, "益行洞桥");
    const which = await h.fake.waitFor(() => h.fake.sent(dm).findLast((m) => m.text?.startsWith("修改「益行洞桥」")));
    const asked = h.fake.sent(dm).length;
    await press(h.fake, admin, which, "报名问题");
    await h.fake.waitFor(() =>
      h.fake
        .sent(dm)
        .slice(asked)
        .find((m) => m.text?.startsWith("报名后要请报名者回答哪些问题")),
    );
    // a bad line changes nothing and says what is wrong
    const bad = await sendAndWait(h.fake, admin, dm, "选择：T恤尺码：只有一种");
    expect(bad.text).toContain("选择题要写 2 到 8 个不同的选项");
    const done = await sendAndWait(h.fake, admin, dm, "电话：紧急联系人电话\n选择：T恤尺码：S / M / L", (m) =>
      Boolean(m.text?.startsWith("✅")),
    );
    expect(done.text).toContain("已更新");
    const event = await prisma().event.findFirstOrThrow({ where: { title: "益行洞桥" }, orderBy: { id: "desc" } });
    expect(await prisma().eventQuestion.count({ where: { eventId: event.id } })).toBe(2);
    return { admin, members, group, card, eventId: event.id };
  }

  async function started(user: SimUser) {
    user.start();
    await h.fake.waitFor(() => h.fake.sent(user.id).at(-1));
  }

  const statusOf = async (eventId: number, u: SimUser) =>
    (await prisma().signup.findUnique({ where: { eventId_userId: { eventId, userId: BigInt(u.id) } } }))?.status;

  it("the place is held while the member answers; a valid phone and a choice confirm it", async () => {
    const { members, card, eventId } = await eventWithQuestions();
    const [li] = members;
    li.start();
    await h.fake.waitFor(() => h.fake.sent(li.id).at(-1));
    const before = h.fake.sent(li.id).length;
    const toast = await press(h.fake, li, card, "✅ 报名");
    expect(toast.text).toBe("名额已为你保留 10 分钟，请在私聊里回答几个问题\n问题已发到和我的私聊中。");
    expect(await statusOf(eventId, li)).toBe("held");
    const intro = await h.fake.waitFor(() =>
      h.fake
        .sent(li.id)
        .slice(before)
        .find((m) => m.text?.startsWith("「益行洞桥」的名额为你保留到")),
    );
    expect(intro.text).toContain("6月1日 10:10");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text?.startsWith("问题 1/2：紧急联系人电话")));
    // the card counts the held place: 1/2 taken
    await h.fake.waitFor(() =>
      h.fake.sent(card.chat.id).find((m) => m.message_id === card.message_id && m.text?.includes("1/2")),
    );

    const wrong = await sendAndWait(h.fake, li, li.id, "12345");
    expect(wrong.text).toContain("这个号码格式不对");
    expect(await prisma().signupAnswer.count({ where: { signup: { eventId } } })).toBe(0);
    const choice = await sendAndWait(h.fake, li, li.id, "+86 138-1234-5678", (m) =>
      Boolean(m.text?.startsWith("问题 2/2：T恤尺码")),
    );
    expect(buttonTexts(choice)).toEqual(["S", "M", "L"]);
    await press(h.fake, li, choice, "M");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text === "谢谢！你已报名「益行洞桥」✅"));
    expect(await statusOf(eventId, li)).toBe("confirmed");
    const answers = await prisma().signupAnswer.findMany({
      where: { signup: { eventId, userId: BigInt(li.id) } },
      orderBy: { questionId: "asc" },
    });
    expect(answers.map((a) => a.value)).toEqual(["138 1234 5678", "M"]);
  });

  it("someone who never started the bot is taken there; unanswered, the place is released with a notice and the waitlist moves up", async () => {
    const { admin, members, card, eventId } = await eventWithQuestions();
    const [li, han, zhang] = members;
    // 李雷 answers and is confirmed; 韩梅梅 never started the bot: the tap opens it with the questionnaire link
    li.start();
    await h.fake.waitFor(() => h.fake.sent(li.id).at(-1));
    await press(h.fake, li, card, "✅ 报名");
    const q1 = await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text?.startsWith("问题 1/2")));
    expect(q1).toBeDefined();
    await sendAndWait(h.fake, li, li.id, "13812345678", (m) => Boolean(m.text?.startsWith("问题 2/2")));
    const choice = await h.fake.waitFor(() => h.fake.sent(li.id).findLast((m) => m.text?.startsWith("问题 2/2")));
    await press(h.fake, li, choice, "L");
    await h.fake.waitForAsync(async () => (await statusOf(eventId, li)) === "confirmed");

    const link = await press(h.fake, han, card, "✅ 报名");
    expect(link.url).toMatch(new RegExp(`\\?start=qa_${eventId}$`));
    expect(await statusOf(eventId, han)).toBe("held");
    han.start(`qa_${eventId}`);
    await h.fake.waitFor(() => h.fake.sent(han.id).find((m) => m.text?.startsWith("问题 1/2：紧急联系人电话")));

    // full (one confirmed, one held): 张伟 waits, and is asked the questions too
    zhang.start();
    await h.fake.waitFor(() => h.fake.sent(zhang.id).at(-1));
    const waiting = await press(h.fake, zhang, card, "✅ 报名");
    expect(waiting.text).toBe("名额已满，你在候补第 1 位\n问题已发到和我的私聊中。");

    // the hold runs out: the scheduler's job releases it, tells 韩梅梅 and moves 张伟 up
    clock = new Date(start.getTime() + 11 * MINUTE);
    expect(await h.app.scheduler.releaseExpired(clock)).toBe(1);
    expect(await h.app.scheduler.releaseExpired(clock)).toBe(0); // once only
    expect(await statusOf(eventId, han)).toBe("cancelled");
    // 张伟 moves up but has not answered: the place is held for him while he does
    expect(await statusOf(eventId, zhang)).toBe("held");
    await h.fake.waitFor(() =>
      h.fake.sent(han.id).find((m) => m.text?.startsWith("「益行洞桥」为你保留的名额已过期（问题没有按时答完）")),
    );
    const moved = await h.fake.waitFor(() =>
      h.fake.sent(zhang.id).find((m) => m.text?.startsWith("好消息！「益行洞桥」空出了名额，为你保留到 6月1日 10:21")),
    );
    const askedAt = h.fake.sent(zhang.id).length;
    await press(h.fake, zhang, moved, "✏️ 回答问题");
    await h.fake.waitFor(() =>
      h.fake
        .sent(zhang.id)
        .slice(askedAt)
        .find((m) => m.text?.startsWith("问题 1/2")),
    );
    await sendAndWait(h.fake, zhang, zhang.id, "13700002222", (m) => Boolean(m.text?.startsWith("问题 2/2")));
    const zhangChoice = await h.fake.waitFor(() =>
      h.fake.sent(zhang.id).findLast((m) => m.text?.startsWith("问题 2/2")),
    );
    await press(h.fake, zhang, zhangChoice, "M");
    await h.fake.waitFor(() => h.fake.sent(zhang.id).find((m) => m.text === "谢谢！你已报名「益行洞桥」✅"));
    expect(await statusOf(eventId, zhang)).toBe("confirmed");
    // answering after the hold ran out confirms nothing
    const late = await sendAndWait(h.fake, han, han.id, "13900001111");
    expect(late.text).toBe("这个报名已经不需要回答问题了。");
    expect(await statusOf(eventId, han)).toBe("cancelled");

    // the organiser sees the answers on the roster and in the export; members never do
    const rosterAt = h.fake.sent(admin.id).length;
    await press(h.fake, admin, card, "⚙️ 管理");
    const roster = await h.fake.waitFor(() =>
      h.fake
        .sent(admin.id)
        .slice(rosterAt)
        .find((m) => m.text?.includes("已报名 2/2")),
    );
    expect(roster.text).toContain("紧急联系人电话：138 1234 5678");
    expect(roster.text).toContain("T恤尺码：L");
    const who = await press(h.fake, han, card, "👥 谁参加");
    expect(who.text).not.toContain("13812345678");
    await press(h.fake, admin, roster, "📄 导出报名名单（CSV）");
    const csv = await h.fake.waitFor(() => h.fake.documents(admin.id).find((d) => d.fileName.endsWith(".csv")));
    const lines = csv.data.toString("utf8").replace("\uFEFF", "").split("\r\n");
    expect(lines[0]).toContain(",紧急联系人电话,T恤尺码");
    expect(lines.find((l) => l.includes(li.user.first_name))).toMatch(/,138 1234 5678,L$/);
  });

  it("members see and change their answers in /my; /forgetme deletes them", async () => {
    const { members, card, eventId } = await eventWithQuestions();
    const [li] = members;
    li.start();
    await h.fake.waitFor(() => h.fake.sent(li.id).at(-1));
    await press(h.fake, li, card, "✅ 报名");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text?.startsWith("问题 1/2")));
    await sendAndWait(h.fake, li, li.id, "138 1234 5678", (m) => Boolean(m.text?.startsWith("问题 2/2")));
    const choice = await h.fake.waitFor(() => h.fake.sent(li.id).findLast((m) => m.text?.startsWith("问题 2/2")));
    await press(h.fake, li, choice, "S");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text === "谢谢！你已报名「益行洞桥」✅"));
    expect(await statusOf(eventId, li)).toBe("confirmed");

    const my = await sendAndWait(h.fake, li, li.id, "/my", (m) => Boolean(m.text?.includes("益行洞桥")));
    expect(my.text).toContain("紧急联系人电话：138 1234 5678");
    expect(my.text).toContain("T恤尺码：S");
    const asked = h.fake.sent(li.id).length;
    await press(h.fake, li, my, "✏️ 修改回答：益行洞桥");
    const again = await h.fake.waitFor(() =>
      h.fake
        .sent(li.id)
        .slice(asked)
        .find((m) => m.text?.startsWith("问题 1/2")),
    );
    expect(again.text).toContain("现在的回答：138 1234 5678");
    await sendAndWait(h.fake, li, li.id, "+44 20 7946 0958", (m) => Boolean(m.text?.startsWith("问题 2/2")));
    const second = await h.fake.waitFor(() => h.fake.sent(li.id).findLast((m) => m.text?.startsWith("问题 2/2")));
    await press(h.fake, li, second, "L");
    await h.fake.waitFor(() =>
      h.fake
        .sent(li.id)
        .slice(asked)
        .find((m) => m.text === "谢谢！你已报名「益行洞桥」✅"),
    );
    const values = async () =>
      (
        await prisma().signupAnswer.findMany({
          where: { signup: { eventId, userId: BigInt(li.id) } },
          orderBy: { questionId: "asc" },
        })
      ).map((a) => a.value);
    expect(await values()).toEqual(["+442079460958", "L"]);

    const signupId = (await prisma().signup.findFirstOrThrow({ where: { eventId, userId: BigInt(li.id) } })).id;
    const ask = await sendAndWait(h.fake, li, li.id, "/forgetme", (m) => buttonTexts(m).length > 0);
    await press(h.fake, li, ask, "🗑 确认删除我的信息");
    await h.fake.waitFor(() => h.fake.sent(li.id).find((m) => m.text?.startsWith("✅ 已删除你的信息")));
    expect(await prisma().signupAnswer.count({ where: { signupId } })).toBe(0);
    // the sign-up itself stays (anonymously), so the places still add up
    expect(await prisma().signup.count({ where: { id: signupId, status: "confirmed" } })).toBe(1);
  });

  it("the guided /newevent sets roles, a phone question and waitlist offers before posting; a role tap is held too", async () => {
    n++;
    clock = start;
    const admin = h.fake.user({ first_name: `组织者${n}` });
    const doctor = h.fake.user({ first_name: `医生${n}` });
    const group = h.fake.group({ title: `益行群${n}`, creator: admin, members: [doctor] });
    await sendAndWait(h.fake, admin, group, `/setup new 益行协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    admin.start();
    const dm = admin.id;
    const groups = await sendAndWait(h.fake, admin, dm, "/newevent 益行洞桥 | 6月28日 9:00-11:30 | 洞桥镇 | 10", (m) =>
      buttonTexts(m).includes("📣 发布"),
    );
    await press(h.fake, admin, groups, "👥 分角色报名");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("分哪些角色报名？")));
    const withRoles = await sendAndWait(h.fake, admin, dm, "义诊医生 2 · 家具维修 3 · 法律咨询 2", (m) =>
      buttonTexts(m).includes("📣 发布"),
    );
    await press(h.fake, admin, withRoles, "❓ 报名问题");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("报名后要请报名者回答哪些问题")));
    const tooMany = await sendAndWait(h.fake, admin, dm, "a\nb\nc\nd");
    expect(tooMany.text).toContain("最多 3 个问题");
    const withQuestions = await sendAndWait(h.fake, admin, dm, "手机：保险用联系电话", (m) =>
      buttonTexts(m).includes("📣 发布"),
    );
    expect(withQuestions.text).toContain("❓ 报名问题：\n电话：保险用联系电话");
    await press(h.fake, admin, withQuestions, "🎟 候补确认");
    await h.fake.waitFor(() => h.fake.sent(dm).find((m) => m.text?.startsWith("有人取消时")));
    const summary = await sendAndWait(h.fake, admin, dm, "90分钟", (m) => buttonTexts(m).includes("📣 发布"));
    expect(summary.text).toContain("🎟 空出的名额先留给候补第一位确认 90 分钟");
    await press(h.fake, admin, summary, "📣 发布");
    const card = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("益行洞桥")));
    const event = await prisma().event.findFirstOrThrow({
      where: { title: "益行洞桥" },
      orderBy: { id: "desc" },
      include: { questions: true, roles: true },
    });
    expect(event.offerMinutes).toBe(90);
    expect(event.questions.map((q) => [q.kind, q.prompt])).toEqual([["phone", "保险用联系电话"]]);
    expect(event.roles).toHaveLength(3);

    await started(doctor);
    const toast = await press(h.fake, doctor, card, "✅ 义诊医生");
    expect(toast.text).toContain("名额已为你保留 10 分钟");
    expect(await statusOf(event.id, doctor)).toBe("held");
    await h.fake.waitFor(() => h.fake.sent(doctor.id).find((m) => m.text?.startsWith("问题 1/1：保险用联系电话")));
    await sendAndWait(h.fake, doctor, doctor.id, "+86 186 0000 1234", (m) => m.text === "谢谢！你已报名「益行洞桥」✅");
    expect(await statusOf(event.id, doctor)).toBe("confirmed");
  });

  it("a programme table's optional 报名问题 column gives the imported events their questions", async () => {
    n++;
    const admin = h.fake.user({ first_name: `组织者${n}`, started: true });
    const group = h.fake.group({ title: `益行群${n}`, creator: admin, members: [] });
    await sendAndWait(h.fake, admin, group, `/setup new 益行协会${n} | 组织 | - | Asia/Shanghai | zh-CN`);
    const csv = [
      "公益服务活动名称,组织单位,具体内容和对象,服务活动地点或区域,活动时间,报名问题",
      `慈善健步走,益行协会${n},健步走,江北公园,6月28日 8:00-10:00,电话：保险用联系电话；选择：T恤尺码：S / M / L`,
      `社区观影,益行协会${n},电影,社区,6月28日,`,
      `读书会,益行协会${n},读书,图书馆,6月28日,选择：尺码：S`,
    ].join("\n");
    const since = h.fake.sent(admin.id).length;
    admin.sendDocument(admin, "安排表.csv", Buffer.from(csv), { caption: "/import" });
    const preview = await h.fake.waitFor(() =>
      h.fake
        .sent(admin.id)
        .slice(since)
        .find((m) => buttonTexts(m).some((b) => b.startsWith("导入"))),
    );
    expect(preview.text ?? preview.caption).toContain("报名问题「选择：尺码：S」写得不对");
    await press(h.fake, admin, preview, "导入 2 项");
    const walk = await h.fake.waitForAsync(async () =>
      prisma().event.findFirst({
        where: { title: "慈善健步走", organisation: { name: `益行协会${n}` } },
        include: { questions: { orderBy: { position: "asc" } } },
      }),
    );
    expect(walk.questions.map((q) => [q.kind, q.prompt, q.options])).toEqual([
      ["phone", "保险用联系电话", null],
      ["choice", "T恤尺码", "S\nM\nL"],
    ]);
    const film = await prisma().event.findFirstOrThrow({
      where: { title: "社区观影", organisation: { name: `益行协会${n}` } },
      include: { questions: true },
    });
    expect(film.questions).toEqual([]);
  });
});
