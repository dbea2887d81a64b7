import type { ConversationState } from "../../../services/conversations.ts";
import type { CallbackPayload } from "../../../views/callback-data.ts";
import type { CallbackHandler } from "../../callbacks.ts";
import type { YiqiContext } from "../../context.ts";
import { conversationOf } from "../../conversation.ts";
import { type NewEventState, newEventKind } from "./state.ts";

export type WizardButton = (
  ctx: YiqiContext,
  payload: CallbackPayload,
  state: ConversationState<NewEventState>,
) => Promise<unknown>;

/**
 * A button of the guided /newevent: only in the private chat, only while its
 * conversation is going (an outdated one is cleared and the user told).
 */
export function wizardButton(handle: WizardButton): CallbackHandler {
  return async (ctx, payload) => {
    if (ctx.chat?.type !== "private") return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    const state = await conversationOf(ctx, newEventKind);
    if (state === "told") return;
    if (!state) return ctx.answerCallbackQuery({ text: ctx.tp("form-expired") });
    await ctx.answerCallbackQuery();
    return handle(ctx, payload, state);
  };
}
