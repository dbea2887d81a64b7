import { loadOptions, type QuestionKind } from "../domain/questions.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";

export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  prompt: string;
  options: string[];
}

const kinds: readonly string[] = ["text", "choice", "phone"] satisfies QuestionKind[];
const isKind = (kind: string): kind is QuestionKind => kinds.includes(kind);

/** Sign-up statuses whose answers may still be given or changed. */
const ANSWERING = ["held", "confirmed", "waitlisted", "offered"] as const;

/**
 * The answers members give to an event's questions: personal data, shown to the event's organisers (roster,
 * export) and to the member themselves (/my); /forgetme deletes them (services/privacy.ts).
 */
export class AnswerService {
  constructor(private readonly db: Db) {}

  async questions(eventId: number): Promise<Question[]> {
    const rows = await this.db.eventQuestion.findMany({ where: { eventId }, orderBy: { position: "asc" } });
    return rows.flatMap((r) =>
      isKind(r.kind)
        ? [{ id: r.id, position: r.position, kind: r.kind, prompt: r.prompt, options: loadOptions(r.options) }]
        : [],
    );
  }

  /** The member's sign-up that may take answers (held, confirmed, waitlisted, offered), or null. */
  async signupOf(eventId: number, userId: TelegramId) {
    const signup = await this.db.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
    const answering: readonly string[] = ANSWERING;
    return signup && answering.includes(signup.status) ? signup : null;
  }

  /** The member's answers by question id. */
  async answersOf(eventId: number, userId: TelegramId): Promise<Map<number, string>> {
    const rows = await this.db.signupAnswer.findMany({ where: { signup: { eventId, userId } } });
    return new Map(rows.map((r) => [r.questionId, r.value]));
  }

  /** Stores one answer (replacing an earlier one); false when the member has no sign-up that takes answers. */
  async save(eventId: number, userId: TelegramId, questionId: number, value: string, now: Date): Promise<boolean> {
    const signup = await this.signupOf(eventId, userId);
    const question = await this.db.eventQuestion.findFirst({ where: { id: questionId, eventId } });
    if (!signup || !question) return false;
    await this.db.signupAnswer.upsert({
      where: { signupId_questionId: { signupId: signup.id, questionId } },
      create: { signupId: signup.id, questionId, value, updatedAt: now },
      update: { value, updatedAt: now },
    });
    return true;
  }
}
