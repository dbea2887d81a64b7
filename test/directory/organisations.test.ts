import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beforeCampaign, nextMessage, organisationWithGroup, pressAndWait, textOf } from "../programmes/support.ts";
import { buttonTexts } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { importNingbo, ningboDistricts } from "./ningbo.ts";

/** A city the size of Ningbo's: 10 districts and 1,116 organisations below them (1,126 in all). */
const ORGANISATIONS = 1116;
const members = Array.from({ length: ORGANISATIONS }, (_, i) => [
  `公益组织${String(i + 1).padStart(4, "0")}`,
  "组织",
  ningboDistricts[i % ningboDistricts.length] ?? "海曙区",
]);
const linkedDistricts = ningboDistricts.slice(0, 8);
const linkedOrganisations = ["公益组织0001", "公益组织0011", "公益组织0002"];

describe.each(databaseKinds)("/organisations: which organisations below a hub have a group, on %s", (kind) => {
  let h: Harness;
  let wang: SimUser;
  let li: SimUser;
  let member: SimUser;
  let city: { id: number; group: GroupChatObject };
  let orgs: Awaited<ReturnType<typeof importNingbo>>;
  const groups = new Map<string, GroupChatObject>();

  async function send(user: SimUser, chat: GroupChatObject | number, text: string) {
    const id = typeof chat === "number" ? chat : chat.id;
    const since = h.fake.sent(id).length;
    if (typeof chat === "number") user.sendPrivate(text);
    else user.send(chat, text);
    return nextMessage(h, id, since);
  }

  /** The message as it is now (after edits). */
  const current = (chatId: number, message: Message) =>
    h.fake.sent(chatId).find((m) => m.message_id === message.message_id) ?? message;

  beforeAll(async () => {
    // flood control off: the test pages through 57 pages faster than a person could
    h = await startHarness({ kind, app: { now: () => beforeCampaign, flood: false } });
    wang = h.fake.user({ first_name: "王芳", started: true });
    li = h.fake.user({ first_name: "李强", started: true });
    member = h.fake.user({ first_name: "韩梅梅", started: true });
    // the linked groups' admin (one person typing in many groups in a burst would meet flood control)
    const zhou = h.fake.user({ first_name: "周敏" });
    city = await organisationWithGroup(h, { name: "宁波市", kind: "city", admin: wang, members: [member] });
    await send(wang, wang.id, "/start"); // so the bot may write to her privately
    orgs = await importNingbo(h, members);
    for (const name of [...linkedDistricts, ...linkedOrganisations]) {
      const admin = name === "海曙区" ? li : zhou;
      const group = h.fake.group({ title: `${name}群`, creator: admin });
      await send(admin, group, "/help");
      await h.app.services.organisations.linkChat(BigInt(group.id), orgs.get(name)?.id ?? -1);
      h.app.services.chats.forget(BigInt(group.id));
      groups.set(name, group);
    }
  }, 120_000);
  afterAll(() => h?.stop());

  it("the city's group sees the counts per level and every organisation once, missing ones first, paged in place", async () => {
    const first = await send(wang, city.group, "/organisations");
    const text = textOf(first);
    expect(text).toContain("区县 8/10 · 组织 3/1116 已关联");
    expect(text).toContain("第 1/57 页");
    expect(text).toContain("⏳ 宁海县（区县） ← 宁波市");
    expect(text).not.toContain("startgroup"); // join links are credentials: not in the group
    expect(buttonTexts(first)).toEqual(["▶", "📄 导出 CSV"]);

    // ▶ through every page: the message is edited in place, each page fits a message, nobody is left out
    const seen: string[] = [];
    let message = first;
    for (let page = 1; page <= 57; page++) {
      const now = textOf(message);
      expect(now).toContain(`第 ${page}/57 页`);
      expect(now.length).toBeLessThanOrEqual(4096);
      seen.push(...now.split("\n").filter((l) => /^[⏳✅] /.test(l)));
      if (page === 57) break;
      const answer = await pressAndWait(h, wang, message, "▶");
      expect(answer.text).toBeUndefined();
      message = await h.fake.waitFor(() => {
        const edited = current(city.group.id, message);
        return textOf(edited).includes(`第 ${page + 1}/57 页`) ? edited : undefined;
      });
    }
    expect(message.message_id).toBe(first.message_id);
    expect(buttonTexts(message)).toEqual(["◀", "📄 导出 CSV"]);
    expect(seen).toHaveLength(1126);
    const missing = seen.filter((l) => l.startsWith("⏳"));
    expect(missing).toHaveLength(2 + ORGANISATIONS - 3);
    expect(seen.slice(0, missing.length)).toEqual(missing);
    expect(seen.slice(0, 2)).toEqual(["⏳ 宁海县（区县） ← 宁波市", "⏳ 象山县（区县） ← 宁波市"]);
    expect(seen).toContain("✅ 海曙区（区县） ← 宁波市 · 群「海曙区群」");
    expect(seen).toContain("✅ 公益组织0011（组织） ← 海曙区 · 群「公益组织0011群」");
  }, 60_000);

  it("in private the organiser gets each missing one's startgroup link; the CSV has every organisation", async () => {
    const view = textOf(await send(wang, wang.id, "/organisations"));
    const ninghai = orgs.get("宁海县");
    expect(view).toContain(`⏳ 宁海县（区县） ← 宁波市 https://t.me/yiqi_test_bot?startgroup=${ninghai?.joinCode}`);

    const before = h.fake.documents(wang.id).length;
    const first = await send(wang, city.group, "/organisations");
    const answer = await pressAndWait(h, wang, first, "📄 导出 CSV");
    expect(answer.text).toBe("已私信发给你");
    const [csv] = await h.fake.waitFor(() => {
      const docs = h.fake.documents(wang.id).slice(before);
      return docs.length > 0 ? docs : undefined;
    });
    expect(textOf(csv?.message as Message)).toBe("宁波市下属组织：11/1126 个已关联群（含加入码和一键关联链接）");
    const rows = (csv?.data.toString("utf8") ?? "")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(rows[0]).toBe("名称,级别,上级,已关联,群名称,加入码,关联链接");
    expect(rows).toHaveLength(1 + 1126);
    const haishu = orgs.get("海曙区");
    expect(rows).toContain(
      `海曙区,区县,宁波市,是,海曙区群,${haishu?.joinCode},https://t.me/yiqi_test_bot?startgroup=${haishu?.joinCode}`,
    );
    const org = orgs.get("公益组织0003");
    expect(rows).toContain(
      `公益组织0003,组织,镇海区,否,,${org?.joinCode},https://t.me/yiqi_test_bot?startgroup=${org?.joinCode}`,
    );
  });

  it("a district hub sees only its own subtree", async () => {
    const haishu = groups.get("海曙区");
    if (!haishu) throw new Error("no group");
    const text = textOf(await send(li, haishu, "/organisations"));
    expect(text).toContain("组织 2/112 已关联"); // 0001 and 0011 are in 海曙区, 0002 in 江北区
    expect(text).not.toContain("区县 ");
    expect(text).not.toContain("公益组织0002");
  });

  it("a member who is not an organiser is refused, and cannot page the organiser's list", async () => {
    const refusal = await send(member, city.group, "/organisations");
    expect(textOf(refusal)).toBe("只有本组织的组织者可以查看下属组织的关联情况。");
    const list = await send(wang, city.group, "/organisations");
    const answer = await pressAndWait(h, member, list, "▶");
    expect(answer).toMatchObject({ text: "只有本组织的组织者可以查看下属组织的关联情况。", show_alert: true });
    const csv = await pressAndWait(h, member, list, "📄 导出 CSV");
    expect(csv.show_alert).toBe(true);
    expect(textOf(current(city.group.id, list))).toContain("第 1/57 页");
    expect(h.fake.documents(member.id)).toEqual([]);
  });
});
