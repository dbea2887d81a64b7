import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlanceRow } from "../../src/domain/campaign-glance.ts";
import { Translator } from "../../src/i18n/translator.ts";
import { renderChart } from "../../src/services/chart-renderer.ts";
import { statsChart } from "../../src/views/campaign-glance-views.ts";
import { beforeCampaign, nextMessage, organisationWithGroup, pressAndWait, textOf } from "../programmes/support.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { importNingbo } from "./ningbo.ts";

const CAMPAIGN = "社会组织公益日";
const seed = readFileSync(new URL("../../src/playground/programme-2020.csv", import.meta.url), "utf8").trimEnd();
/** The seed's 2020 programme and four Ningbo rows, routed to 海曙区, 江北区 (co-organised by 海曙区's unit), 余姚市, the city. */
const programme = [
  seed,
  "10,海曙区义诊,海曙区红十字会,为老人测血压,鼓楼街道,6月28日 9:00-11:00",
  "11,江北区垃圾分类宣传,江北区环保协会、海曙区红十字会,讲解垃圾分类,江北区文化广场,6月28日",
  "12,社区读书会,书香志愿者协会,亲子共读,余姚市图书馆,6月28日下午",
  "13,全市公益健步走,宁波市,健步走5公里,三江口,6月28日 8:00-10:00",
].join("\n");

