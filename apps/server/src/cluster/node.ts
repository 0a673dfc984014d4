/** How a server process opens its store and token secret, whichever storage it was given. */
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { loadTokenSecret } from "../auth/tokens.ts";
import type { ServerConfig } from "../config.ts";
import { MemoryStore } from "../store/memory.ts";
import type { PostgresStore } from "../store/postgres.ts";
import { SqliteStore } from "../store/sqlite.ts";
import type { Store } from "../store/types.ts";
import type { Cluster } from "./cluster.ts";

// The PostgreSQL store and the cluster (and with them the `pg` client, which loads Node's TLS) are imported
// only when STORAGE=postgres: a server on its embedded SQLite never needs them, and each module loaded is
// resident memory for the life of the process. The production build keeps them in chunks of their own.

/** The configured store, ready for use (PostgreSQL's schema exists once this resolves). */
export async function openStore(config: ServerConfig): Promise<Store> {
  if (config.storage === "memory") return new MemoryStore();
  if (config.storage === "postgres") {
    const { PostgresStore } = await import("../store/postgres.ts");
    const store = new PostgresStore(config.databaseUrl ?? "");
    try {
      await store.whenReady();
    } catch (err) {
      await store.close().catch(() => {});
      throw new Error(`Could not use the PostgreSQL database at DATABASE_URL: ${(err as Error).message}`);
    }
    return store;
  }
  return new SqliteStore(config.dataDir);
}

/**
 * TOKEN_SECRET when given; else, on PostgreSQL, one secret kept in the database so that every node accepts
 * every other node's tokens; on SQLite a file in the data directory; in memory a new one per start.
 */
export async function tokenSecretFor(config: ServerConfig, store: Store): Promise<Buffer> {
  if (config.tokenSecret) return Buffer.from(config.tokenSecret, "utf8");
  if (config.storage === "postgres") return (store as PostgresStore).sharedSecret("token-secret");
  if (config.storage === "memory") return randomBytes(32);
  return loadTokenSecret(config.dataDir, undefined);
}

/** On PostgreSQL the node joins the cluster (announcements, shared counts, the nodes table); else null. */
export async function clusterFor(config: ServerConfig, store: Store, log: Logger): Promise<Cluster | null> {
  if (config.storage !== "postgres") return null;
  const { Cluster } = await import("./cluster.ts");
  return new Cluster(store as PostgresStore, log);
}
