import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACE_MAX, TITLE_MAX } from "../../src/domain/event-form.ts";
import { ORG_NAME_MAX } from "../../src/domain/organisation-input.ts";
import { sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/** The guided form's question for the title (locales/zh-CN/new-event.ftl `form-ask-title`). */
const askTitle = "活动叫什么名字？";
const chars = (text: string | null | undefined) => Array.from(text ?? "").length;
/** A long Chinese title of clauses: 8 characters each, 30 of them (240 characters). */
const longTitle = Array.from({ length: 30 }, (_, i) => `社区义诊第${String(i).padStart(2, "0")}项，`).join("");
const longPlace = "洞桥镇洞桥村文化礼堂 ".repeat(40); // 440 characters

/** Over-long titles, places and names are cut to fit a card (issue 10 item 6), and the same reply says so. */
describe.each(databaseKinds)("over-long text is shortened, not refused, on %s", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("an organisation's name, an event's title and place: cut at a boundary with “…”, the reply tells", async () => {
    const db = h.app.services.database.prisma;
    const admin = h.fake.user({ first_name: "王芳" });
    const group = h.fake.group({ title: "长文本群", creator: admin });
    const longName = `宁波市江北区${"社会组织服务中心".repeat(20)}`;
    const created = await sendAndWait(h.fake, admin, group, `/setup new ${longName} | 组织 | - | Asia/Shanghai`);
    expect(created.text).toContain(`✂️ 名称太长，已截短为 ${ORG_NAME_MAX} 个字以内：`);
    expect(created.text).toContain("✅");
    const org = await db.organisation.findFirstOrThrow();
    expect(chars(org.name)).toBeLessThanOrEqual(ORG_NAME_MAX);
    expect(org.name.endsWith("…")).toBe(true);

    // the one-line form in the group: the card is posted with the cut title; the note right under it says so
    const sentBefore = h.fake.sent(group.id).length;
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      `/newevent ${longTitle} | 6月28日 9:00-11:00 | ${longPlace} | 5`,
    );
    const note = await h.fake.waitFor(() =>
      h.fake
        .sent(group.id)
        .slice(sentBefore)
        .find((m) => m.text?.startsWith("✂️")),
    );
    expect(note.text).toContain(`✂️ 名称太长，卡片放不下，已截短为 ${TITLE_MAX} 个字以内：`);
    expect(note.text).toContain(`✂️ 地点太长，卡片放不下，已截短为 ${PLACE_MAX} 个字以内：`);
    const event = await db.event.findFirstOrThrow();
    expect(chars(event.title)).toBeLessThanOrEqual(TITLE_MAX);
    // cut after a whole clause: "…第NN项…"
    expect(event.title).toMatch(/第\d\d项…$/);
    expect(chars(event.place)).toBeLessThanOrEqual(PLACE_MAX);
    expect(event.place).toMatch(/文化礼堂…$/);
    expect(card.text).toContain(event.title.slice(0, 20));

    // the guided form: the next question, in the same message, says the title was cut
    await sendAndWait(h.fake, admin, admin.id, "/newevent", (m) => Boolean(m.text?.includes(askTitle)));
    const askTime = await sendAndWait(h.fake, admin, admin.id, longTitle, (m) =>
      Boolean(m.text?.includes("什么时间？")),
    );
    expect(askTime.text).toMatch(/^✂️ 名称太长，卡片放不下/);
    expect(askTime.text).toContain("什么时间？");

    // text of invisible characters only is still refused, and nothing is stored
    const before = await db.event.count();
    const refused = await sendAndWait(h.fake, admin, group, "/newevent \u200B\u200B\u200B | 6月28日 | 广场 | 5");
    expect(refused.text).toContain("名称只有看不见的字符");
    expect(await db.event.count()).toBe(before);
  });

  it("in English too", async () => {
    const admin = h.fake.user({ first_name: "Ann", language_code: "en" });
    const group = h.fake.group({ title: "Long names", creator: admin });
    const created = await sendAndWait(
      h.fake,
      admin,
      group,
      `/setup new ${"Community Volunteers Association ".repeat(5)} | organisation | - | Asia/Shanghai | en`,
    );
    expect(created.text).toContain(`✂️ The name was too long, so it was shortened to ${ORG_NAME_MAX} characters: “`);
    expect(created.text).toMatch(/Association…”/);
  });
});
