import type { Composer } from "grammy";
import { type CallbackPayload, decodeCallback } from "../views/callback-data.ts";
import type { YiqiContext } from "./context.ts";

export type CallbackHandler = (ctx: YiqiContext, payload: CallbackPayload) => Promise<unknown>;
export type CallbackHandlers = Partial<Record<CallbackPayload["action"], CallbackHandler>>;

/**
 * Routes button presses to a feature's handlers by action. Data that does not
 * decode, or an action the feature does not handle, passes on (the fallback
 * answers what nobody handled).
 */
export function handleCallbacks(feature: Composer<YiqiContext>, handlers: CallbackHandlers): void {
  feature.on("callback_query:data", async (ctx, next) => {
    const payload = decodeCallback(ctx.callbackQuery.data);
    const handler = payload ? handlers[payload.action] : undefined;
    if (!payload || !handler) return next();
    await handler(ctx, payload);
  });
}
