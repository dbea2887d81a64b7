import { Composer } from "grammy";
import { encodeCallback } from "../../views/callback-data.ts";
import { callbackButton, keyboard, urlButton } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { deepLink } from "../rights.ts";

/** In a group, the answer is a button to the private chat: what is stored about someone is theirs alone. */
async function privateOnly(ctx: YiqiContext, payload: string): Promise<boolean> {
  if (ctx.chat?.type === "private") return true;
  await ctx.reply(ctx.t("privacy-in-private"), {
    reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, payload))]]),
  });
  return false;
}

async function showPrivacy(ctx: YiqiContext) {
  const stored = await ctx.services.privacy.stored(ctx.ids.user);
  return ctx.reply(
    ctx.t("privacy-text", {
      signups: stored.signups,
      groups: stored.groups,
      organiserOf: stored.organiserOf,
      queued: stored.queued,
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  );
}

async function askToForget(ctx: YiqiContext) {
  return ctx.reply(ctx.t("forget-confirm"), {
    parse_mode: "HTML",
    reply_markup: keyboard([
      [callbackButton(ctx.t("btn-forget-confirm"), encodeCallback("forgetConfirm", 0))],
      [callbackButton(ctx.t("btn-forget-keep"), encodeCallback("abort", 0))],
    ]),
  });
}

/**
 * Deletes the data of whoever pressed (never anyone named in the button: its id is ignored).
 * Only in the private chat, where the confirmation was asked.
 */
export const privacyHandlers: CallbackHandlers = {
  async forgetConfirm(ctx) {
    if (ctx.chat?.type !== "private") return ctx.answerCallbackQuery({ text: ctx.t("privacy-in-private") });
    const t = ctx.t;
    const { signups } = await ctx.services.privacy.forget(ctx.ids.user);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(t("forget-done", { signups }), { parse_mode: "HTML" }).catch(() => undefined);
  },
};

/** /privacy: what Yiqi stores about you and why; /forgetme: delete it, after a confirmation. */
export function privacyFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("privacy", async (ctx) => {
    if (await privateOnly(ctx, "privacy")) return showPrivacy(ctx);
  });
  feature.command(["forgetme", "forget_me"], async (ctx) => {
    if (await privateOnly(ctx, "forgetme")) return askToForget(ctx);
  });
  feature.chatType("private").command("start", async (ctx, next) => {
    if (ctx.match === "privacy") return showPrivacy(ctx);
    if (ctx.match === "forgetme") return askToForget(ctx);
    return next();
  });
  callbacks.add(privacyHandlers);
  return feature;
}
