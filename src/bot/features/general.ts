import { Composer } from "grammy";
import type { YiqiContext } from "../context.ts";

/**
 * /start and /help in the user's language. Embedded in a host's bot, a plain
 * /start and /help are the host's: Yiqi notes that the user started the bot
 * and passes them on (deep links it made are still its own).
 */
export function generalFeature(mode: { embedded: boolean }): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.chatType("private").command("start", async (ctx, next) => {
    await ctx.services.users.markStarted(ctx.from);
    if (ctx.match || mode.embedded) return next(); // a deep link (start=…) is handled by the feature that made it
    await ctx.reply(ctx.t("start-private", { name: ctx.from.first_name }));
  });
  if (mode.embedded) return feature;
  // `/start <code>` in a group comes from a startgroup link: bot/features/group-link.ts links the group
  feature
    .chatType(["group", "supergroup"])
    .command("start", (ctx, next) => (ctx.match.trim() ? next() : ctx.reply(ctx.t("start-group"))));
  feature.command("help", (ctx) => ctx.reply(ctx.t("help"), { parse_mode: "HTML" }));

  return feature;
}
