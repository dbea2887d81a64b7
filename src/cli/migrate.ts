import { migrate } from "../store/migrator.ts";
import type { CliConfig } from "./config.ts";
import type { CliIo } from "./io.ts";

/** `migrate`: brings the database up to date and says what it applied. */
export async function migrateCommand(config: CliConfig, io: CliIo): Promise<number> {
  try {
    const result = await migrate(config.databaseUrl);
    for (const name of result.applied) io.out(`applied ${name}`);
    io.out(
      result.applied.length === 0
        ? `database is up to date (${result.alreadyApplied} migrations applied before)`
        : `${result.applied.length} migration(s) applied`,
    );
    return 0;
  } catch (error) {
    io.err(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
