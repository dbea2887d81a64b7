import type { Composer } from "grammy";
import type { Services } from "../../services/services.ts";
import type { YiqiContext } from "../context.ts";
import { attendanceFeature } from "./attendance.ts";
import { campaignFeature } from "./campaign.ts";
import { eventsFeature } from "./events.ts";
import { fallbackFeature } from "./fallback.ts";
import { hoursFeature } from "./hours.ts";
import { importFeature } from "./import.ts";
import { membershipFeature } from "./membership.ts";
import { newEventFeature } from "./new-event/index.ts";
import { organisersFeature } from "./organisers.ts";
import { settingsFeature } from "./settings.ts";
import { setupFeature } from "./setup.ts";
import { summaryFeature } from "./summary.ts";

/** Every feature, in the order they see updates; the fallback is last. */
export function featureModules(_services: Services): Composer<YiqiContext>[] {
  return [
    membershipFeature(),
    setupFeature(),
    organisersFeature(),
    newEventFeature(),
    importFeature(),
    campaignFeature(),
    attendanceFeature(),
    hoursFeature(),
    settingsFeature(),
    summaryFeature(),
    eventsFeature(),
    fallbackFeature(),
  ];
}
