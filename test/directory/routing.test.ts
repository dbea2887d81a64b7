import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beforeCampaign, nextMessage, organisationWithGroup, pressAndWait, textOf } from "../programmes/support.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { importNingbo } from "./ningbo.ts";

const CAMPAIGN = "社会组织公益日";
const seed = readFileSync(new URL("../../src/playground/programme-2020.csv", import.meta.url), "utf8").trimEnd();

/** The seed's 2020 programme and four Ningbo rows: one per district by unit, one co-organised, one by place. */
const programme = [
  seed,
  "10,海曙区义诊,海曙区红十字会,为老人测血压,鼓楼街道,6月28日 9:00-11:00",
  "11,江北区垃圾分类宣传,江北区环保协会、海曙区红十字会,讲解垃圾分类,江北区文化广场,6月28日",
  "12,社区读书会,书香志愿者协会,亲子共读,余姚市图书馆,6月28日下午",
  "13,全市公益健步走,宁波市,健步走5公里,三江口,6月28日 8:00-10:00",
].join("\n");

describe("a city's programme routed to its districts", () => {
  let h: Harness;
  let wang: SimUser;
  let li: SimUser;
  let zhou: SimUser;
  let city: { id: number; group: GroupChatObject };
  const groups = new Map<string, GroupChatObject>();

  async function send(user: SimUser, chat: GroupChatObject | SimUser, text: string) {
    const id = "id" in chat ? chat.id : 0;
    const since = h.fake.sent(id).length;
    user.send(chat, text);
    return nextMessage(h, id, since);
  }

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => beforeCampaign } });
    wang = h.fake.user({ first_name: "王芳", started: true });
    li = h.fake.user({ first_name: "李强" });
    zhou = h.fake.user({ first_name: "周敏" });
    city = await organisationWithGroup(h, { name: "宁波市", kind: "city", admin: wang });
    const orgs = await importNingbo(h);
    for (const [name, admin] of [
      ["海曙区", li],
      ["江北区", zhou],
    ] as const) {
      const group = h.fake.group({ title: `${name}社会组织群`, creator: admin });
      await send(admin, group, "/help");
      await h.app.services.organisations.linkChat(BigInt(group.id), orgs.get(name)?.id ?? -1);
      h.app.services.chats.forget(BigInt(group.id));
      groups.set(name, group);
    }
  });
  afterAll(() => h.stop());

  /** The programme imported by the city through the chat (once; a later call finds it there). */
  async function programmeImported() {
    if ((await h.app.services.database.prisma.event.count()) > 0) return;
    const since = h.fake.sent(wang.id).length;
    wang.sendDocument(wang, "2020年安排表.csv", Buffer.from(programme, "utf8"), { caption: `/import ${CAMPAIGN}` });
    const preview = await nextMessage(h, wang.id, since, (m) => textOf(m).includes("按区县"));
    const after = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入 13 项");
    await nextMessage(h, wang.id, after, (m) => textOf(m).startsWith("导入完成"));
  }

  it("the preview shows where each row goes; import creates the units and posts cards to the districts' groups", async () => {
    const since = h.fake.sent(wang.id).length;
    wang.sendDocument(wang, "2020年安排表.csv", Buffer.from(programme, "utf8"), { caption: `/import ${CAMPAIGN}` });
    const preview = await nextMessage(h, wang.id, since, (m) => textOf(m).includes("按区县"));
    const text = textOf(preview);
    expect(text).toContain("按区县：海曙区 1 项 · 江北区 1 项 · 余姚市 1 项 · 市级 10 项");
    expect(text).toContain("第 12 行「海曙区义诊」→ 海曙区红十字会（海曙区，新建）");
    expect(text).toContain("第 13 行「江北区垃圾分类宣传」→ 江北区环保协会（江北区，新建）");
    expect(text).toContain("第 14 行「社区读书会」→ 书香志愿者协会（余姚市，新建）");
    expect(text).toContain("第 15 行「全市公益健步走」→ 宁波市（市级）");
    expect(text).toContain("将新建 12 个组织");
    expect(await h.app.services.database.prisma.event.count()).toBe(0);

    const haishuGroup = groups.get("海曙区");
    if (!haishuGroup) throw new Error("no group");
    const before = h.fake.sent(haishuGroup.id).length;
    const after = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入并把活动卡片发到各组织的群");
    await nextMessage(h, wang.id, after, (m) => textOf(m).startsWith("已把"));
    const posted = h.fake.sent(haishuGroup.id).slice(before).map(textOf);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain("海曙区义诊");

    const db = h.app.services.database.prisma;
    const redCross = await db.organisation.findFirstOrThrow({
      where: { name: "海曙区红十字会" },
      include: { parent: true },
    });
    expect(redCross.parent?.name).toBe("海曙区");
    const walk = await db.event.findFirstOrThrow({ where: { title: "全市公益健步走" } });
    expect(walk.organisationId).toBe(city.id);
  });

  it("a district hub's /events and /campaign show exactly its activities, a co-organised one included", async () => {
    await programmeImported();
    const haishu = groups.get("海曙区");
    const jiangbei = groups.get("江北区");
    if (!haishu || !jiangbei) throw new Error("no groups");
    const haishuEvents = textOf(await send(li, haishu, "/events"));
    expect(haishuEvents).toContain("海曙区义诊");
    expect(haishuEvents).toContain("江北区垃圾分类宣传"); // co-organised by 海曙区红十字会
    expect(haishuEvents).not.toContain("社区读书会");
    expect(haishuEvents).not.toContain("全市公益健步走");
    expect(haishuEvents).not.toContain("社区义诊");

    const jiangbeiEvents = textOf(await send(zhou, jiangbei, "/events"));
    expect(jiangbeiEvents).toContain("江北区垃圾分类宣传");
    expect(jiangbeiEvents).not.toContain("海曙区义诊");

    const campaign = textOf(await send(li, haishu, "/campaign"));
    expect(campaign).toContain("共 2 项活动");
    expect(campaign).toContain("海曙区义诊");
    expect(campaign).toContain("江北区垃圾分类宣传");
    expect(campaign).not.toContain("全市公益健步走");

    const cityCampaign = textOf(await send(wang, city.group, "/campaign"));
    expect(cityCampaign).toContain("共 13 项活动");
  });
});
