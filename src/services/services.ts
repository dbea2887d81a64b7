import { randomUUID } from "node:crypto";
import type { Config } from "../config/config.ts";
import { Outbox } from "../delivery/outbox.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import type { Database } from "../store/database.ts";
import { AnswerService } from "./answers.ts";
import { AttendanceService } from "./attendance.ts";
import { CampaignService } from "./campaigns.ts";
import { CardService } from "./cards.ts";
import { ChangeNotices } from "./change-notices.ts";
import { ChangeFeed } from "./changes.ts";
import { ChatSettingsService } from "./chat-settings.ts";
import { ChatService } from "./chats.ts";
import { CheckInService } from "./check-in.ts";
import { ConversationStore } from "./conversations.ts";
import { EventService } from "./events.ts";
import { ExportService } from "./exports.ts";
import { GuestService } from "./guests.ts";
import { HoldNotices } from "./hold-notices.ts";
import { HoldService } from "./holds.ts";
import { Languages } from "./languages.ts";
import { Notifier } from "./notifier.ts";
import { OrganisationService } from "./organisations.ts";
import { Presenter } from "./presenter.ts";
import { PrivacyService } from "./privacy.ts";
import { ProcessedUpdates } from "./processed-updates.ts";
import { ProgrammeService } from "./programmes.ts";
import { SeriesService } from "./series.ts";
import { SignupService } from "./signups.ts";
import { SummaryService } from "./summaries.ts";
import { UserService } from "./users.ts";

export interface ServiceDeps {
  config: Config;
  database: Database;
  translator: Translator;
  logger: Logger;
  now: () => Date;
}

/** Every use case the bot layer (or a Telegraf adapter, or the CLI) calls. Built once per app. */
export interface Services {
  config: Config;
  database: Database;
  translator: Translator;
  logger: Logger;
  now: () => Date;
  changes: ChangeFeed;
  users: UserService;
  chats: ChatService;
  /** which language a chat or a person is addressed in */
  languages: Languages;
  settings: ChatSettingsService;
  processedUpdates: ProcessedUpdates;
  conversations: ConversationStore;
  organisations: OrganisationService;
  events: EventService;
  signups: SignupService;
  cards: CardService;
  presenter: Presenter;
  outbox: Outbox;
  notifier: Notifier;
  /** "time/place changed, old → new" to the people signed up, when the organiser chooses to tell them */
  changeNotices: ChangeNotices;
  /** guests (+1, +2) who hold places */
  guests: GuestService;
  /** answers to the events' questions (personal data: organisers and the member only) */
  answers: AnswerService;
  /** places held while questions are answered, waitlist offers, and their expiry */
  holds: HoldService;
  /** what the member sees of them: the offer, "your place was released" */
  holdNotices: HoldNotices;
  /** recurring activities: sign up for (or cancel) every upcoming occurrence */
  series: SeriesService;
  campaigns: CampaignService;
  programmes: ProgrammeService;
  attendance: AttendanceService;
  /** check-in codes (QR links shown at the venue) and check-ins */
  checkIn: CheckInService;
  exports: ExportService;
  summaries: SummaryService;
  /** /privacy and /forgetme */
  privacy: PrivacyService;
  /** set by the app once the sender exists: look at the outbox now */
  nudgeSender: () => void;
}

export function createServices(deps: ServiceDeps): Services {
  const db = deps.database.prisma;
  const changes = new ChangeFeed((error, name) => deps.logger.error({ err: error, event: name }, "listener failed"));
  const signups = new SignupService(db, deps.database.dialect, changes, deps.database.tapPath, deps.database.cardPath);
  const events = new EventService(db, signups, changes, deps.database.cardPath);
  const organisations = new OrganisationService(db);
  const outbox = new Outbox(db, deps.database.dialect);
  const campaigns = new CampaignService(db, signups, deps.database.dialect);
  const users = new UserService(db, deps.database.tapPath);
  const chats = new ChatService(db, deps.database.tapPath, deps.now, deps.logger.child({ part: "chats" }));
  const languages = new Languages(deps.translator, chats, users);
  const services: Services = {
    config: deps.config,
    database: deps.database,
    translator: deps.translator,
    logger: deps.logger,
    now: deps.now,
    changes,
    users,
    chats,
    languages,
    settings: new ChatSettingsService(db, chats, users, changes),
    processedUpdates: new ProcessedUpdates(db, `${deps.config.instanceId}:${randomUUID().slice(0, 8)}`),
    conversations: new ConversationStore(db, deps.now),
    organisations,
    events,
    signups,
    cards: new CardService(db),
    presenter: new Presenter({ translator: deps.translator, events, signups, organisations, now: deps.now }),
    outbox,
    notifier: new Notifier({
      db,
      outbox,
      translator: deps.translator,
      languages,
      now: deps.now,
      nudge: () => services.nudgeSender(),
    }),
    changeNotices: new ChangeNotices({
      db,
      outbox,
      translator: deps.translator,
      languages,
      now: deps.now,
      nudge: () => services.nudgeSender(),
    }),
    guests: new GuestService(db, deps.database.dialect, changes, signups),
    answers: new AnswerService(db),
    holds: new HoldService(db, deps.database.dialect, signups),
    holdNotices: new HoldNotices({ outbox, translator: deps.translator, languages }),
    series: new SeriesService(events, signups, changes, {
      seriesCancelled: (ids) => services.notifier.seriesCancelled(ids),
    }),
    campaigns,
    programmes: new ProgrammeService(db, campaigns, changes),
    attendance: new AttendanceService(db, changes, deps.database.dialect),
    checkIn: new CheckInService(db, deps.database.dialect, changes),
    exports: new ExportService(db),
    summaries: new SummaryService({ db, dialect: deps.database.dialect, signups }),
    privacy: new PrivacyService(db, users, chats),
    nudgeSender: () => {},
  };
  services.notifier.listen(changes);
  signups.promotionNotices = (tx, eventId, userIds, now) =>
    services.notifier.promotionNotices(tx, eventId, userIds, now);
  signups.offerNotices = (tx, eventId, userIds, now) => services.holdNotices.offerNotices(tx, eventId, userIds, now);
  services.holds.releaseNotices = (tx, eventId, released, now) =>
    services.holdNotices.releaseNotices(tx, eventId, released, now);
  return services;
}
