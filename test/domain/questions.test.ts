import { describe, expect, it } from "vitest";
import { checkOffer } from "../../src/domain/event-form.ts";
import { checkAnswer, normalisePhone, parseQuestions } from "../../src/domain/questions.ts";
import { admittedStatus, holdUntil, offerDeadline } from "../../src/domain/signup-rules.ts";

const now = new Date("2026-06-01T02:00:00Z");
const MINUTE = 60_000;

describe("phone numbers", () => {
  it.each([
    ["13812345678", "138 1234 5678"],
    ["138 1234 5678", "138 1234 5678"],
    ["138-1234-5678", "138 1234 5678"],
    ["+86 138 1234 5678", "138 1234 5678"],
    ["+86-13812345678", "138 1234 5678"],
    ["8613812345678", "138 1234 5678"],
    ["0086 139 0000 1111", "139 0000 1111"],
    ["１３８１２３４５６７８", "138 1234 5678"],
    ["(+86) 199 8888 7777", "199 8888 7777"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+1 (415) 555-2671", "+14155552671"],
    ["0044 20 7946 0958", "+442079460958"],
    ["+86 10 6552 9988", "+861065529988"],
  ])("%s reads as %s", (typed, stored) => {
    expect(normalisePhone(typed)).toBe(stored);
  });

  it.each([
    "12345",
    "12812345678", // 12x is no mobile prefix
    "1381234567", // ten digits
    "138123456789", // twelve
    "+86 1381234567", // a mainland mobile number one digit short
    "+0 123 4567",
    "+123456", // too short for E.164
    "+1234567890123456", // sixteen digits
    "电话",
    "",
  ])("%s is refused", (typed) => {
    expect(normalisePhone(typed)).toBeNull();
  });
});

describe("the organiser's questions", () => {
  it("reads phone, choice and text lines, Chinese or English, and none", () => {
    expect(parseQuestions("电话：紧急联系人电话\n选择：T恤尺码：S / M / L\n你的专业")).toEqual({
      ok: true,
      questions: [
        { kind: "phone", prompt: "紧急联系人电话", options: [] },
        { kind: "choice", prompt: "T恤尺码", options: ["S", "M", "L"] },
        { kind: "text", prompt: "你的专业", options: [] },
      ],
    });
    expect(parseQuestions("phone: Emergency contact; choice: Lunch: meat | vegetarian")).toEqual({
      ok: true,
      questions: [
        { kind: "phone", prompt: "Emergency contact", options: [] },
        { kind: "choice", prompt: "Lunch", options: ["meat", "vegetarian"] },
      ],
    });
    expect(parseQuestions("无")).toEqual({ ok: true, questions: [] });
    expect(parseQuestions("none")).toEqual({ ok: true, questions: [] });
  });

  it("refuses what cannot be asked, naming the line", () => {
    expect(parseQuestions("a\nb\nc\nd")).toEqual({ ok: false, error: "questions-too-many" });
    expect(parseQuestions("选择：尺码：S")).toMatchObject({
      ok: false,
      error: "questions-options",
      value: "选择：尺码：S",
    });
    expect(parseQuestions("选择：尺码：S / S")).toMatchObject({ ok: false, error: "questions-options" });
    expect(parseQuestions("电话：")).toMatchObject({ ok: false, error: "questions-prompt-empty" });
    expect(parseQuestions(`文字：${"问".repeat(101)}`)).toMatchObject({
      ok: false,
      error: "questions-prompt-too-long",
    });
  });

  it("checks answers by kind", () => {
    const choice = { kind: "choice" as const, options: ["S", "M", "L"] };
    expect(checkAnswer(choice, "m")).toEqual({ ok: true, value: "M" });
    expect(checkAnswer(choice, "XL")).toEqual({ ok: false, error: "answer-choose" });
    expect(checkAnswer({ kind: "text", options: [] }, "  ")).toEqual({ ok: false, error: "answer-empty" });
    expect(checkAnswer({ kind: "text", options: [] }, "x".repeat(201))).toEqual({
      ok: false,
      error: "answer-too-long",
    });
    expect(checkAnswer({ kind: "phone", options: [] }, "138 1234 5678")).toEqual({ ok: true, value: "138 1234 5678" });
  });
});

describe("held places and offers", () => {
  it("a tap that fits is held while questions wait, confirmed without them, waitlisted when full", () => {
    expect(admittedStatus(true, true)).toBe("held");
    expect(admittedStatus(true, false)).toBe("confirmed");
    expect(admittedStatus(false, true)).toBe("waitlisted");
    expect(holdUntil(now).getTime() - now.getTime()).toBe(10 * MINUTE);
  });

  it("an offer lasts its time, but never past the start and at most half the time left", () => {
    const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
    expect(offerDeadline(now, at(24 * 60), 120)).toEqual(at(120));
    expect(offerDeadline(now, at(180), 120)).toEqual(at(90));
    expect(offerDeadline(now, at(60), 120)).toEqual(at(30));
    expect(offerDeadline(now, now, 120)).toEqual(now);
  });

  it("the organiser's offer time", () => {
    expect(checkOffer("2小时")).toEqual({ ok: true, value: 120 });
    expect(checkOffer("90分钟")).toEqual({ ok: true, value: 90 });
    expect(checkOffer("1.5h")).toEqual({ ok: true, value: 90 });
    expect(checkOffer("45 min")).toEqual({ ok: true, value: 45 });
    expect(checkOffer("是")).toEqual({ ok: true, value: 120 });
    expect(checkOffer("自动")).toEqual({ ok: true, value: null });
    expect(checkOffer("off")).toEqual({ ok: true, value: null });
    expect(checkOffer("5分钟")).toMatchObject({ ok: false, error: "form-offer-range" });
    expect(checkOffer("3天")).toMatchObject({ ok: false, error: "form-offer-range" });
  });
});
