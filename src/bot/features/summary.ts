import { Composer } from "grammy";
import { summaryText } from "../../views/schedule-views.ts";
import type { YiqiContext } from "../context.ts";

const DAY_MS = 86_400_000;

/** `/summary` in a group: what the daily summary would say now (since the last one, or the last day). */
export function summaryFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("summary", async (ctx) => {
    if (!ctx.chat || ctx.chat.type === "private" || ctx.chat.type === "channel") {
      return ctx.reply(ctx.t("summary-group-only"));
    }
    const { services } = ctx;
    const now = services.now();
    const chat = await services.chats.find(ctx.ids.chat);
    const since = chat?.lastSummaryAt ?? new Date(now.getTime() - DAY_MS);
    const report = await services.summaries.report(ctx.ids.chat, now, since);
    if (!report) return ctx.reply(ctx.t("events-not-set-up"));
    return ctx.reply(summaryText(report, services.presenter.viewContext(ctx.locale)), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return feature;
}
