import { describe, it } from "vitest";
import { createTelegrafHost } from "../../examples/telegraf-bot.ts";
import { databaseKinds } from "../support/databases.ts";
import { eventDay, hostKeepsItsOwn, startHost } from "./support.ts";

describe.each(databaseKinds)("Yiqi inside a Telegraf 4 bot (examples/telegraf-bot.ts) on %s", (kind) => {
  it("the host's /ping, its own answers and its command menu keep working beside Yiqi's", async () => {
    const running = await startHost(createTelegrafHost, kind);
    try {
      await hostKeepsItsOwn(running);
    } finally {
      await running.stop();
    }
  });

  it("setup, an event, a sign-up, a cancellation with a promotion notice and a reminder from Yiqi's sender", async () => {
    const running = await startHost(createTelegrafHost, kind);
    try {
      await eventDay(running);
    } finally {
      await running.stop();
    }
  });
});
