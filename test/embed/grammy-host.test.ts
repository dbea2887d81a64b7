import { describe, it } from "vitest";
import { createGrammyHost } from "../../examples/grammy-bot.ts";
import { databaseKinds } from "../support/databases.ts";
import { eventDay, hostKeepsItsOwn, startHost } from "./support.ts";

describe.each(databaseKinds)("Yiqi inside a grammY bot (examples/grammy-bot.ts) on %s", (kind) => {
  it("the host's /ping, its own answers and its command menu keep working beside Yiqi's", async () => {
    const running = await startHost(createGrammyHost, kind);
    try {
      await hostKeepsItsOwn(running);
    } finally {
      await running.stop();
    }
  });

  it("setup, an event, a sign-up, a cancellation with a promotion notice and a reminder from Yiqi's sender", async () => {
    const running = await startHost(createGrammyHost, kind);
    try {
      await eventDay(running);
    } finally {
      await running.stop();
    }
  });
});
