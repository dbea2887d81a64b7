import { Composer } from "grammy";
import { levelCounts, onboardingOrder } from "../../domain/onboarding.ts";
import { OnboardingService } from "../../services/onboarding.ts";
import { userText } from "../../views/html.ts";
import { organisationsCsv, organisationsView } from "../../views/organisations-views.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { sendFilePrivately } from "../private.ts";
import { canOrganise } from "../rights.ts";
import { organisedBy, organiserTarget } from "../scope.ts";

/** The deep-link payload that brings an organiser who never started the bot back to the CSV. */
const PAYLOAD = "organisations";

/** The hub's subtree in the order shown, with the counts per level. */
async function loadPage(ctx: YiqiContext, hubId: number) {
  const { database, organisations } = ctx.services;
  const onboarding = await new OnboardingService(database.prisma, organisations).below(hubId);
  if (!onboarding) return null;
  return {
    hub: onboarding.hub,
    orgs: onboardingOrder(onboarding.orgs, ctx.locale),
    counts: levelCounts(onboarding.orgs),
  };
}

/** Which hub `/organisations` is about: the group's (for its organisers), in private the highest one organised. */
async function hubOf(ctx: YiqiContext): Promise<{ id: number } | { refusal: string }> {
  if (ctx.chat?.type === "private") {
    const hub = (await organisedBy(ctx)).find((o) => o.kind !== "organisation");
    return hub ?? { refusal: "organisations-not-hub" };
  }
  const target = await organiserTarget(ctx);
  if (target === null) return { refusal: "events-not-set-up" };
  if (target === "refused") return { refusal: "organisations-not-organiser" };
  return target.kind === "organisation" ? { refusal: "organisations-not-hub" } : target;
}

async function showOrganisations(ctx: YiqiContext) {
  const hub = await hubOf(ctx);
  if ("refusal" in hub) return ctx.reply(ctx.t(hub.refusal));
  const page = await loadPage(ctx, hub.id);
  if (!page) return ctx.reply(ctx.t("events-not-set-up"));
  const view = organisationsView(page, 0, { withLinks: ctx.chat?.type === "private", bot: ctx.me.username, t: ctx.t });
  return ctx.reply(view.text, sendOptions(view));
}

const handlers: CallbackHandlers = {
  async organisationsPage(ctx, { id, arg }) {
    if (!(await canOrganise(ctx, id, ctx.ids.user))) {
      return ctx.answerCallbackQuery({ text: ctx.tp("organisations-not-organiser"), show_alert: true });
    }
    const page = await loadPage(ctx, id);
    if (!page) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    const withLinks = ctx.chat?.type === "private";
    const view = organisationsView(page, arg ?? 0, { withLinks, bot: ctx.me.username, t: ctx.t });
    await ctx.editMessageText(view.text, sendOptions(view)).catch((e) => ctx.log.debug({ err: e }, "page unchanged"));
    return ctx.answerCallbackQuery();
  },

  async organisationsCsv(ctx, { id }) {
    if (!(await canOrganise(ctx, id, ctx.ids.user))) {
      return ctx.answerCallbackQuery({ text: ctx.tp("organisations-not-organiser"), show_alert: true });
    }
    const page = await loadPage(ctx, id);
    if (!page) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    const linked = page.orgs.filter((o) => o.group !== null).length;
    const caption = ctx.tp("organisations-csv-caption", {
      name: userText(page.hub.name, 80),
      linked: String(linked),
      total: String(page.orgs.length),
    });
    // join codes are credentials: the file goes to the organiser's private chat only
    return sendFilePrivately(ctx, PAYLOAD, {
      bytes: organisationsCsv(page.orgs, ctx.me.username, ctx.tp),
      name: `yiqi-organisations-${id}.csv`,
      caption,
    });
  },
};

/**
 * `/organisations`: which organisations below a hub have a linked group and which do not yet, paged,
 * with a CSV. In the group without join links (members read along); in private with them.
 */
export function organisationsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("organisations", (ctx) => {
    if (/^import\b/i.test(ctx.match.trim())) return ctx.reply(ctx.t("directory-ask-file"));
    return showOrganisations(ctx);
  });
  // the link offered when the CSV could not be sent privately yet
  feature
    .chatType("private")
    .command("start", (ctx, next) => (ctx.match === PAYLOAD ? showOrganisations(ctx) : next()));
  callbacks.add(handlers);
  return feature;
}
