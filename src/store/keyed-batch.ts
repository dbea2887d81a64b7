import { type Outcome, type Pending, runBatch } from "./tick-batch.ts";

/**
 * Batches like store/tick-batch.ts (the calls of one moment run as one batch, each gets its own outcome, a
 * batch that throws fails all of its calls), except that a batch does not wait for the one before it unless
 * they share a key. Each call has a key (for sign-ups: the event). A call whose key a running batch holds waits
 * for that batch to end, and so does every later call with that key; the other calls go into the next batch,
 * which starts at once if fewer than `maxInFlight` batches are running.
 *
 * So the calls on one key still run in the order they came, batch after batch, each batch started only after
 * the one before it on that key has ended (on PostgreSQL: committed or failed, its locks released): a later
 * tap on an event can never take the event's lock before an earlier one. Batches that run at the same time
 * hold disjoint keys, so within one process they never wait for each other's key locks; other processes'
 * batches are another matter, which is why a batch still takes its keys' locks in key order.
 */
export class KeyedBatch<I, K, O> {
  private pending: Pending<I, O>[] = [];
  /** the keys that running batches hold */
  private readonly busy = new Set<K>();
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly keyOf: (input: I) => K,
    private readonly run: (inputs: I[]) => Promise<Outcome<O>[]>,
    private readonly limits: { maxInFlight: number; maxBatch: number },
  ) {}

  add(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Starts batches at the event loop's next check phase (the calls of this moment gathered). */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    while (this.running < this.limits.maxInFlight && this.pending.length > 0) {
      const batch: Pending<I, O>[] = [];
      const keys = new Set<K>();
      const left: Pending<I, O>[] = [];
      // a call left for later leaves every later call with its key too (order per key): `busy` does not change
      // in this loop, and once the batch is full it stays full
      for (const item of this.pending) {
        const key = this.keyOf(item.input);
        if (batch.length < this.limits.maxBatch && !this.busy.has(key)) {
          batch.push(item);
          keys.add(key);
        } else left.push(item);
      }
      if (batch.length === 0) return; // every call waits for a running batch: its end starts the next
      this.pending = left;
      for (const key of keys) this.busy.add(key);
      this.running++;
      void this.runBatch(batch).finally(() => {
        this.running--;
        for (const key of keys) this.busy.delete(key);
        if (this.pending.length > 0) this.schedule();
      });
    }
  }

  private runBatch(batch: Pending<I, O>[]): Promise<void> {
    return runBatch(batch, this.run);
  }
}
