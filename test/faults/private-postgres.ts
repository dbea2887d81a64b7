/**
 * A PostgreSQL cluster of the test's own (initdb into a temp dir, its own port), so a test can stop and start
 * the database under a running bot without touching the shared server. Needs the PostgreSQL binaries and, run as
 * root, the `postgres` system user (the server refuses to run as root); `privatePostgresAvailable` says whether.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

function which(binary: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

function postgresUid(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

const asRoot = userInfo().uid === 0;
const owner = asRoot ? postgresUid() : null;

export const privatePostgresAvailable =
  which("initdb") !== null && which("pg_ctl") !== null && (!asRoot || (owner !== null && which("runuser") !== null));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  url: string;
  /** stops the server at once (`immediate`: like pulling the plug), waiting until it is down */
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  const port = await freePort();
  const run = (args: string[]) =>
    execFileSync(asRoot ? "runuser" : (args[0] ?? ""), asRoot ? ["-u", "postgres", "--", ...args] : args.slice(1), {
      stdio: "ignore",
      cwd: dir,
    });
  run(["initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run(["pg_ctl", "-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  const stop = () => run(["pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy() {
      try {
        if (existsSync(join(data, "postmaster.pid"))) stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
