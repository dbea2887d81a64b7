import { eventInputFromDraft, parseOneLine } from "../../../domain/event-form.ts";
import { keyboard, urlButton } from "../../../views/view.ts";
import { postCard } from "../../cards.ts";
import type { YiqiContext } from "../../context.ts";
import { deepLink } from "../../rights.ts";
import { organisedBy } from "../../scope.ts";
import { errorText, formContext } from "./form.ts";
import { newEventKind, newEventLink, storeDraft } from "./state.ts";
import { ask, chooseOrganisation } from "./wizard.ts";

/**
 * `/newevent 标题 | 时间 | 地点 | 名额` in the private chat: all valid → straight to choosing groups;
 * otherwise say what is wrong and ask just for that. With several organisations, which one comes first.
 */
export async function oneLineInPrivate(ctx: YiqiContext, line: string): Promise<unknown> {
  const [first, ...others] = await organisedBy(ctx);
  if (!first) return ctx.reply(ctx.t("form-not-organiser"));
  const { draft, errors } = parseOneLine(line, await formContext(ctx, first.id));
  draft.details ??= null;
  if (others.length > 0) return chooseOrganisation(ctx, draft);
  if (errors.length > 0) {
    await ctx.reply(errors.map((e) => `⚠️ ${errorText(ctx, e)}`).join("\n"), { parse_mode: "HTML" });
  }
  return ask(ctx, { orgId: first.id, draft: storeDraft(draft) });
}

/**
 * The one-line form in a group: all valid → the event is created and its card posted here;
 * otherwise what was valid is kept and the fix happens in the private chat, one part at a time.
 */
export async function oneLineInGroup(ctx: YiqiContext, line: string, orgId: number): Promise<unknown> {
  const { draft, errors } = parseOneLine(line, await formContext(ctx, orgId));
  const input =
    errors.length === 0 ? eventInputFromDraft(draft, { organisationId: orgId, createdById: ctx.ids.user }) : null;
  if (input) {
    const event = await ctx.services.events.create(input);
    await postCard(ctx, event.id);
    return;
  }
  draft.details ??= null;
  // for the user's private chat, whose id is the user's
  await ctx.services.conversations.set(ctx.ids.user, ctx.ids.user, newEventKind, "title", {
    orgId,
    draft: storeDraft(draft),
    fromChat: ctx.ids.chat,
  });
  return ctx.reply([...errors.map((e) => `⚠️ ${errorText(ctx, e)}`), ctx.t("form-fix-private")].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, newEventLink(ctx.ids.chat)))]]),
  });
}
