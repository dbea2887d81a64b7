/**
 * Real Yiqi processes (`src/main.ts`, as `npm start` runs it) in webhook mode, for tests and the webhook
 * benchmark: each listens on a port of its own; the fake Bot API server stands in for Telegram and for the load
 * balancer in front of them (`spreadWebhook`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { scan, watchToken } from "../support/log-capture.ts";

/** Where the instances find the Bot API: the fake server, or the benchmarks' lean stand-in. */
export interface BotApi {
  token: string;
  apiRoot: string;
}

export const WEBHOOK_SECRET = "cluster-test_secret-0123456789";
const ROOT = join(import.meta.dirname, "..", "..");

export interface Instance {
  name: string;
  process: ChildProcess;
  /** the port it listens on (known once ready) */
  port: number;
  url: string;
  /** the JSON log lines it printed so far */
  logs: Record<string, unknown>[];
  /** how long it took to be ready, ms */
  readyMs: number;
  /** whether it logged that it became the sending leader (and not that it stopped being one) */
  leading(): boolean;
  exited: Promise<number | null>;
}

export interface InstanceOptions {
  fake: BotApi;
  /** DATABASE_URL (left out for a process that is not Yiqi, e.g. the benchmarks' bare grammY bot) */
  databaseUrl?: string;
  name: string;
  env?: Record<string, string>;
  /** `webhook` (default: WEBHOOK_URL, WEBHOOK_SECRET, PORT=0) or `polling` (no HTTP server unless env sets PORT) */
  mode?: "webhook" | "polling";
  /** what follows `node`; default `--import tsx src/main.ts` */
  command?: string[];
  /** the program run with `command`; default this Node.js (`process.execPath`) */
  executable?: string;
  /** ready once this holds (checked every 5 ms) rather than once it logs "Yiqi is ready" */
  readyWhen?: () => boolean;
}

/**
 * The one way tests and benchmarks start a bot process: resolves once it is ready — it logged "Yiqi is ready"
 * (with its port), or `readyWhen` holds — and rejects with its output if it exits before.
 */
export function startInstance(options: InstanceOptions): Promise<Instance> {
  const started = performance.now();
  const webhook =
    (options.mode ?? "webhook") === "webhook"
      ? {
          BOT_MODE: "webhook",
          // what a load balancer's address would be: every instance sets the same webhook
          WEBHOOK_URL: "https://yiqi.example.org/tg",
          WEBHOOK_SECRET,
          PORT: "0",
          HOST: "127.0.0.1",
        }
      : { BOT_MODE: "polling" };
  // every line the process writes is searched for its token, like the in-process apps' (test/support/log-capture.ts)
  watchToken(options.fake.token);
  const child = spawn(options.executable ?? process.execPath, options.command ?? ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      BOT_TOKEN: options.fake.token,
      TELEGRAM_API_ROOT: options.fake.apiRoot,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...webhook,
      INSTANCE_ID: options.name,
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const instance: Instance = {
    name: options.name,
    process: child,
    port: 0,
    url: "",
    logs,
    readyMs: 0,
    leading() {
      const lines = logs.filter(
        (l) => l["msg"] === "sending from this instance" || /no longer the sending/.test(String(l["msg"])),
      );
      return lines.at(-1)?.["msg"] === "sending from this instance";
    },
    exited,
  };
  return new Promise((resolve, reject) => {
    const ready = () => {
      instance.readyMs = performance.now() - started;
      resolve(instance);
    };
    let buffered = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
      output = (output + chunk).slice(-4000);
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      scan(`instance ${options.name}`, lines);
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry["msg"] === "Yiqi is ready") {
            instance.port = Number(entry["port"]);
            instance.url = `http://127.0.0.1:${instance.port}/tg`;
            if (!options.readyWhen) ready();
          }
        } catch {
          // not a log line
        }
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
      scan(`instance ${options.name} stderr`, [chunk]);
      output = (output + chunk).slice(-4000);
    });
    const readyWhen = options.readyWhen;
    if (readyWhen) {
      const poll = setInterval(() => {
        if (!readyWhen()) return;
        clearInterval(poll);
        ready();
      }, 5);
      void exited.then(() => clearInterval(poll));
    }
    void exited.then((code) => reject(new Error(`${options.name} exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Starts `count` instances at once on one database and spreads the webhook over them, round-robin. */
export async function startInstances(
  fake: BotApi & { spreadWebhook(urls: string[]): void },
  databaseUrl: string,
  count: number,
  env: Record<string, string> = {},
): Promise<Instance[]> {
  const instances = await Promise.all(
    Array.from({ length: count }, (_, i) => startInstance({ fake, databaseUrl, name: `i${i}`, env })),
  );
  fake.spreadWebhook(instances.map((i) => i.url));
  return instances;
}

/** SIGTERM and wait (SIGKILL after 8 s). */
export async function stopInstance(instance: Instance): Promise<void> {
  if (instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  instance.process.kill("SIGTERM");
  const timer = setTimeout(() => instance.process.kill("SIGKILL"), 8000);
  await instance.exited;
  clearTimeout(timer);
}

/** kill -9 and wait until it is gone. */
export async function killInstance(instance: Instance): Promise<void> {
  instance.process.kill("SIGKILL");
  await instance.exited;
}
