import type { ApiCall, ReminderArgs } from "../delivery/kinds.ts";
import type { Renderers } from "../delivery/render.ts";
import type { Services } from "../services/services.ts";
import type { TelegramId } from "../telegram-id.ts";
import { offerGroupView, offerView } from "../views/hold-views.ts";
import {
  groupReminderView,
  memberReminderView,
  organiserReminderView,
  type Standing,
} from "../views/reminder-views.ts";
import { summaryText } from "../views/schedule-views.ts";
import { sendOptions, type View } from "../views/view.ts";
import { reminderStillApplies } from "./live-events.ts";

const SUMMARY_LOOKBACK_MS = 86_400_000;

function message(view: View | null): ApiCall | null {
  return view && { method: "sendMessage", params: { text: view.text, ...sendOptions(view) } };
}

/**
 * Renders scheduled deliveries when they are sent, so places left, waitlist
 * positions and settings are current: each loads what its message shows and
 * hands it to the views. A reminder whose event was cancelled, moved (planned
 * for another start) or ended, a member reminder for someone who cancelled,
 * or a summary on a quiet day renders to null and is dropped.
 */
export function schedulerRenderers(services: Services, botUsername: () => string): Renderers {
  const db = services.database.prisma;
  const context = async (chatId: TelegramId) => services.presenter.viewContext(await services.languages.ofChat(chatId));

  /** The event, if the reminder still applies to it, with its sign-up counts. */
  const eventFor = async (args: ReminderArgs) => {
    const event = await services.events.get(args.eventId);
    if (!event || !reminderStillApplies(event, args)) return null;
    const counts = (await services.signups.counts([event.id])).get(event.id) ?? { confirmed: 0, waitlisted: 0 };
    return { event, counts };
  };

  return {
    reminder: async (args, delivery) => {
      const found = await eventFor(args);
      if (!found) return null;
      return message(groupReminderView(args.slot, found.event, found.counts, await context(delivery.chatId)));
    },

    "member-reminder": async (args, delivery) => {
      const [found, user, signup] = await Promise.all([
        eventFor(args),
        services.users.find(delivery.chatId),
        db.signup.findUnique({ where: { eventId_userId: { eventId: args.eventId, userId: delivery.chatId } } }),
      ]);
      if (!found || !user?.remindersOn || !user.startedBot) return null;
      if (signup?.status !== "confirmed" && signup?.status !== "waitlisted") return null;
      const standing: Standing =
        signup.status === "confirmed"
          ? { confirmed: true }
          : { confirmed: false, position: await services.signups.waitlistPosition(args.eventId, signup.seq) };
      const v = services.presenter.viewContext(services.languages.ofUserRow(user));
      return message(memberReminderView(args.slot, found.event, standing, v));
    },

    "organiser-reminder": async (args, delivery) => {
      const found = await eventFor(args);
      if (!found) return null;
      const v = await context(delivery.chatId);
      return message(organiserReminderView(args.slot, found.event, found.counts, v, botUsername()));
    },

    // a waitlist offer, shown only while it is still open (the member may have accepted, declined or let it lapse)
    offer: async (args, delivery) => {
      const userId = BigInt(args.userId);
      const [event, signup, user] = await Promise.all([
        services.events.get(args.eventId),
        db.signup.findUnique({ where: { eventId_userId: { eventId: args.eventId, userId } } }),
        services.users.find(userId),
      ]);
      const until = signup?.heldUntil;
      if (!event || !user || signup?.status !== "offered" || signup.seq !== args.seq || !until) return null;
      if (until.getTime() <= services.now().getTime()) return null;
      if (delivery.chatId === userId) {
        return message(offerView(event, until, services.presenter.viewContext(services.languages.ofUserRow(user))));
      }
      return message(offerGroupView(event, user, until, botUsername(), await context(delivery.chatId)));
    },

    summary: async (_args, delivery) => {
      const chat = await db.chat.findUnique({ where: { id: delivery.chatId } });
      if (!chat?.active || !chat.summaryOn) return null;
      const now = services.now();
      const since = chat.lastSummaryAt ?? new Date(now.getTime() - SUMMARY_LOOKBACK_MS);
      const report = await services.summaries.report(chat.id, now, since);
      if (!report || (report.quiet && !chat.summaryWhenQuiet)) return null;
      return message({ text: summaryText(report, await context(chat.id)) });
    },
  };
}
