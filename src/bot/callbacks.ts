import type { MiddlewareFn } from "grammy";
import { type CallbackPayload, decodeCallback } from "../views/callback-data.ts";
import type { YiqiContext } from "./context.ts";

export type CallbackHandler = (ctx: YiqiContext, payload: CallbackPayload) => Promise<unknown>;
export type CallbackHandlers = Partial<Record<CallbackPayload["action"], CallbackHandler>>;

/**
 * Every feature's button handlers, by action, in one table. A tap is routed by it once, before the features'
 * message filters: each grammY filter (`command`, `on`, `chatType`) costs a little on every update it passes,
 * and a tap used to pass some sixty of them on its way to its handler (issue 12). Data that does not decode,
 * or an action nobody registered, passes on (the fallback answers what nobody handled).
 */
export class CallbackRoutes {
  private readonly handlers = new Map<CallbackPayload["action"], CallbackHandler>();

  /** Registers a feature's handlers; an action has one handler, so a second one is a mistake in the code. */
  add(handlers: CallbackHandlers): void {
    for (const [action, handler] of Object.entries(handlers) as [CallbackPayload["action"], CallbackHandler][]) {
      if (this.handlers.has(action)) throw new Error(`two handlers for the button action ${action}`);
      this.handlers.set(action, handler);
    }
  }

  middleware(): MiddlewareFn<YiqiContext> {
    return async (ctx, next) => {
      const data = ctx.callbackQuery?.data;
      const payload = data === undefined ? null : decodeCallback(data);
      const handler = payload ? this.handlers.get(payload.action) : undefined;
      if (!payload || !handler) return next();
      await handler(ctx, payload);
    };
  }
}
