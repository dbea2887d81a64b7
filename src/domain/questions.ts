import { cleanText } from "./text-hygiene.ts";

/**
 * Questions a member answers in private after signing up (pure). An organiser writes them one per line:
 *
 *   电话：紧急联系人电话            phone: Emergency contact
 *   选择：T恤尺码：S / M / L        choice: T-shirt size: S / M / L
 *   文字：你的专业（或只写问题）      text: Your profession (or just the question)
 *
 * At most three; "无" / "none" clears them.
 */
export type QuestionKind = "text" | "choice" | "phone";

export interface QuestionInput {
  kind: QuestionKind;
  prompt: string;
  /** the choices of a choice question (2–8) */
  options: string[];
}

export const QUESTIONS_MAX = 3;
export const PROMPT_MAX = 100;
export const OPTIONS_MAX = 8;
export const OPTION_MAX = 30;
export const ANSWER_MAX = 200;

const kindWords: Record<string, QuestionKind> = {
  电话: "phone",
  手机: "phone",
  手机号: "phone",
  phone: "phone",
  tel: "phone",
  选择: "choice",
  单选: "choice",
  选项: "choice",
  choice: "choice",
  choose: "choice",
  文字: "text",
  文本: "text",
  填空: "text",
  问答: "text",
  text: "text",
};
const noneWords = new Set(["无", "没有", "不要", "-", "none", "no", "off"]);

const clean = (text: string) => cleanText(text, Number.MAX_SAFE_INTEGER).replace(/\s+/g, " ").trim();
const length = (text: string) => Array.from(text).length;

export type QuestionsResult = { ok: true; questions: QuestionInput[] } | { ok: false; error: string; value?: string };

/** The organiser's questions, checked; each failure names a message key (and the line it is about). */
export function parseQuestions(text: string): QuestionsResult {
  const lines = text
    .split(/\r?\n|[;；]/)
    .map(clean)
    .filter((line) => line !== "");
  if (lines.length === 0 || (lines.length === 1 && noneWords.has((lines[0] ?? "").toLowerCase()))) {
    return { ok: true, questions: [] };
  }
  if (lines.length > QUESTIONS_MAX) return { ok: false, error: "questions-too-many" };
  const questions: QuestionInput[] = [];
  for (const line of lines) {
    const parts = line.split(/\s*[:：]\s*/);
    const kind = kindWords[(parts[0] ?? "").toLowerCase()];
    const prompt = (kind ? parts[1] : parts[0]) ?? "";
    const rest = (kind ? parts.slice(2) : parts.slice(1)).join("：");
    if (prompt === "") return { ok: false, error: "questions-prompt-empty", value: line };
    if (length(prompt) > PROMPT_MAX) return { ok: false, error: "questions-prompt-too-long", value: line };
    if (kind !== "choice") {
      // "你的专业：例如医生" — a plain question may itself hold a colon
      const whole = rest ? `${prompt}：${rest}` : prompt;
      if (length(whole) > PROMPT_MAX) return { ok: false, error: "questions-prompt-too-long", value: line };
      questions.push({ kind: kind ?? "text", prompt: whole, options: [] });
      continue;
    }
    const options = rest
      .split(/\s*[/／|｜、,，]\s*/)
      .map((o) => o.trim())
      .filter((o) => o !== "");
    if (options.length < 2 || options.length > OPTIONS_MAX || new Set(options).size !== options.length) {
      return { ok: false, error: "questions-options", value: line };
    }
    if (options.some((o) => length(o) > OPTION_MAX))
      return { ok: false, error: "questions-option-too-long", value: line };
    questions.push({ kind, prompt, options });
  }
  return { ok: true, questions };
}

/** Options as stored (one per line) and back. */
export const storeOptions = (options: readonly string[]): string | null => (options.length ? options.join("\n") : null);
export const loadOptions = (stored: string | null): string[] => (stored ? stored.split("\n") : []);

export type AnswerResult = { ok: true; value: string } | { ok: false; error: string };

const toHalfWidth = (text: string) =>
  text.replace(/[０-９＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");

/**
 * A phone number, normalised: a mainland China mobile number (1[3-9] and nine digits, with or without +86 /
 * 0086) as "138 1234 5678", or an international number written with its + (or 00) and country code as
 * +<digits> (E.164: up to 15 digits). Spaces, dashes, dots and brackets are allowed in between.
 */
export function normalisePhone(text: string): string | null {
  const compact = toHalfWidth(text).replace(/[\s\-–—.()（）]/g, "");
  const mainland = /^(?:\+?86|0086)?(1[3-9]\d)(\d{4})(\d{4})$/.exec(compact);
  // written as people read it (and as text, so a spreadsheet keeps it whole): 138 1234 5678
  if (mainland) return `${mainland[1]} ${mainland[2]} ${mainland[3]}`;
  const international = /^(?:\+|00)([1-9]\d{6,14})$/.exec(compact);
  if (!international) return null;
  const digits = international[1] ?? "";
  // +86 and neither a mobile number (matched above) nor a landline (area code and number): a mistyped mainland number
  // (area codes: 10 Beijing, 2x, then three digits from 3xx; the number has seven or eight digits)
  if (digits.startsWith("86") && !/^86(?:10|2\d|[3-9]\d{2})\d{7,8}$/.test(digits)) return null;
  return `+${digits}`;
}

/** A typed answer to one question, checked (a choice may be typed as its option too). */
export function checkAnswer(question: Pick<QuestionInput, "kind" | "options">, text: string): AnswerResult {
  const value = cleanText(text, Number.MAX_SAFE_INTEGER).replace(/\s+/g, " ").trim();
  switch (question.kind) {
    case "phone": {
      const phone = normalisePhone(value);
      return phone ? { ok: true, value: phone } : { ok: false, error: "answer-phone-invalid" };
    }
    case "choice": {
      const option = question.options.find((o) => o.toLowerCase() === value.toLowerCase());
      return option ? { ok: true, value: option } : { ok: false, error: "answer-choose" };
    }
    case "text":
      if (value === "") return { ok: false, error: "answer-empty" };
      if (length(value) > ANSWER_MAX) return { ok: false, error: "answer-too-long" };
      return { ok: true, value };
  }
}
