import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { WorkshopId } from "@continuum/protocol";
import Database from "better-sqlite3";
import {
  type ShareBackRecord,
  type ShareBackRow,
  type Store,
  type StoredShareBack,
  shareBackFromRow,
  storedShareBackFromRow,
  type WorkshopPatch,
  type WorkshopRecord,
  type WorkshopRow,
  workshopFromRow,
  workshopPatchSql,
} from "./types.ts";

const require = createRequire(import.meta.url);

/**
 * A worker with its own connection to the database file that folds the WAL into it now and then (PASSIVE:
 * it never blocks the writer). CommonJS source evaluated in the worker, so it needs no build step.
 *
 * Under writes that never pause (many busy rooms at once) the WAL is never started again from its beginning:
 * SQLite does that in the next commit only when it begins with nothing left to copy and no reader on the WAL,
 * and with commits every millisecond or so that moment does not come, though each PASSIVE checkpoint catches
 * up. The WAL then grows for as long as the load lasts (68 MB in 10 s at 100 rooms of 20 in the bench). So
 * once it is past its limit (64 MB), a RESTART checkpoint follows the PASSIVE one. It copies only what came
 * since, but it syncs the database file while the writer waits: commits measured 10-30 ms at worst around
 * one, so at a steady 4 MB a second that is one such wait every quarter of a minute, against a disk that would
 * otherwise fill. The next commit starts the WAL again, and its file is cut back to the limit
 * (journal_size_limit, on the writer's connection). Ordinary workshops pause often enough never to need it.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const walSize = () => { try { return statSync(workerData.file + "-wal").size; } catch { return 0; } };
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    if (walSize() <= workerData.walLimitBytes) return;
    const [r] = db.pragma("wal_checkpoint(RESTART)");
    if (r && r.busy === 0) parentPort.postMessage("restarted");
  } catch {}
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

function startCheckpointer(file: string, everyMs: number, walLimitBytes: number): Worker {
  const worker = new Worker(CHECKPOINTER_SOURCE, {
    eval: true,
    workerData: { module: require.resolve("better-sqlite3"), file, everyMs, walLimitBytes },
  });
  // It must never keep the process alive or take it down: the main connection can always checkpoint.
  worker.unref();
  worker.on("error", () => {});
  return worker;
}

function stopCheckpointer(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage("stop");
  });
}

/**
 * The embedded default: one SQLite file in the data directory, in WAL mode so that appends are cheap and
 * readers never block the writer. `synchronous = NORMAL` survives a killed process (the WAL is in the OS page
 * cache); only a power cut can lose the last transactions, which the clients still hold and resend on resync.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmt;

  /**
   * Started with the first document write, not with the store: a worker thread is a V8 isolate of its own,
   * about 12 MB resident, which a server nobody has written to yet does not need.
   */
  private checkpointer: Worker | null = null;
  private readonly checkpointEveryMs: number;
  private readonly walLimitBytes: number;
  /** How many times the checkpointer had to start the WAL again under load (for tests and the curious). */
  walRestarts = 0;

  constructor(dataDir: string, options: { checkpointEveryMs?: number; walLimitBytes?: number } = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, "continuum.sqlite"));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    // Checkpoints copy the WAL into the database file and fsync it: a stall of milliseconds. SQLite runs them
    // inside whichever commit crosses 1,000 pages, which here is the event loop that forwards updates, so
    // every few thousand updates one participant's move would wait. A worker thread checkpoints instead.
    this.db.pragma("wal_autocheckpoint = 0");
    this.checkpointEveryMs = options.checkpointEveryMs ?? 5000;
    this.walLimitBytes = options.walLimitBytes ?? 64 * 1024 * 1024;
    this.db.pragma(`journal_size_limit = ${Math.floor(this.walLimitBytes)}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates (doc, seq);
      CREATE TABLE IF NOT EXISTS workshops (
        id TEXT PRIMARY KEY,
        join_code TEXT NOT NULL,
        facilitator_key_hash TEXT NOT NULL,
        observer_key_hash TEXT NOT NULL,
        token_version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        closed_at INTEGER
      );
      CREATE UNIQUE INDEX IF NOT EXISTS workshops_open_code ON workshops (join_code) WHERE closed_at IS NULL;
      CREATE TABLE IF NOT EXISTS share_backs (
        slug_hash TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        withdrawn_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS share_backs_workshop ON share_backs (workshop_id, created_at);
    `);
    this.stmt = {
      load: this.db.prepare<[string], { data: Buffer }>(
        "SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq",
      ),
      append: this.db.prepare<[string, Uint8Array]>("INSERT INTO doc_updates (doc, data) VALUES (?, ?)"),
      clear: this.db.prepare<[string]>("DELETE FROM doc_updates WHERE doc = ?"),
      count: this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM doc_updates WHERE doc = ?"),
      list: this.db.prepare<[string, string], { doc: string }>(
        "SELECT DISTINCT doc FROM doc_updates WHERE doc >= ? AND doc < ? ORDER BY doc",
      ),
      insertWorkshop: this.db.prepare<[string, string, string, string, number, number, number | null]>(
        `INSERT INTO workshops (id, join_code, facilitator_key_hash, observer_key_hash, token_version, created_at, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      getWorkshop: this.db.prepare<[string], WorkshopRow>("SELECT * FROM workshops WHERE id = ?"),
      byCode: this.db.prepare<[string], WorkshopRow>(
        "SELECT * FROM workshops WHERE join_code = ? AND closed_at IS NULL",
      ),
    };
  }

  async loadDoc(name: string): Promise<Uint8Array[]> {
    return this.stmt.load
      .all(name)
      .map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
  }

  private checkpointLater(): void {
    if (this.checkpointer) return;
    this.checkpointer = startCheckpointer(this.db.name, this.checkpointEveryMs, this.walLimitBytes);
    this.checkpointer.on("message", () => {
      this.walRestarts++;
    });
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    this.checkpointLater();
    this.stmt.append.run(name, update);
  }

  async appendUpdates(items: readonly { name: string; update: Uint8Array }[]): Promise<void> {
    // One commit (one write to the WAL) for a whole turn's updates instead of one per update.
    this.checkpointLater();
    this.appendMany ??= this.db.transaction((list: readonly { name: string; update: Uint8Array }[]) => {
      for (const { name, update } of list) this.stmt.append.run(name, update);
    });
    this.appendMany(items);
  }

  private appendMany: ((items: readonly { name: string; update: Uint8Array }[]) => void) | null = null;

  async compactDoc(name: string, snapshot: Uint8Array): Promise<void> {
    this.checkpointLater();
    this.db.transaction(() => {
      this.stmt.clear.run(name);
      this.stmt.append.run(name, snapshot);
    })();
  }

  async countUpdates(name: string): Promise<number> {
    return this.stmt.count.get(name)?.n ?? 0;
  }

  async listDocs(prefix: string): Promise<string[]> {
    // A range scan on the index: every string that starts with `prefix` sorts between prefix and prefix+U+FFFF.
    return this.stmt.list.all(prefix, `${prefix}\uffff`).map((r) => r.doc);
  }

  async createWorkshop(r: WorkshopRecord): Promise<void> {
    this.stmt.insertWorkshop.run(
      r.id,
      r.joinCode,
      r.facilitatorKeyHash,
      r.observerKeyHash,
      r.tokenVersion,
      r.createdAt,
      r.closedAt,
    );
  }

  async getWorkshop(id: WorkshopId): Promise<WorkshopRecord | null> {
    const row = this.stmt.getWorkshop.get(id);
    return row ? workshopFromRow(row) : null;
  }

  async findWorkshopByCode(joinCode: string): Promise<WorkshopRecord | null> {
    const row = this.stmt.byCode.get(joinCode);
    return row ? workshopFromRow(row) : null;
  }

  async updateWorkshop(id: WorkshopId, patch: WorkshopPatch): Promise<void> {
    const sql = workshopPatchSql(patch, () => "?");
    if (!sql) return;
    this.db.prepare(`UPDATE workshops SET ${sql.sets} WHERE id = ?`).run(...sql.values, id);
  }

  async publishShareBack(workshopId: WorkshopId, slugHash: string, now: number): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE share_backs SET withdrawn_at = ? WHERE workshop_id = ? AND withdrawn_at IS NULL")
        .run(now, workshopId);
      this.db
        .prepare("INSERT INTO share_backs (slug_hash, workshop_id, created_at) VALUES (?, ?, ?)")
        .run(slugHash, workshopId, now);
    })();
  }

  async findShareBack(slugHash: string): Promise<ShareBackRecord | null> {
    const row = this.db
      .prepare<[string], ShareBackRow>("SELECT * FROM share_backs WHERE slug_hash = ?")
      .get(slugHash);
    return row ? shareBackFromRow(row) : null;
  }

  async latestShareBack(workshopId: WorkshopId): Promise<ShareBackRecord | null> {
    const row = this.db
      .prepare<[string], ShareBackRow>(
        "SELECT * FROM share_backs WHERE workshop_id = ? ORDER BY created_at DESC LIMIT 1",
      )
      .get(workshopId);
    return row ? shareBackFromRow(row) : null;
  }

  async withdrawShareBack(workshopId: WorkshopId, now: number): Promise<boolean> {
    const r = this.db
      .prepare("UPDATE share_backs SET withdrawn_at = ? WHERE workshop_id = ? AND withdrawn_at IS NULL")
      .run(now, workshopId);
    return r.changes > 0;
  }

  async listShareBacks(workshopId: WorkshopId): Promise<StoredShareBack[]> {
    return this.db
      .prepare<[string], ShareBackRow>("SELECT * FROM share_backs WHERE workshop_id = ? ORDER BY created_at")
      .all(workshopId)
      .map(storedShareBackFromRow);
  }

  async importShareBack(page: StoredShareBack): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO share_backs (slug_hash, workshop_id, created_at, withdrawn_at) VALUES (?, ?, ?, ?) ON CONFLICT (slug_hash) DO NOTHING",
      )
      .run(page.slugHash, page.workshopId, page.createdAt, page.withdrawnAt);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.checkpointer) await stopCheckpointer(this.checkpointer);
    // Fold the WAL into the main file so the data directory is one self-contained file at rest.
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    this.db.close();
  }
}
