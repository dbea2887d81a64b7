export interface WaitOptions {
  /** How long to wait before failing; default 5000 ms. */
  timeoutMs?: number;
}

export const DEFAULT_WAIT_MS = 5000;

interface Waiter {
  attempt: () => void;
  fail: (error: Error) => void;
}

/** Wakes waiters whenever the fake's state changes (a call recorded, updates queued or confirmed). */
export class Changes {
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  notify(): void {
    for (const waiter of [...this.waiters]) waiter.attempt();
  }

  /** Resolves with the first value of `check` that is not undefined, null or false, re-checking on every change. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) {
        reject(new Error("The fake Telegram server is closed"));
        return;
      }
      const stop = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        attempt: () => {
          try {
            const value = check();
            if (value === undefined || value === null || value === false) return;
            stop();
            resolve(value);
          } catch (error) {
            stop();
            reject(error);
          }
        },
        fail: (error) => {
          stop();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.fail(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`)),
        timeoutMs,
      );
      this.waiters.add(waiter);
      waiter.attempt();
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.fail(new Error("The fake Telegram server was closed while waiting"));
  }
}
