import { Composer, type Context } from "grammy";
import { describe, expect, it } from "vitest";
import { chain } from "../../src/bot/chain.ts";

const ctx = {} as Context;

describe("middleware in one chain (bot/chain.ts)", () => {
  it("runs in order, each level only when the one before calls next, and ends in the outer next", async () => {
    const seen: string[] = [];
    const inner = new Composer<Context>();
    inner.use(async (_ctx, next) => {
      seen.push("composer");
      await next();
      seen.push("composer after");
    });
    const run = chain<Context>(
      async (_ctx, next) => {
        seen.push("first");
        await next();
        seen.push("first after");
      },
      inner,
      (_ctx, next) => {
        seen.push("last");
        return next();
      },
    );
    await run(ctx, async () => {
      seen.push("outer next");
    });
    expect(seen).toEqual(["first", "composer", "last", "outer next", "composer after", "first after"]);
  });

  it("a level that does not call next stops the chain there", async () => {
    const seen: string[] = [];
    const run = chain<Context>(
      () => {
        seen.push("handler");
      },
      () => {
        seen.push("never");
      },
    );
    await run(ctx, async () => {
      seen.push("outer next");
    });
    expect(seen).toEqual(["handler"]);
  });

  it("calling next twice is an error, as in grammY", async () => {
    const run = chain<Context>(
      async (_ctx, next) => {
        await next();
        await next();
      },
      () => undefined,
    );
    await expect(run(ctx, async () => undefined)).rejects.toThrow("`next` already called before!");
  });

  it("an error thrown deeper reaches the caller", async () => {
    const run = chain<Context>(
      (_ctx, next) => next(),
      () => {
        throw new Error("boom");
      },
    );
    await expect(run(ctx, async () => undefined)).rejects.toThrow("boom");
  });
});
