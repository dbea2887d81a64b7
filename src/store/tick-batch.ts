/** One item's result in a batch: its value, or the error that failed it alone. */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** At most this many calls go into one batch (the rest into the next): a batch holds its locks until it ends. */
const MAX_BATCH = 200;

/**
 * Collects the calls made in one moment (before the event loop's next check phase) and runs them as one batch:
 * the taps of one getUpdates answer are handled concurrently and reach the tap path together, so they can
 * share one transaction and one commit (one round trip on PostgreSQL). `run` answers an outcome per input, in
 * order; if it throws, every call of the batch fails with that error (nothing of it was stored). Batches run
 * one after the other.
 */
export class TickBatch<I, O> {
  private readonly pending: Pending<I, O>[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly run: (inputs: I[]) => Promise<Outcome<O>[]>) {}

  add(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length === 1 && !this.running) setImmediate(() => this.next());
    });
  }

  private next(): void {
    const batch = this.pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.running = this.runBatch(batch).finally(() => {
      this.running = null;
      // what came in meanwhile is the next batch
      if (this.pending.length > 0) setImmediate(() => this.next());
    });
  }

  private runBatch(batch: Pending<I, O>[]): Promise<void> {
    return runBatch(batch, this.run);
  }
}

/** One waiting call of a batch. */
export type Pending<I, O> = { input: I; resolve: (value: O) => void; reject: (error: unknown) => void };

/**
 * Runs one batch and settles each of its calls with its own outcome; if `run` throws, every call fails with
 * that error (nothing of the batch was stored). Shared by TickBatch and store/keyed-batch.ts.
 */
export async function runBatch<I, O>(batch: Pending<I, O>[], run: (inputs: I[]) => Promise<Outcome<O>[]>) {
  let outcomes: Outcome<O>[];
  try {
    outcomes = await run(batch.map((item) => item.input));
  } catch (error) {
    for (const item of batch) item.reject(error);
    return;
  }
  for (const [i, item] of batch.entries()) {
    const outcome = outcomes[i];
    if (outcome?.ok) item.resolve(outcome.value);
    else item.reject(outcome ? outcome.error : new Error("a batch answered fewer outcomes than it was given"));
  }
}
