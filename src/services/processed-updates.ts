import type { Db } from "../store/database.ts";

/** Update ids already handled, so an update Telegram delivers again (after a crash) is not handled twice. */
export class ProcessedUpdates {
  constructor(private readonly db: Db) {}

  /** Records the update; false when it was recorded before (by this or another instance). */
  async firstTime(updateId: number, now: Date): Promise<boolean> {
    const inserted = await this.db.$executeRaw`
      INSERT INTO "ProcessedUpdate" ("updateId", "processedAt") VALUES (${BigInt(updateId)}, ${now})
      ON CONFLICT ("updateId") DO NOTHING`;
    return inserted > 0;
  }
}
