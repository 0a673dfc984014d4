import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS } from "@continuum/protocol";
import { parseCommandLine } from "./args.ts";
import type { SyncLimits } from "./sync/service.ts";

/** The sync limits (SyncLimits, with their meaning) are settings of their own by the same names. */
export interface ServerConfig extends SyncLimits {
  port: number;
  /** Every interface by default, so tablets on the venue's network can connect. */
  host: string;
  dataDir: string;
  /** Built web app to serve; skipped when the folder does not exist. */
  webDir: string;
  /**
   * "memory" keeps nothing on disk (tests, demos); "sqlite" is the embedded default; "postgres" keeps
   * everything in the PostgreSQL at `databaseUrl`, which several server nodes can share (docs/architecture.md).
   */
  storage: "sqlite" | "memory" | "postgres";
  /** PostgreSQL connection string for STORAGE=postgres, e.g. postgres://user:password@host:5432/continuum. */
  databaseUrl: string | undefined;
  tokenSecret: string | undefined;
  logLevel: string;
  maxMessageBytes: number;
  idleUnloadMs: number;
  compactEvery: number;
  /**
   * Proxies whose X-Forwarded-For is believed (comma separated addresses, ranges or proxy-addr's names such
   * as "loopback"); by default none, so a client cannot claim another address to escape the limits.
   */
  trustProxy: string;
  /** Workshops (created or imported) one address may make per window; more are answered 429. */
  createLimit: number;
  createWindowMs: number;
  /**
   * People one address may add to workshops from devices already in them (shared tablets, PEOPLE-4) per
   * window; more are answered 429. The facilitator's additions are not counted.
   */
  addPeopleLimit: number;
  addPeopleWindowMs: number;
  /** When set, importing an archive needs `Authorization: Bearer <IMPORT_KEY>`; by default anyone may. */
  importKey: string | undefined;
  /** The export pool (exports/pool.ts): threads, queued tasks, time per task, heap per thread. */
  exportThreads: number;
  exportQueue: number;
  exportTimeoutMs: number;
  exportHeapMb: number;
  /** Guessing protection for join codes and keys (see FailureLimiter). */
  rateLimit: { windowMs: number; free: number; hardLimit: number; maxDelayMs: number };
  /** Where logs go (standard output by default); tests capture them to check that no secret is written. */
  logStream?: NodeJS.WritableStream;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export const defaultConfig = (): ServerConfig => ({
  port: 8080,
  host: "0.0.0.0",
  dataDir: path.resolve("data"),
  webDir: path.resolve(here, "../../web/dist"),
  storage: "sqlite",
  databaseUrl: undefined,
  tokenSecret: undefined,
  logLevel: "info",
  maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
  maxBufferedBytes: DEFAULT_LIMITS.maxBufferedBytes,
  idleUnloadMs: DEFAULT_LIMITS.idleUnloadMs,
  compactEvery: DEFAULT_LIMITS.compactEvery,
  maxAwarenessStateBytes: DEFAULT_LIMITS.maxAwarenessStateBytes,
  maxDocumentBytes: DEFAULT_LIMITS.maxDocumentBytes,
  writeBurstBytes: DEFAULT_LIMITS.writeBurstBytes,
  writeBytesPerSecond: DEFAULT_LIMITS.writeBytesPerSecond,
  messageBurst: DEFAULT_LIMITS.messageBurst,
  messagesPerSecond: DEFAULT_LIMITS.messagesPerSecond,
  maxPresenceEntries: DEFAULT_LIMITS.maxPresenceEntries,
  presenceBurst: DEFAULT_LIMITS.presenceBurst,
  presencePerSecond: DEFAULT_LIMITS.presencePerSecond,
  pingIntervalMs: 30_000,
  rateLimit: { windowMs: 10 * 60_000, free: 5, hardLimit: 30, maxDelayMs: 4000 },
  trustProxy: "",
  createLimit: 30,
  createWindowMs: 10 * 60_000,
  addPeopleLimit: 60,
  addPeopleWindowMs: 10 * 60_000,
  importKey: undefined,
  exportThreads: 1,
  exportQueue: 8,
  exportTimeoutMs: 120_000,
  exportHeapMb: 1024,
});

/** Each setting, its environment variable and its flag. */
const SETTINGS: { key: keyof ServerConfig; env: string; flag: string; kind: "int" | "string" }[] = [
  { key: "port", env: "PORT", flag: "--port", kind: "int" },
  { key: "host", env: "HOST", flag: "--host", kind: "string" },
  { key: "dataDir", env: "DATA_DIR", flag: "--data-dir", kind: "string" },
  { key: "webDir", env: "WEB_DIR", flag: "--web-dir", kind: "string" },
  { key: "storage", env: "STORAGE", flag: "--storage", kind: "string" },
  { key: "databaseUrl", env: "DATABASE_URL", flag: "--database-url", kind: "string" },
  { key: "tokenSecret", env: "TOKEN_SECRET", flag: "--token-secret", kind: "string" },
  { key: "logLevel", env: "LOG_LEVEL", flag: "--log-level", kind: "string" },
  { key: "maxMessageBytes", env: "MAX_MESSAGE_BYTES", flag: "--max-message-bytes", kind: "int" },
  { key: "maxBufferedBytes", env: "MAX_BUFFERED_BYTES", flag: "--max-buffered-bytes", kind: "int" },
  { key: "idleUnloadMs", env: "IDLE_UNLOAD_MS", flag: "--idle-unload-ms", kind: "int" },
  { key: "compactEvery", env: "COMPACT_EVERY", flag: "--compact-every", kind: "int" },
  { key: "trustProxy", env: "TRUST_PROXY", flag: "--trust-proxy", kind: "string" },
  { key: "createLimit", env: "CREATE_LIMIT", flag: "--create-limit", kind: "int" },
  { key: "addPeopleLimit", env: "ADD_PEOPLE_LIMIT", flag: "--add-people-limit", kind: "int" },
  { key: "importKey", env: "IMPORT_KEY", flag: "--import-key", kind: "string" },
  { key: "exportThreads", env: "EXPORT_THREADS", flag: "--export-threads", kind: "int" },
  { key: "exportQueue", env: "EXPORT_QUEUE", flag: "--export-queue", kind: "int" },
  { key: "exportTimeoutMs", env: "EXPORT_TIMEOUT_MS", flag: "--export-timeout-ms", kind: "int" },
  { key: "exportHeapMb", env: "EXPORT_HEAP_MB", flag: "--export-heap-mb", kind: "int" },
  { key: "maxDocumentBytes", env: "MAX_DOCUMENT_BYTES", flag: "--max-document-bytes", kind: "int" },
  { key: "writeBurstBytes", env: "WRITE_BURST_BYTES", flag: "--write-burst-bytes", kind: "int" },
  {
    key: "writeBytesPerSecond",
    env: "WRITE_BYTES_PER_SECOND",
    flag: "--write-bytes-per-second",
    kind: "int",
  },
  { key: "messageBurst", env: "MESSAGE_BURST", flag: "--message-burst", kind: "int" },
  { key: "messagesPerSecond", env: "MESSAGES_PER_SECOND", flag: "--messages-per-second", kind: "int" },
  {
    key: "maxAwarenessStateBytes",
    env: "MAX_PRESENCE_STATE_BYTES",
    flag: "--max-presence-state-bytes",
    kind: "int",
  },
  { key: "maxPresenceEntries", env: "MAX_PRESENCE_ENTRIES", flag: "--max-presence-entries", kind: "int" },
  { key: "presenceBurst", env: "PRESENCE_BURST", flag: "--presence-burst", kind: "int" },
  { key: "presencePerSecond", env: "PRESENCE_PER_SECOND", flag: "--presence-per-second", kind: "int" },
];

export const CONFIG_HELP = SETTINGS.map((s) => `  ${s.flag.padEnd(22)} ${s.env}`).join("\n");

/** Flags win over environment variables, which win over defaults. Throws with a readable message. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const config = defaultConfig();
  const { values } = parseCommandLine(
    argv,
    SETTINGS.map((s) => s.flag.slice(2)),
    { help: `Options:\n${CONFIG_HELP}` },
  );
  const flags = new Map([...values].map(([name, value]) => [`--${name}`, String(value)]));
  const target = config as unknown as Record<string, unknown>;
  for (const s of SETTINGS) {
    const raw = flags.get(s.flag) ?? env[s.env];
    if (raw === undefined || raw === "") continue;
    if (s.kind === "int") {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0)
        throw new Error(`${s.env} / ${s.flag} must be a whole number, got "${raw}"`);
      target[s.key] = n;
    } else {
      target[s.key] = raw;
    }
  }
  if (config.storage !== "sqlite" && config.storage !== "memory" && config.storage !== "postgres") {
    throw new Error(`STORAGE must be "sqlite", "memory" or "postgres", got "${config.storage}"`);
  }
  if (config.storage === "postgres" && !config.databaseUrl) {
    throw new Error(
      "STORAGE=postgres needs DATABASE_URL / --database-url, e.g. postgres://user:password@host:5432/continuum",
    );
  }
  if (config.port > 65535) throw new Error(`PORT must be at most 65535, got ${config.port}`);
  // `pnpm start` runs the server inside apps/server; relative paths, and the default ./data, are meant
  // from the folder the person ran the command in, which pnpm passes on as INIT_CWD.
  const base = env.INIT_CWD || process.cwd();
  const dataDirGiven = flags.get("--data-dir") ?? env.DATA_DIR;
  config.dataDir = path.resolve(base, dataDirGiven || "data");
  config.webDir = path.resolve(base, config.webDir);
  return config;
}
