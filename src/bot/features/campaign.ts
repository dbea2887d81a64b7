import { Composer, InputFile } from "grammy";
import { subtreeScope } from "../../services/org-scope.ts";
import { campaignView } from "../../views/campaign-views.ts";
import { userText } from "../../views/html.ts";
import { sendOptions, type View } from "../../views/view.ts";
import { type CallbackHandlers, handleCallbacks } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { sendFilePrivately } from "../private.ts";
import { canOrganise } from "../rights.ts";
import { type ChatScope, chatScope, organiserTarget } from "../scope.ts";

/** The campaign a chat sees (by name when given), and its programme page as a view. */
async function campaignPage(
  ctx: YiqiContext,
  scope: ChatScope,
  pick: { id?: number; name?: string },
  page: number,
): Promise<View> {
  const { campaigns, now } = ctx.services;
  const visible = await campaigns.visible(scope.orgs, now());
  const wanted = pick.name?.trim().toLowerCase();
  const campaign =
    pick.id !== undefined
      ? visible.find((c) => c.id === pick.id)
      : wanted
        ? (visible.find((c) => c.name.toLowerCase() === wanted) ??
          visible.find((c) => c.name.toLowerCase().includes(wanted)))
        : visible[0];
  if (!campaign) return { text: ctx.t("campaign-none") };
  const lines = await campaigns.programme(campaign.id, scope.orgs);
  const v = { ...ctx.services.presenter.viewContext(ctx.locale), timeZone: scope.timeZone };
  return campaignView(campaign, lines, page, v);
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
export function campaignFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("campaign", async (ctx) => {
    const scope = await chatScope(ctx);
    if (!scope) return ctx.reply(ctx.t(ctx.chat.type === "private" ? "events-private-none" : "events-not-set-up"));
    const view = await campaignPage(ctx, scope, { name: ctx.match || undefined }, 0);
    return ctx.reply(view.text, sendOptions(view));
  });

  feature.command("calendar", sendGroupCalendar);

  feature.command("export", exportSignups);

  // the link in export-start-first: the private chat is open now, so the command can be sent again
  feature
    .chatType("private")
    .command("start", (ctx, next) => (ctx.match === "export" ? ctx.reply(ctx.t("export-ready")) : next()));

  handleCallbacks(feature, handlers);
  return feature;
}
