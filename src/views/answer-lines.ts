import type { Translate } from "../i18n/translator.ts";
import { userText } from "./html.ts";

/** "电话：+8613812345678" lines: a member's answers (in /my) or one person's (the organiser's roster). */
export function answerLines(answers: readonly { prompt: string; value: string }[], t: Translate): string[] {
  return answers.map((a) => t("answer-line", { prompt: userText(a.prompt, 40), value: userText(a.value, 200) }));
}
