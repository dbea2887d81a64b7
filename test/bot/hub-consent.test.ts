import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf, buttonTexts, callbackData, press, sendAndWait } from "../support/chat.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/** An outsider's group tries to put its organisation under a hub by every path /setup offers. */
describe("a hub takes in an organisation only with its join code or its organisers' approval", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  const prisma = () => h.app.services.database.prisma;

  /** A district hub set up in its own group; returns its admin, group, id and join code. */
  async function hub(name: string) {
    const admin = h.fake.user({ first_name: "赵主任" });
    const member = h.fake.user({ first_name: "小钱" });
    const group = h.fake.group({ title: `${name}群`, creator: admin, members: [member] });
    const created = await sendAndWait(h.fake, admin, group, `/setup new ${name} | 区县 | - | Asia/Shanghai | zh-CN`);
    const code = /加入码：([A-Z2-9]{8})/.exec(created.text ?? "")?.[1] ?? "";
    const row = await prisma().organisation.findFirstOrThrow({ where: { name } });
    return { admin, member, group, id: row.id, code };
  }

  function outsiderGroup(title: string) {
    const admin = h.fake.user({ first_name: "路人甲" });
    const group = h.fake.group({ title, creator: admin });
    return { admin, group };
  }

  async function orgNamed(name: string) {
    return prisma().organisation.findFirst({ where: { name } });
  }

  async function guidedUpToParent(admin: SimUser, group: GroupChatObject, name: string) {
    const choose = await sendAndWait(h.fake, admin, group, "/setup", (m) => buttonTexts(m).length > 0);
    await press(h.fake, admin, choose, "新建组织");
    const askName = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("组织名称")));
    admin.send(group, name, { replyTo: askName });
    const askKind = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text === "这个组织是哪一级？"));
    await press(h.fake, admin, askKind, "组织");
    return h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("上级的加入码")));
  }

  async function finishGuided(admin: SimUser, group: GroupChatObject) {
    const askZone = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("选择时区")));
    await press(h.fake, admin, askZone, "Asia/Shanghai");
    const askLocale = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text === "本群使用哪种语言？"));
    await press(h.fake, admin, askLocale, "中文");
    return h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("已创建组织")));
  }

  it("the guided /setup lists no hubs, and a forged parent choice is refused and changes nothing", async () => {
    const district = await hub("东城区服务中心");
    const { admin, group } = outsiderGroup("入侵者群");
    const askParent = await guidedUpToParent(admin, group, "入侵者协会");
    expect(askParent.text).not.toContain("东城区服务中心");
    expect(buttonTexts(askParent)).toEqual(["无上级"]);
    const forged = await answerOf(h.fake, admin.pressData(askParent, `1:sp:${district.id}`));
    expect(forged.show_alert).toBe(true);
    expect(forged.text).toContain("没有做任何更改");
    expect(await orgNamed("入侵者协会")).toBeNull();
    await press(h.fake, admin, askParent, "无上级");
    await finishGuided(admin, group);
    expect((await orgNamed("入侵者协会"))?.parentId).toBeNull();
    const hubList = await sendAndWait(h.fake, district.admin, district.group, "/events");
    expect(hubList.text).not.toContain("入侵者协会");
  });

  it("the guided /setup attaches at once with the hub's join code", async () => {
    const district = await hub("西城区服务中心");
    const { admin, group } = outsiderGroup("阳光群");
    const askParent = await guidedUpToParent(admin, group, "西城阳光协会");
    admin.send(group, district.code, { replyTo: askParent });
    await finishGuided(admin, group);
    expect((await orgNamed("西城阳光协会"))?.parentId).toBe(district.id);
  });

  it("an ordinary organisation cannot be a parent, by code on either path", async () => {
    const { admin: plainAdmin, group: plainGroup } = outsiderGroup("普通群");
    const created = await sendAndWait(h.fake, plainAdmin, plainGroup, "/setup new 普通协会 | 组织 | - | Asia/Shanghai");
    const code = /加入码：([A-Z2-9]{8})/.exec(created.text ?? "")?.[1] ?? "";
    const { admin, group } = outsiderGroup("下级群");
    const oneLine = await sendAndWait(h.fake, admin, group, `/setup new 下级协会 | 组织 | ${code} | Asia/Shanghai`);
    expect(oneLine.text).toBe("只有市、区县或街道这样的枢纽才能做上级，普通组织不行。");
    expect(await orgNamed("下级协会")).toBeNull();
    const askParent = await guidedUpToParent(admin, group, "下级协会");
    admin.send(group, code, { replyTo: askParent });
    const again = await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.text?.startsWith("只有市、区县或街道") && buttonTexts(m).includes("无上级")),
    );
    expect(again.text).toContain("上级的加入码");
    expect(await orgNamed("下级协会")).toBeNull();
  });

  it("naming a hub without its code asks its organisers; a decline leaves it alone, the requester hears it", async () => {
    const district = await hub("南城区服务中心");
    const { admin, group } = outsiderGroup("想加入的群");
    await sendAndWait(h.fake, admin, group, "/setup new 南城新协会 | 组织 | 南城区服务中心 | Asia/Shanghai", (m) =>
      Boolean(m.text?.includes("审批")),
    );
    const org = await orgNamed("南城新协会");
    expect(org?.parentId).toBeNull();
    const request = await h.fake.waitFor(() => h.fake.sent(district.group).find((m) => m.text?.includes("申请成为")));
    expect(request.text).toContain("南城新协会");
    expect(buttonTexts(request)).toEqual(["✅ 同意", "✖️ 拒绝"]);
    // a plain member of the hub's group cannot decide (nor can the asker: see the forged buttons below)
    expect((await press(h.fake, district.member, request, "✅ 同意")).text).toBe("只有本活动的组织者可以这样做");
    expect((await orgNamed("南城新协会"))?.parentId).toBeNull();
    expect((await press(h.fake, district.admin, request, "✖️ 拒绝")).text).toBeUndefined();
    const told = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("拒绝了")));
    expect(told.text).toContain("南城区服务中心");
    expect((await orgNamed("南城新协会"))?.parentId).toBeNull();
    // decided once: a second tap changes nothing
    const again = district.admin.pressData(request, callbackData(request, "✅ 同意"));
    expect((await answerOf(h.fake, again)).text).toBe("这个申请已经处理过了。");
    expect((await orgNamed("南城新协会"))?.parentId).toBeNull();
  });

  it("an approval attaches it; its events then appear in the hub's /events", async () => {
    const district = await hub("北城区服务中心");
    const { admin, group } = outsiderGroup("北城志愿者群");
    await sendAndWait(h.fake, admin, group, "/setup new 北城志愿者协会 | 组织 | 北城区服务中心", (m) =>
      Boolean(m.text?.includes("审批")),
    );
    await sendAndWait(h.fake, admin, group, "/newevent 北城义诊 | 6月28日 | 北城广场 | 10");
    const request = await h.fake.waitFor(() => h.fake.sent(district.group).find((m) => m.text?.includes("申请成为")));
    expect((await sendAndWait(h.fake, district.admin, district.group, "/events")).text).not.toContain("北城义诊");
    await press(h.fake, district.admin, request, "✅ 同意");
    await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("同意了申请")));
    expect((await orgNamed("北城志愿者协会"))?.parentId).toBe(district.id);
    expect((await sendAndWait(h.fake, district.admin, district.group, "/events")).text).toContain("北城义诊");
  });

  it("forged approve buttons for any request id are refused", async () => {
    const district = await hub("中城区服务中心");
    const { admin, group } = outsiderGroup("伪造群");
    await sendAndWait(h.fake, admin, group, "/setup new 伪造协会 | 组织 | 中城区服务中心", (m) =>
      Boolean(m.text?.includes("审批")),
    );
    const request = await prisma().parentRequest.findFirstOrThrow({ where: { hubId: district.id } });
    const anyMessage = h.fake.sent(group).at(-1);
    if (!anyMessage) throw new Error("no message");
    for (const data of [`1:pa:${request.id}`, "1:pa:999999"]) {
      expect((await answerOf(h.fake, admin.pressData(anyMessage, data))).text).toBe("只有本活动的组织者可以这样做");
    }
    expect((await prisma().parentRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
    expect((await orgNamed("伪造协会"))?.parentId).toBeNull();
  });
});
