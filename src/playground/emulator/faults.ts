import type { ApiError } from "./api-error.ts";

/** What an injected fault does to one call. */
type Fault =
  | { kind: "error"; error: ApiError }
  /** Destroys the socket; with `processed`, only after the call took effect (the answer is lost). */
  | { kind: "disconnect"; processed: boolean }
  /** Answers normally, but only after `ms` (a slow Telegram: the bot waits inside its handler). */
  | { kind: "delay"; ms: number };

/** Faults queued per method, consumed one per call. */
export class Faults {
  private readonly queued = new Map<string, Fault[]>();

  add(method: string, fault: Fault, times: number): void {
    const key = method.toLowerCase();
    const list = this.queued.get(key) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.queued.set(key, list);
  }

  take(method: string): Fault | undefined {
    return this.queued.get(method.toLowerCase())?.shift();
  }
}
