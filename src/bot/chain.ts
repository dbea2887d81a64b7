import type { Context, Middleware, MiddlewareFn, NextFunction } from "grammy";

/**
 * Middleware run one after the other, each reached only when the one before calls `next` — what
 * `composer.use(a); composer.use(b); …` means, without its cost. grammY nests each `use` around the ones before
 * it, so an update enters one async frame per `use` before the first middleware even runs: a tap paid for some
 * thirty of them (about 17 KB of garbage per tap, a fifth of all the bot allocated; issue 12). Here a level is
 * entered only when the update gets there, and a tap that its button's handler answers stops after two.
 */
export function chain<C extends Context>(...middleware: Middleware<C>[]): MiddlewareFn<C> {
  const run = async (ctx: C, index: number, done: NextFunction): Promise<void> => {
    const current = middleware[index];
    if (current === undefined) return done();
    const fn = typeof current === "function" ? current : current.middleware();
    let called = false;
    await fn(ctx, () => {
      if (called) throw new Error("`next` already called before!");
      called = true;
      return run(ctx, index + 1, done);
    });
  };
  return (ctx, next) => run(ctx, 0, next);
}
