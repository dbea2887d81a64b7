import { Composer } from "grammy";
import type { YiqiContext } from "../context.ts";

/** /start and /help in the user's language. */
export function generalFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.chatType("private").command("start", async (ctx, next) => {
    await ctx.services.users.markStarted(ctx.from);
    if (ctx.match) return next(); // a deep link (start=…) is handled by the feature that made it
    await ctx.reply(ctx.t("start-private", { name: ctx.from.first_name }));
  });
  feature.chatType(["group", "supergroup"]).command("start", (ctx) => ctx.reply(ctx.t("start-group")));
  feature.command("help", (ctx) => ctx.reply(ctx.t("help"), { parse_mode: "HTML" }));

  return feature;
}
