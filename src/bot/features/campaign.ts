import { Composer, GrammyError, InputFile } from "grammy";
import { CampaignGlanceService } from "../../services/campaign-glance.ts";
import { renderChart } from "../../services/chart-renderer.ts";
import { subtreeScope } from "../../services/org-scope.ts";
import { glanceBlock, statsCaption, statsChart } from "../../views/campaign-glance-views.ts";
import { campaignView } from "../../views/campaign-views.ts";
import { userText } from "../../views/html.ts";
import { sendOptions, type View } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { sendFilePrivately } from "../private.ts";
import { canOrganise } from "../rights.ts";
import { type ChatScope, chatScope, organiserTarget } from "../scope.ts";

/** The campaign a chat sees: by id (a page button), by name when given, else the current one. */
async function pickCampaign(ctx: YiqiContext, scope: ChatScope, pick: { id?: number; name?: string }) {
  const { campaigns, now } = ctx.services;
  const visible = await campaigns.visible(scope.orgs, now());
  const wanted = pick.name?.trim().toLowerCase();
  return pick.id !== undefined
    ? visible.find((c) => c.id === pick.id)
    : wanted
      ? (visible.find((c) => c.name.toLowerCase() === wanted) ??
        visible.find((c) => c.name.toLowerCase().includes(wanted)))
      : visible[0];
}

/**
 * The campaign's figures per part of the group's hub; null outside a hub's group. `shown`: the programme's
 * events when it was read for the same subtree (the glance then does not look for them again).
 */
async function hubGlance(ctx: YiqiContext, scope: ChatScope, campaignId: number, shown?: { event: { id: number } }[]) {
  if (scope.rootId === null) return null;
  const same = shown && scope.orgs.kind === "subtree" && scope.orgs.rootId === scope.rootId;
  const ids = same ? shown.map((l) => l.event.id) : undefined;
  const glance = await new CampaignGlanceService(ctx.services.database.prisma, ctx.services.database.dialect).glance(
    campaignId,
    scope.rootId,
    ids,
  );
  return glance && glance.root.kind !== "organisation" ? glance : null;
}

/** The campaign a chat sees (by name when given), and its programme page as a view. */
async function campaignPage(
  ctx: YiqiContext,
  scope: ChatScope,
  pick: { id?: number; name?: string },
  page: number,
): Promise<View> {
  const campaign = await pickCampaign(ctx, scope, pick);
  if (!campaign) return { text: ctx.t("campaign-none") };
  const lines = await ctx.services.campaigns.programme(campaign.id, scope.orgs);
  const v = { ...ctx.services.presenter.viewContext(ctx.locale), timeZone: scope.timeZone };
  const glance = page === 0 ? await hubGlance(ctx, scope, campaign.id, lines) : null;
  return campaignView(campaign, lines, page, v, glance ? glanceBlock(glance.root.kind, glance.rows, ctx.t) : []);
}

/** `/campaign stats`: sign-ups and attendance per district as a bar chart, every figure in the caption. */
async function campaignStats(ctx: YiqiContext, scope: ChatScope, name: string | undefined) {
  const campaign = await pickCampaign(ctx, scope, { name });
  if (!campaign) return ctx.reply(ctx.t("campaign-none"));
  const glance = await hubGlance(ctx, scope, campaign.id);
  if (!glance) return ctx.reply(ctx.t("campaign-stats-hub-only"));
  const { root, rows } = glance;
  const caption = statsCaption(campaign.name, root.kind, rows, ctx.t);
  await ctx.replyWithChatAction("upload_photo").catch(() => undefined);
  const chart = await renderChart(statsChart(campaign.name, root.kind, rows, ctx.t));
  const asText = () => ctx.reply(`${caption}\n\n${ctx.t("campaign-stats-no-chart")}`, { parse_mode: "HTML" });
  if (!chart.ok) {
    ctx.log.warn(
      { error: chart.error, detail: chart.detail },
      "could not draw the campaign chart; sending the figures",
    );
    return asText();
  }
  try {
    return await ctx.replyWithPhoto(new InputFile(chart.png, `yiqi-campaign-${campaign.id}.png`), {
      caption,
      parse_mode: "HTML",
    });
  } catch (error) {
    // Telegram refused the picture (it answers 400 for an image it cannot process): the figures still go out
    if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    ctx.log.warn({ err: error }, "the campaign chart was refused; sending the figures");
    return asText();
  }
}

