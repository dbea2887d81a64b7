import { describe, expect, it } from "vitest";
import { CallbackRoutes } from "../../src/bot/callbacks.ts";
import type { YiqiContext } from "../../src/bot/context.ts";
import { encodeCallback } from "../../src/views/callback-data.ts";

const tapWith = (data: string | undefined) =>
  ({ callbackQuery: data === undefined ? undefined : { data } }) as YiqiContext;

describe("button taps are routed by their action, in one table", () => {
  it("a tap goes to its handler and no further; what nobody registered passes on", async () => {
    const routes = new CallbackRoutes();
    const handled: string[] = [];
    routes.add({
      signUp: async (_ctx, payload) => {
        handled.push(`signUp ${payload.id}`);
      },
    });
    const run = routes.middleware();
    let passed = 0;
    const next = async () => {
      passed++;
    };
    await run(tapWith(encodeCallback("signUp", 7)), next);
    expect(handled).toEqual(["signUp 7"]);
    expect(passed).toBe(0);
    await run(tapWith(encodeCallback("cancel", 7)), next); // registered by nobody here
    await run(tapWith("not our data"), next);
    await run(tapWith(undefined), next); // a message, not a tap
    expect(passed).toBe(3);
    expect(handled).toEqual(["signUp 7"]);
  });

  it("two features registering the same button is refused when the bot is built", () => {
    const routes = new CallbackRoutes();
    routes.add({ signUp: async () => undefined });
    expect(() => routes.add({ signUp: async () => undefined })).toThrow(/two handlers.*signUp/);
  });
});
