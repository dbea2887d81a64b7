import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetOf, workbook, zipBomb } from "../imports/workbooks.ts";
import { beforeCampaign, nextMessage, organisationWithGroup, pressAndWait, textOf } from "../programmes/support.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { ningboDistricts, ningboRows, tsv } from "./ningbo.ts";

describe("importing the organisation directory in the chat", () => {
  let h: Harness;
  let wang: SimUser;
  let zhao: SimUser;
  const db = () => h.app.services.database.prisma;

  async function sendFile(user: SimUser, name: string, bytes: Buffer, caption: string) {
    const since = h.fake.sent(user.id).length;
    user.sendDocument(user, name, bytes, { caption });
    return nextMessage(h, user.id, since);
  }

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => beforeCampaign } });
    wang = h.fake.user({ first_name: "王芳", started: true });
    zhao = h.fake.user({ first_name: "赵磊", started: true });
    await organisationWithGroup(h, { name: "宁波市", kind: "city", admin: wang });
    const member = await organisationWithGroup(h, { name: "某协会", kind: "organisation", admin: zhao });
    expect(member.id).toBeGreaterThan(0);
  });
  afterAll(() => h.stop());

  it("a city organiser sees a preview, imports, and gets each district's join link and a CSV", async () => {
    const preview = await sendFile(wang, "宁波名录.tsv", tsv(ningboRows()), "/organisations import");
    expect(textOf(preview)).toContain("新建 10 个，移动 0 个，修改级别 0 个，未变 1 个");
    expect(textOf(preview)).toContain("海曙区（区县） ← 宁波市 — 新建");
    expect(await db().organisation.count({ where: { kind: "district" } })).toBe(0);

    const since = h.fake.sent(wang.id).length;
    await pressAndWait(h, wang, preview, "导入（10 项变更）");
    const done = await nextMessage(h, wang.id, since, (m) => textOf(m).startsWith("名录已导入"));
    const districts = await db().organisation.findMany({ where: { kind: "district" }, include: { parent: true } });
    expect(districts.map((d) => d.name).sort()).toEqual([...ningboDistricts].sort());
    expect(districts.every((d) => d.parent?.name === "宁波市")).toBe(true);
    const haishu = districts.find((d) => d.name === "海曙区");
    expect(textOf(done)).toContain(
      `海曙区 ${haishu?.joinCode} https://t.me/yiqi_test_bot?startgroup=${haishu?.joinCode}`,
    );
    const [csv] = await h.fake.waitFor(() => {
      const docs = h.fake.documents(wang.id);
      return docs.length > 0 ? docs : undefined;
    });
    const text = csv?.data.toString("utf8") ?? "";
    expect(text).toContain(
      `海曙区,区县,宁波市,${haishu?.joinCode},https://t.me/yiqi_test_bot?startgroup=${haishu?.joinCode}`,
    );

    // the same file again: nothing to do
    const again = await sendFile(wang, "宁波名录.tsv", tsv(ningboRows()), "/organisations import");
    expect(textOf(again)).toContain("新建 0 个，移动 0 个，修改级别 0 个，未变 11 个");
  });

  it("rows with a cycle or an unknown parent are listed by number and nothing can be imported", async () => {
    const rows = ningboRows([
      ["甲协会", "组织", "乙协会"],
      ["乙协会", "组织", "甲协会"],
      ["丙协会", "组织", "江东区"],
    ]);
    const preview = await sendFile(wang, "名录.tsv", tsv(rows), "/organisations import");
    expect(textOf(preview)).toContain("第 13 行：「甲协会」的上级关系形成了循环");
    expect(textOf(preview)).toContain("第 15 行：上级「江东区」既不在表中，也不是已有的组织");
    expect(preview.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["取消"]);
  });

  it("an organiser of a member organisation (not a hub) cannot import a directory", async () => {
    const answer = await sendFile(zhao, "名录.tsv", tsv(ningboRows()), "/organisations import");
    expect(textOf(answer)).toBe("只有枢纽组织（市、区县或街道）的组织者可以导入组织名录。");
  });

  it("reads the directory from an .xlsx workbook the same way, and refuses a zip bomb with a clear message", async () => {
    const book = workbook({ 名录: sheetOf(ningboRows([["南门街道", "街道", "海曙区"]])) });
    const preview = await sendFile(wang, "宁波名录.xlsx", book, "/organisations import");
    expect(textOf(preview)).toContain("南门街道（街道） ← 海曙区 — 新建");
    const bomb = await sendFile(wang, "名录.xlsx", zipBomb(64 * 1024 * 1024), "/organisations import");
    expect(textOf(bomb)).toContain("这个 Excel 文件解压后大得异常");
  });
});
