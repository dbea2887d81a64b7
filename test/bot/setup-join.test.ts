import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/**
 * A second group joins an English organisation with its join code. Its admin and members speak Chinese
 * (Telegram language zh), so only the organisation's language can make the group English — and it must
 * stay English when the card is rewritten after a tap (the card refresher once used its own rule).
 */
describe.each(databaseKinds)("/setup join, on %s", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  /** An English organisation set up in its own group, and a Chinese-speaking admin's second group. */
  async function englishOrganisationAndBranch(name: string) {
    const alice = h.fake.user({ first_name: "Alice", language_code: "en" });
    const wei = h.fake.user({ first_name: "王伟", language_code: "zh-hans" });
    const member = h.fake.user({ first_name: "李雷", language_code: "zh-hans" });
    const home = h.fake.group({ title: `${name} volunteers`, creator: alice });
    const branch: GroupChatObject = h.fake.group({ title: `${name}二群`, creator: wei, members: [member] });
    const created = await sendAndWait(
      h.fake,
      alice,
      home,
      `/setup new ${name} | organisation | - | Asia/Shanghai | en`,
    );
    const code = /[A-Z2-9]{8}/.exec(created.text ?? "")?.[0] ?? "";
    return { wei, member, branch, code };
  }

  async function join(wei: SimUser, branch: GroupChatObject, code: string) {
    return sendAndWait(h.fake, wei, branch, `/setup join ${code}`);
  }

  it("refuses an unknown code and changes nothing", async () => {
    const { wei, branch } = await englishOrganisationAndBranch("Hillside");
    const reply = await sendAndWait(h.fake, wei, branch, "/setup join NOPE2345");
    expect(reply.text).toContain("NOPE2345");
    const chat = await h.app.services.database.prisma.chat.findUnique({ where: { id: BigInt(branch.id) } });
    expect(chat?.organisationId ?? null).toBeNull();
  });

  it("links the group; the group then speaks the organisation's language", async () => {
    const { wei, member, branch, code } = await englishOrganisationAndBranch("Riverside");
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const joined = await join(wei, branch, code);
    expect(joined.text).toBe("✅ This group is now linked to Riverside. Send /events to see its events.");
    const help = await sendAndWait(h.fake, member, branch, "/help");
    expect(help.text).toContain("Yiqi — help");
  });

  it("a card posted there is English, and stays English after a tap rewrites it", async () => {
    const { wei, member, branch, code } = await englishOrganisationAndBranch("Lakeside");
    await join(wei, branch, code);
    const card = await sendAndWait(
      h.fake,
      wei,
      branch,
      "/newevent Lakeside clean-up | 28 June 14:00-16:00 | Lakeside Park | 10",
    );
    expect(buttonTexts(card)).toContain("✅ Sign up");
    expect(card.text).toContain("0/10");
    // the toast is the member's own: in their language (Chinese), while the card stays the group's (English)
    expect((await press(h.fake, member, card, "✅ Sign up")).text).toBe("已报名 ✅");
    const rewritten = await h.fake.waitFor(() =>
      h.fake.sent(branch).find((m) => m.message_id === card.message_id && m.edit_date !== undefined),
    );
    expect(rewritten.text).toContain("1/10");
    expect(rewritten.text).toContain("Sun 28 Jun, 14:00–16:00");
    expect(buttonTexts(rewritten)).toContain("✅ Sign up");
  });
});
