import { Composer } from "grammy";
import { telegramId } from "../../telegram-id.ts";
import { userText } from "../../views/html.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";

/**
 * `/organiser add @user`, `/organiser remove @user`, `/organiser` (list), in a
 * linked group, by an organiser. Also works as a reply to the person's message.
 */
export function organisersFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command(["organiser", "organizer"], async (ctx) => {
    if (ctx.chat?.type !== "group" && ctx.chat?.type !== "supergroup") {
      return ctx.reply(ctx.t("organiser-group-only"));
    }
    const profile = await ctx.services.chats.profile(ctx.ids.chat);
    if (!profile?.organisationId) return ctx.reply(ctx.t("events-not-set-up"));
    const orgId = profile.organisationId;
    if (!(await canOrganise(ctx, orgId, ctx.ids.user))) return ctx.reply(ctx.t("organiser-refused"));
    const [verb = "", target = ""] = ctx.match.trim().split(/\s+/);
    if (verb === "") {
      const list = await ctx.services.organisations.listOrganisers(orgId);
      if (list.length === 0) return ctx.reply(ctx.t("organiser-list-empty"));
      const names = list.map(
        (o) => `· ${userText(o.user.firstName, 60)}${o.user.username ? ` @${o.user.username}` : ""}`,
      );
      return ctx.reply([ctx.t("organiser-list"), ...names].join("\n"), { parse_mode: "HTML" });
    }
    if (verb !== "add" && verb !== "remove") return ctx.reply(ctx.t("organiser-usage"));
    const replied = ctx.message?.reply_to_message?.from;
    const user =
      replied && !replied.is_bot
        ? await ctx.services.users.find(telegramId(replied.id))
        : target
          ? await ctx.services.users.findByUsername(target)
          : null;
    if (!user)
      return ctx.reply(
        ctx.t(target || replied ? "organiser-unknown-user" : "organiser-usage", { user: userText(target, 40) }),
      );
    const name = userText(user.firstName, 60);
    if (verb === "add") {
      await ctx.services.organisations.addOrganiser(orgId, user.id, ctx.ids.user);
      return ctx.reply(ctx.t("organiser-added", { name }), { parse_mode: "HTML" });
    }
    const removed = await ctx.services.organisations.removeOrganiser(orgId, user.id);
    return ctx.reply(ctx.t(removed ? "organiser-removed" : "organiser-not-named", { name }), { parse_mode: "HTML" });
  });
  return feature;
}
