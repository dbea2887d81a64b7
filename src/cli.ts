import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCliConfig } from "./cli/config.ts";
import { importCommand, importUsage } from "./cli/import.ts";
import type { CliIo } from "./cli/io.ts";
import { migrateCommand } from "./cli/migrate.ts";
import { organisationsCommand, organisationsUsage } from "./cli/organisations.ts";
import { loadEnv } from "./config/load-env.ts";
import { Translator } from "./i18n/translator.ts";

const usage = [
  "Yiqi command line",
  `  ${importUsage}`,
  "      read a programme table (CSV/TSV in UTF-8 or GB18030, or .xlsx/.xls: the first sheet or --sheet NAME)",
  `  ${organisationsUsage}`,
  "      read an organisation directory (名称/name, 级别/level, 上级/parent) and build the hierarchy;",
  "      prints each organisation's join code and its https://t.me/<bot>?startgroup=<code> link",
  "  npm run cli -- migrate",
  "      apply the database migrations (DATABASE_URL)",
].join("\n");

/** Runs one command; returns the exit code (0 done, 1 bad input or failure). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(usage);
    return command === undefined ? 1 : 0;
  }
  const config = parseCliConfig(io.env);
  if (typeof config === "string") {
    io.err(`configuration: ${config}`);
    return 1;
  }
  switch (command) {
    case "import":
      return importCommand(rest, config, io, new Translator("en"));
    case "organisations":
      return organisationsCommand(rest, config, io, new Translator("en"));
    case "migrate":
      return migrateCommand(config, io);
    default:
      io.err(`unknown command "${command}"\n${usage}`);
      return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url);
}

if (isEntryPoint()) {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: loadEnv(),
    now: () => new Date(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`yiqi: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
