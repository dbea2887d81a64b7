import { eventInputFromDraft, parseOneLine } from "../../../domain/event-form.ts";
import { keyboard, urlButton } from "../../../views/view.ts";
import { postCard } from "../../cards.ts";
import type { YiqiContext } from "../../context.ts";
import { deepLink } from "../../rights.ts";
import { organisedBy } from "../../scope.ts";
import { errorText, formContext, shortenedLines, timeNoteLines } from "./form.ts";
import { createFromDraft, seriesNoteLines, seriesReading } from "./series.ts";
import { newEventKind, newEventLink, storeDraft } from "./state.ts";
import { ask, chooseOrganisation } from "./wizard.ts";

/**
 * `/newevent 标题 | 时间 | 地点 | 名额` in the private chat: all valid → straight to choosing groups;
 * otherwise say what is wrong and ask just for that. With several organisations, which one comes first.
 */
export async function oneLineInPrivate(ctx: YiqiContext, line: string): Promise<unknown> {
  const [first, ...others] = await organisedBy(ctx);
  if (!first) return ctx.reply(ctx.t("form-not-organiser"));
  const form = await formContext(ctx, first.id);
  const { draft, errors, shortened } = parseOneLine(line, form);
  draft.details ??= null;
  const cut = shortenedLines(ctx, shortened, draft);
  if (others.length > 0) {
    if (cut.length > 0) await ctx.reply(cut.join("\n"), { parse_mode: "HTML" });
    return chooseOrganisation(ctx, draft);
  }
  const notes = [
    ...cut,
    ...(draft.timeText ? [...timeNoteLines(ctx, draft.timeText, form), ...seriesNoteLines(ctx, draft, form)] : []),
  ];
  if (errors.length > 0 || notes.length > 0) {
    const lines = [...errors.map((e) => `⚠️ ${errorText(ctx, e)}`), ...notes];
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  }
  return ask(ctx, { orgId: first.id, draft: storeDraft(draft) });
}

/**
 * The one-line form in a group: all valid → the event is created and its card posted here;
 * otherwise what was valid is kept and the fix happens in the private chat, one part at a time.
 */
export async function oneLineInGroup(ctx: YiqiContext, line: string, orgId: number): Promise<unknown> {
  const form = await formContext(ctx, orgId);
  const { draft, errors, shortened } = parseOneLine(line, form);
  const cut = shortenedLines(ctx, shortened, draft);
  const input =
    errors.length === 0 ? eventInputFromDraft(draft, { organisationId: orgId, createdById: ctx.ids.user }) : null;
  // once per update, even when it is handled again after a crash mid-way (bot/once.ts)
  const event = input
    ? await ctx.step("createEvent", async () => {
        const created = await createFromDraft(ctx, input, draft, form);
        return created ? { id: created.id } : null;
      })
    : null;
  if (event) {
    await postCard(ctx, event.id);
    // how the time was read, where that was a choice: said under the card, with the way to change it
    const notes = draft.timeText ? timeNoteLines(ctx, draft.timeText, form) : [];
    const reading = seriesReading(ctx, draft, form);
    const series = reading ? [ctx.t("series-created", reading), ...seriesNoteLines(ctx, draft, form)] : [];
    if (notes.length > 0 || series.length > 0 || cut.length > 0) {
      const hint = notes.length > 0 ? [ctx.t("time-note-edit-hint")] : [];
      await ctx.reply([...cut, ...series, ...notes, ...hint].join("\n"), {
        parse_mode: "HTML",
        reply_parameters: { message_id: ctx.msgId ?? 0, allow_sending_without_reply: true },
      });
    }
    return;
  }
  draft.details ??= null;
  // for the user's private chat, whose id is the user's
  await ctx.services.conversations.set(ctx.ids.user, ctx.ids.user, newEventKind, "title", {
    orgId,
    draft: storeDraft(draft),
    fromChat: ctx.ids.chat,
  });
  return ctx.reply([...errors.map((e) => `⚠️ ${errorText(ctx, e)}`), ...cut, ctx.t("form-fix-private")].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, newEventLink(ctx.ids.chat)))]]),
  });
}
