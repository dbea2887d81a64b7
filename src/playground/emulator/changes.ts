export interface WaitOptions {
  /** How long to wait before failing; default 5000 ms. */
  timeoutMs?: number;
}

export interface WaitForAsyncOptions extends WaitOptions {
  /** How often to run the check again besides on every change of the fake (ms); default 25. */
  pollMs?: number;
}

export const DEFAULT_WAIT_MS = 5000;
export const DEFAULT_POLL_MS = 25;

/**
 * What a synchronous check may return: anything but a promise or another thenable. An async check returns a
 * promise, which is truthy, so a wait that took it would pass at once and check nothing; use `waitForAsync`.
 */
export type NotThenable<T> = T extends PromiseLike<unknown> ? never : T;

interface Waiter {
  attempt: () => void;
  fail: (error: Error) => void;
}

interface Settle<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  /** true once the wait has resolved, rejected or timed out */
  done: () => boolean;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

const isMiss = (value: unknown): value is undefined | null | false =>
  value === undefined || value === null || value === false;

/** Wakes waiters whenever the fake's state changes (a call recorded, updates queued or confirmed). */
export class Changes {
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  notify(): void {
    for (const waiter of [...this.waiters]) waiter.attempt();
  }

  /**
   * Resolves with the first value of `check` that is not undefined, null or false, re-checking on every change.
   * Rejects at once when `check` returns a promise (an async check): use `waitForAsync` for those.
   */
  waitFor<T>(
    check: () => NotThenable<T> | undefined | null | false,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    return this.wait<T>(timeoutMs, describe, undefined, (settle) => () => {
      let value: unknown;
      try {
        value = check();
      } catch (error) {
        settle.reject(error);
        return;
      }
      if (isThenable(value)) {
        // the stray promise's own outcome no longer matters; keep a rejection of it from going unhandled
        Promise.resolve(value).catch(() => {});
        settle.reject(
          new TypeError(
            "waitFor was given a check that returned a promise (an async function?): a promise is truthy, so " +
              "the wait would pass without checking anything. Use waitForAsync for checks that await.",
          ),
        );
        return;
      }
      if (!isMiss(value)) settle.resolve(value as T);
    });
  }

  /**
   * Resolves with the first value of the async `check` that is not undefined, null or false. The check runs now,
   * on every change of the fake and every `pollMs` (state elsewhere, such as a database, does not notify the
   * fake), one run at a time; a change during a run makes it run once more.
   */
  waitForAsync<T>(
    check: () => Promise<T | undefined | null | false>,
    timeoutMs: number,
    describe: () => string,
    pollMs: number = DEFAULT_POLL_MS,
  ): Promise<T> {
    return this.wait<T>(timeoutMs, describe, pollMs, (settle) => {
      let running = false;
      let again = false;
      const run = (): void => {
        running = true;
        again = false;
        Promise.resolve()
          .then(check)
          .then(
            (value) => {
              running = false;
              if (settle.done()) return;
              if (!isMiss(value)) settle.resolve(value as T);
              else if (again) run();
            },
            (error: unknown) => {
              running = false;
              settle.reject(error);
            },
          );
      };
      return () => {
        if (settle.done()) return;
        if (running) again = true;
        else run();
      };
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.fail(new Error("The fake Telegram server was closed while waiting"));
  }

  /** Runs the waiter's attempt now, on every change and every `pollMs` (if given) until it settles or times out. */
  private wait<T>(
    timeoutMs: number,
    describe: () => string,
    pollMs: number | undefined,
    makeAttempt: (settle: Settle<T>) => () => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) {
        reject(new Error("The fake Telegram server is closed"));
        return;
      }
      let done = false;
      let poll: ReturnType<typeof setInterval> | undefined;
      const stop = () => {
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
      };
      const settle: Settle<T> = {
        resolve: (value) => {
          if (done) return;
          stop();
          resolve(value);
        },
        reject: (error) => {
          if (done) return;
          stop();
          reject(error);
        },
        done: () => done,
      };
      const waiter: Waiter = { attempt: makeAttempt(settle), fail: settle.reject };
      const timer = setTimeout(
        () => waiter.fail(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`)),
        timeoutMs,
      );
      if (pollMs !== undefined) poll = setInterval(() => waiter.attempt(), pollMs);
      this.waiters.add(waiter);
      waiter.attempt();
    });
  }
}