/** `/calendar` and the list's 📅 button: the chat's upcoming events as one .ics file, in the chat. */
async function sendGroupCalendar(ctx: YiqiContext) {
  const scope = await chatScope(ctx);
  if (!scope) return ctx.reply(ctx.t(ctx.chat?.type === "private" ? "events-private-none" : "events-not-set-up"));
  const { exports, now } = ctx.services;
  const { ics, count } = await exports.upcomingCalendar(scope.orgs, scope.name, now(), ctx.me.username);
  if (count === 0) return ctx.reply(ctx.t("calendar-none"));
  return ctx.replyWithDocument(new InputFile(Buffer.from(ics, "utf8"), "yiqi-events.ics"), {
    caption: ctx.t("calendar-group-caption", { name: userText(scope.name, 80), count }),
    parse_mode: "HTML",
  });
}

/** `/export`: the sign-ups of the current campaign (or of the upcoming events) as CSV, sent privately. */
async function exportSignups(ctx: YiqiContext) {
  const target = await organiserTarget(ctx);
  if (target === null) return ctx.reply(ctx.t("events-not-set-up"));
  if (target === "refused") return ctx.reply(ctx.t("export-not-organiser"));
  const { campaigns, exports, now } = ctx.services;
  const scope = subtreeScope(target.id);
  // the current campaign with activities here, else the upcoming events
  let campaign = null;
  let eventIds: number[] = [];
  for (const c of (await campaigns.visible(scope, now())).filter((c) => c.endsAt > now())) {
    eventIds = await exports.eventIds(scope, c.id, now());
    campaign = c;
    if (eventIds.length > 0) break;
  }
  if (eventIds.length === 0) {
    campaign = null;
    eventIds = await exports.eventIds(scope, null, now());
  }
  // the file and its caption are the person's own: in their language
  const lang = { t: ctx.tp, locale: ctx.personalLocale, now: now() };
  const { csv, rows, people, cancelled } = await exports.signupsCsv(eventIds, lang);
  if (rows === 0) return ctx.reply(ctx.t("export-nothing"));
  const organisation = userText(target.name, 80);
  const counts = { count: people, cancelled };
  const caption = campaign
    ? ctx.tp("export-caption-campaign", { name: userText(campaign.name, 80), organisation, ...counts })
    : ctx.tp("export-caption-upcoming", { organisation, ...counts });
  return sendFilePrivately(ctx, "export", { bytes: csv, name: `yiqi-signups-${target.id}.csv`, caption });
}

const handlers: CallbackHandlers = {
  async campaignPage(ctx, { id, arg }) {
    const scope = await chatScope(ctx);
    if (!scope) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    const view = await campaignPage(ctx, scope, { id }, arg ?? 0);
    await ctx.editMessageText(view.text, sendOptions(view)).catch((e) => ctx.log.debug({ err: e }, "page unchanged"));
    return ctx.answerCallbackQuery();
  },

  async groupCalendar(ctx) {
    await ctx.answerCallbackQuery();
    return sendGroupCalendar(ctx);
  },

  async exportEvent(ctx, { id }) {
    const event = await ctx.services.events.get(id);
    if (!event) return ctx.answerCallbackQuery({ text: ctx.tp("toast-event-missing") });
    if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
      return ctx.answerCallbackQuery({ text: ctx.tp("toast-not-organiser"), show_alert: true });
    }
    const { csv, people, cancelled } = await ctx.services.exports.signupsCsv([id], {
      t: ctx.tp,
      locale: ctx.personalLocale,
      now: ctx.services.now(),
    });
    const caption = ctx.tp("export-caption-event", { title: userText(event.title, 100), count: people, cancelled });
    return sendFilePrivately(ctx, "export", { bytes: csv, name: `yiqi-event-${id}-signups.csv`, caption });
  },
};

/** /campaign, /calendar, /export and the sign-up spreadsheet button. */
export function campaignFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("campaign", async (ctx) => {
    const scope = await chatScope(ctx);
    if (!scope) return ctx.reply(ctx.t(ctx.chat.type === "private" ? "events-private-none" : "events-not-set-up"));
    const stats = /^(?:stats|统计)(?:\s+(.*))?$/i.exec(ctx.match.trim());
    if (stats) return campaignStats(ctx, scope, stats[1]?.trim() || undefined);
    const view = await campaignPage(ctx, scope, { name: ctx.match || undefined }, 0);
    return ctx.reply(view.text, sendOptions(view));
  });

  feature.command("calendar", sendGroupCalendar);

  feature.command("export", exportSignups);

  // the link in export-start-first: the private chat is open now, so the command can be sent again
  feature
    .chatType("private")
    .command("start", (ctx, next) => (ctx.match === "export" ? ctx.reply(ctx.t("export-ready")) : next()));

  callbacks.add(handlers);
  return feature;
}
