/**
 * One instance's part in a cluster: whether it is the sending leader (leader.ts) and the change bus to the
 * others (bus.ts). SQLite is single-instance: there the one instance always leads and there is no bus.
 */

import type { Logger } from "../log.ts";
import type { Database } from "../store/database.ts";
import { Prisma } from "../store/sql.ts";
import { type BusMessage, ChangeBus } from "./bus.ts";
import { AdvisoryLockLeader } from "./leader.ts";

export type { BusMessage } from "./bus.ts";

export interface ClusterOptions {
  databaseUrl: string;
  database: Database;
  instanceId: string;
  logger: Logger;
  onElected: () => Promise<void>;
  onDeposed: () => Promise<void>;
  onMessage: (message: BusMessage) => void;
  /** the bus (re)connected: drop what is cached */
  onBusConnected: () => void;
  retryMs?: number;
}

export interface Cluster {
  readonly isLeader: boolean;
  start(): Promise<void>;
  /** stops sending if leading and hands the lock on; stops listening */
  stop(): Promise<void>;
  /** tells the other instances (nothing to tell on a single instance) */
  publish(message: BusMessage): void;
}

export function createCluster(options: ClusterOptions): Cluster {
  if (options.database.kind === "sqlite") return solo(options);
  const logger = options.logger.child({ part: "cluster" });
  const leader = new AdvisoryLockLeader({
    url: options.databaseUrl,
    logger,
    onElected: options.onElected,
    onDeposed: options.onDeposed,
    ...(options.retryMs ? { retryMs: options.retryMs } : {}),
  });
  const db = options.database.prisma;
  const bus = new ChangeBus({
    url: options.databaseUrl,
    instanceId: options.instanceId,
    logger,
    onMessage: options.onMessage,
    onConnected: options.onBusConnected,
    notify: async (channel, payload) => {
      await db.$executeRaw(Prisma.sql`SELECT pg_notify(${channel}, ${payload})`);
    },
  });
  return {
    get isLeader() {
      return leader.isLeader;
    },
    async start() {
      await bus.start();
      await leader.start();
    },
    async stop() {
      await leader.stop();
      await bus.stop();
    },
    publish: (message) => bus.publish(message),
  };
}

function solo(options: ClusterOptions): Cluster {
  let leading = false;
  return {
    get isLeader() {
      return leading;
    },
    async start() {
      leading = true;
      await options.onElected();
    },
    async stop() {
      if (!leading) return;
      leading = false;
      await options.onDeposed();
    },
    publish: () => {},
  };
}
