import type { Composer } from "grammy";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { attendanceFeature } from "./attendance.ts";
import { campaignFeature } from "./campaign.ts";
import { checkInFeature } from "./check-in.ts";
import { directoryFeature } from "./directory.ts";
import { eventsFeature } from "./events.ts";
import { fallbackFeature } from "./fallback.ts";
import { groupLinkFeature } from "./group-link.ts";
import { guestsFeature } from "./guests.ts";
import { hoursFeature } from "./hours.ts";
import { importFeature } from "./import.ts";
import { membershipFeature } from "./membership.ts";
import { mySettingsFeature } from "./my-settings.ts";
import { newEventFeature } from "./new-event/index.ts";
import { offersFeature } from "./offers.ts";
import { organisationsFeature } from "./organisations.ts";
import { organisersFeature } from "./organisers.ts";
import { parentRequestsFeature } from "./parent-requests.ts";
import { privacyFeature } from "./privacy.ts";
import { questionsFeature } from "./questions.ts";
import { seriesFeature } from "./series.ts";
import { settingsFeature } from "./settings.ts";
import { setupFeature } from "./setup.ts";
import { summaryFeature } from "./summary.ts";

/**
 * Every feature, in the order they see updates; the fallback is last. Embedded
 * in a host's bot there is no fallback: what no feature took is the host's.
 */
export function featureModules(mode: { embedded: boolean }, callbacks: CallbackRoutes): Composer<YiqiContext>[] {
  const features = [
    membershipFeature(),
    setupFeature(),
    groupLinkFeature(callbacks),
    parentRequestsFeature(callbacks),
    privacyFeature(callbacks),
    organisersFeature(),
    newEventFeature(callbacks),
    questionsFeature(callbacks),
    offersFeature(callbacks),
    directoryFeature(callbacks),
    organisationsFeature(callbacks),
    importFeature(callbacks),
    campaignFeature(callbacks),
    attendanceFeature(callbacks),
    checkInFeature(callbacks),
    hoursFeature(),
    mySettingsFeature(callbacks),
    settingsFeature(callbacks),
    summaryFeature(),
    guestsFeature(callbacks),
    seriesFeature(callbacks),
    eventsFeature(callbacks),
  ];
  return mode.embedded ? features : [...features, fallbackFeature()];
}
