/**
 * Finding 13 of issue 9: with two 429s in a row on answerCallbackQuery the member got no toast although the
 * sign-up was stored; with one, the error toast would follow a successful sign-up.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedEventCard } from "./support.ts";

const SIGNED_UP = "已报名 ✅";
const APOLOGY = "抱歉，处理时出了点问题，请稍后再试。";

describe("429 on the answer to a member's own tap", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ app: { now: () => new Date("2026-06-01T02:00:00Z") } });
  });
  afterAll(() => h?.stop());

  const answersTo = (queryId: string) =>
    h.fake.calls("answerCallbackQuery").filter((c) => c.params["callback_query_id"] === queryId);

  it("two 429s in a row: the member gets the success toast once, after the retry_after", async () => {
    const member = h.fake.user({ first_name: "member" });
    const { card, eventId } = await seedEventCard(h, { members: [member] });
    h.fake.failNext("answerCallbackQuery", 429, { times: 2, retryAfter: 1 });
    const queryId = member.press(card, "✅ 报名");
    await h.fake.waitFor(() => answersTo(queryId).some((c) => c.status === 200), { timeoutMs: 10_000 });
    await h.fake.idle();
    const answers = answersTo(queryId);
    expect(answers.map((c) => c.status)).toEqual([429, 429, 200]);
    expect(answers.at(-1)?.params["text"]).toBe(SIGNED_UP);
    const stored = await h.app.services.database.prisma.signup.count({ where: { eventId, status: "confirmed" } });
    expect(stored).toBe(1);
  });

  it("429 for longer than the retries: no error toast after a stored sign-up", async () => {
    const member = h.fake.user({ first_name: "patient member" });
    const { card, eventId } = await seedEventCard(h, { members: [member] });
    h.fake.failNext("answerCallbackQuery", 429, { times: 4, retryAfter: 1 });
    const queryId = member.press(card, "✅ 报名");
    await h.fake.waitFor(() => answersTo(queryId).length >= 4, { timeoutMs: 15_000 });
    await h.fake.idle();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(answersTo(queryId).every((c) => c.params["text"] !== APOLOGY)).toBe(true);
    expect(answersTo(queryId)).toHaveLength(4); // the first try and three retries, then it gives up
    const stored = await h.app.services.database.prisma.signup.count({ where: { eventId, status: "confirmed" } });
    expect(stored).toBe(1);
  });
});