/** PNG → RGBA pixels, decoded by resvg (an SVG showing the image), and how many are not near-white. */
function inkOf(png: Buffer, width: number, height: number): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="data:image/png;base64,${png.toString("base64")}" width="${width}" height="${height}"/></svg>`;
  const pixels = new Resvg(svg, { background: "#ffffff" }).render().pixels;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if ((pixels[i] ?? 255) < 200 && (pixels[i + 1] ?? 255) < 200 && (pixels[i + 2] ?? 255) < 200) ink++;
  }
  return ink;
}

describe.each(databaseKinds)("a campaign at a glance from the hubs, on %s", (kind) => {
  let h: Harness;
  let wang: SimUser;
  let li: SimUser;
  let city: { id: number; group: GroupChatObject };
  let haishu: GroupChatObject;
  const db = () => h.app.services.database.prisma;

  async function send(user: SimUser, chat: GroupChatObject, text: string, match?: (m: Message) => boolean) {
    const since = h.fake.sent(chat.id).length;
    user.send(chat, text);
    return nextMessage(h, chat.id, since, match, 60_000);
  }

  /** Sign-ups with exact outcomes: [status, guests, personal hours] per person. */
  async function signUps(title: string, people: [string, number, number | null][]) {
    const event = await db().event.findFirstOrThrow({ where: { title } });
    for (const [i, [status, guests, hours]] of people.entries()) {
      const id = BigInt(event.id * 1000 + i + 1);
      await db().user.upsert({ where: { id }, create: { id, firstName: `志愿者${id}` }, update: {} });
      await db().signup.create({
        data: { eventId: event.id, userId: id, status: status as "confirmed", seq: i + 1, guests, hours },
      });
    }
  }

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => beforeCampaign } });
    wang = h.fake.user({ first_name: "王芳", started: true });
    li = h.fake.user({ first_name: "李强" });
    city = await organisationWithGroup(h, { name: "宁波市", kind: "city", admin: wang });
    const orgs = await importNingbo(h, [
      ["鼓楼街道", "街道", "海曙区"],
      ["南门街道", "街道", "海曙区"],
    ]);
    haishu = h.fake.group({ title: "海曙区社会组织群", creator: li });
    await send(li, haishu, "/help");
    await h.app.services.organisations.linkChat(BigInt(haishu.id), orgs.get("海曙区")?.id ?? -1);
    h.app.services.chats.forget(BigInt(haishu.id));

    // the city imports the programme through the chat: rows go to the districts' units
    const since = h.fake.sent(wang.id).length;
    wang.sendDocument(wang, "2020年安排表.csv", Buffer.from(programme, "utf8"), { caption: `/import ${CAMPAIGN}` });
    const preview = await nextMessage(h, wang.id, since, (m) => textOf(m).includes("按区县"));
    const after = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入 13 项");
    await nextMessage(h, wang.id, after, (m) => textOf(m).startsWith("导入完成"));

    // 海曙区's unit sits in one of its streets
    const redCross = await db().organisation.findFirstOrThrow({ where: { name: "海曙区红十字会" } });
    await h.app.services.organisations.setParent(redCross.id, orgs.get("鼓楼街道")?.id ?? -1);

    // places and outcomes, exactly
    await db().event.updateMany({ data: { capacity: null } });
    await db().event.updateMany({ where: { title: "海曙区义诊" }, data: { capacity: 10 } });
    await db().event.updateMany({ where: { title: "江北区垃圾分类宣传" }, data: { hours: 1.5 } });
    await db().event.updateMany({ where: { title: "社区读书会" }, data: { capacity: 5 } });
    await db().event.updateMany({ where: { title: "全市公益健步走" }, data: { capacity: 100 } });
    // 海曙区义诊 (9:00–11:00, 2 h): two attended (one credited 3 h by hand), one absent, one waiting
    await signUps("海曙区义诊", [
      ["attended", 0, 3],
      ["attended", 0, null],
      ["no_show", 0, null],
      ["waitlisted", 0, null],
    ]);
    // 江北区垃圾分类宣传 (a whole day, 1.5 h set): one attended with a guest, one confirmed
    await signUps("江北区垃圾分类宣传", [
      ["attended", 1, null],
      ["confirmed", 0, null],
    ]);
    await signUps("社区读书会", [
      ["confirmed", 0, null],
      ["confirmed", 0, null],
      ["confirmed", 1, null],
      ["confirmed", 0, null],
    ]);
    await signUps("全市公益健步走", [["attended", 0, null]]);
  }, 120_000);
  afterAll(() => h?.stop());

  it("/campaign in the city's group shows every district's activities, sign-ups, places left, attendance and hours", async () => {
    const text = textOf(await send(wang, city.group, "/campaign"));
    expect(text).toContain("📊 各区县至今");
    expect(text).toContain("· 海曙区：1 项活动，报名 3 人，余位 7，出席 2 人，共 5 小时");
    expect(text).toContain("· 江北区：1 项活动，报名 3 人，名额不限，出席 2 人，共 1.5 小时");
    expect(text).toContain("· 镇海区：0 项活动，报名 0 人，余位 0，出席 0 人，共 0 小时");
    expect(text).toContain("· 余姚市：1 项活动，报名 5 人，余位 0，出席 0 人，共 0 小时");
    expect(text).toContain("· 宁波市本级：10 项活动，报名 1 人，余位 99（另有 9 项不限名额），出席 1 人，共 2 小时");
    // the districts in directory order, the city's own line last
    const names = [...text.matchAll(/^· (\S+?)：\d+ 项活动/gm)].map((m) => m[1]);
    expect(names).toEqual([
      "海曙区",
      "江北区",
      "镇海区",
      "北仑区",
      "鄞州区",
      "奉化区",
      "余姚市",
      "慈溪市",
      "宁海县",
      "象山县",
      "宁波市本级",
    ]);
    expect(text).toContain("共 13 项活动");
  });

  it("a district hub sees its streets, the activity its unit co-organises included", async () => {
    const text = textOf(await send(li, haishu, "/campaign"));
    expect(text).toContain("📊 各街道至今");
    expect(text).toContain("· 鼓楼街道：2 项活动，报名 6 人，余位 7（另有 1 项不限名额），出席 4 人，共 6.5 小时");
    expect(text).toContain("· 南门街道：0 项活动，报名 0 人，余位 0，出席 0 人，共 0 小时");
    expect(text).not.toContain("海曙区本级"); // nothing sits directly under the district
    expect(text).not.toContain("江北区：");
  });

  it("in English the same figures read naturally", async () => {
    await db().chat.update({ where: { id: BigInt(haishu.id) }, data: { locale: "en" } });
    h.app.services.chats.forget(BigInt(haishu.id));
    try {
      const text = textOf(await send(li, haishu, "/campaign"));
      expect(text).toContain("📊 By street so far");
      expect(text).toContain(
        "· 鼓楼街道: 2 activities, 6 signed up, 7 places left (and 1 activity without a limit), 4 attended, 6.5 hours",
      );
      expect(text).toContain("· 南门街道: 0 activities, 0 signed up, 0 places left, 0 attended, 0 hours");
    } finally {
      await db().chat.update({ where: { id: BigInt(haishu.id) }, data: { locale: null } });
      h.app.services.chats.forget(BigInt(haishu.id));
    }
  });

  it("when Telegram refuses the picture, /campaign stats sends the same figures as text", async () => {
    h.fake.failNext("sendPhoto", 400, { description: "Bad Request: IMAGE_PROCESS_FAILED" });
    const message = await send(wang, city.group, "/campaign stats", (m) => textOf(m).includes("合计"));
    expect(message.photo).toBeUndefined();
    expect(textOf(message)).toContain("· 海曙区：1 项活动，报名 3 人，余位 7，出席 2 人，共 5 小时");
    expect(textOf(message)).toContain("合计：13 项活动，报名 12 人，出席 5 人，共 8.5 小时");
    expect(textOf(message)).toContain("暂时画不出统计图");
  }, 60_000);

  it("/campaign stats sends a bar chart with Chinese labels and every figure in the caption", async () => {
    const message = await send(wang, city.group, "/campaign stats", (m) => m.photo !== undefined);
    const caption = textOf(message);
    expect(caption).toContain("📊 社会组织公益日 · 各区县报名与出席");
    expect(caption).toContain("· 海曙区：1 项活动，报名 3 人，余位 7，出席 2 人，共 5 小时");
    expect(caption).toContain("合计：13 项活动，报名 12 人，出席 5 人，共 8.5 小时");
    expect(caption.length).toBeLessThanOrEqual(1024);

    const [photo] = h.fake.photos(city.group).filter((p) => p.message.message_id === message.message_id);
    const png = photo?.data ?? Buffer.alloc(0);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect({ width, height }).toEqual({ width: 1150, height: 520 }); // 11 bars groups: 90 px each + margins
    expect(message.photo?.[0]).toMatchObject({ width, height });
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeLessThan(1_000_000);

    // the labels are drawn: the same chart with empty names and title has clearly less ink
    const t = new Translator("zh-CN").for("zh-CN");
    const rows: GlanceRow[] = Array.from({ length: 11 }, (_, i) => ({
      id: i + 1,
      name: "",
      own: false,
      activities: 0,
      signups: [3, 3, 0, 0, 0, 0, 5, 0, 0, 0, 1][i] ?? 0,
      placesLeft: 0,
      uncapped: 0,
      attended: [2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1][i] ?? 0,
      hours: 0,
    }));
    const blank = statsChart("", "city", rows, t);
    const title = blank.option.title as Record<string, unknown>;
    const legend = blank.option.legend as Record<string, unknown>;
    const unlabelled = await renderChart({
      ...blank,
      option: { ...blank.option, title: { ...title, text: "" }, legend: { ...legend, show: false } },
    });
    if (!unlabelled.ok) throw new Error("no chart");
    const labelled = inkOf(png, width, height);
    const bare = inkOf(unlabelled.png, width, height);
    expect(labelled - bare).toBeGreaterThan(2500); // about 4,600 with the font, 0 without one
  }, 60_000);
});
