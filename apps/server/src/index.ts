export { freePort, type LocalPostgres, startLocalPostgres } from "./cluster/localPostgres.ts";
export { defaultConfig, loadConfig, type ServerConfig } from "./config.ts";
export { type RunningServer, startServer } from "./server.ts";
export { MemoryStore } from "./store/memory.ts";
export { PostgresStore } from "./store/postgres.ts";
export { SqliteStore } from "./store/sqlite.ts";
export type { Store, WorkshopRecord } from "./store/types.ts";
export { DirectClient } from "./sync/direct.ts";
