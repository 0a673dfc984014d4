import { randomBytes, randomUUID } from "node:crypto";
import type { WorkshopId } from "@continuum/protocol";
import pg from "pg";
import {
  type LogPosition,
  type ShareBackRecord,
  type ShareBackRow,
  type SharedStore,
  type StoredShareBack,
  shareBackFromRow,
  storedShareBackFromRow,
  type WorkshopPatch,
  type WorkshopRecord,
  type WorkshopRow,
  workshopFromRow,
  workshopPatchSql,
} from "./types.ts";

/** Channel on which every append is announced as `<node> <seq> <doc>` (see cluster/replicator.ts). */
export const DOC_CHANNEL = "continuum_doc";

/** Taken (transaction-scoped) while the schema is created, so several nodes starting at once do not race. */
const SCHEMA_LOCK = 7_318_405_122;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS doc_updates (
    seq BIGSERIAL PRIMARY KEY,
    -- Byte order, as in SQLite: a workshop's documents are a range scan on the index whatever the
    -- database's locale.
    doc TEXT COLLATE "C" NOT NULL,
    data BYTEA NOT NULL,
    -- The node process that wrote the row: it already has it and skips it when catching up.
    node TEXT,
    -- For a snapshot: the log position it covers. A node that has read that far need not read it again.
    upto BIGINT
  );
  CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates (doc, seq);
  CREATE TABLE IF NOT EXISTS workshops (
    id TEXT PRIMARY KEY,
    join_code TEXT NOT NULL,
    facilitator_key_hash TEXT NOT NULL,
    observer_key_hash TEXT NOT NULL,
    token_version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
  );
  CREATE UNIQUE INDEX IF NOT EXISTS workshops_open_code ON workshops (join_code) WHERE closed_at IS NULL;
  CREATE TABLE IF NOT EXISTS share_backs (
    slug_hash TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    withdrawn_at BIGINT
  );
  CREATE INDEX IF NOT EXISTS share_backs_workshop ON share_backs (workshop_id, created_at);
  CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value BYTEA NOT NULL
  );
`;

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * PostgreSQL, shared by every server node of a cluster (STORAGE=postgres, DATABASE_URL).
 *
 * The same log-plus-snapshot layout as SQLite, with two additions that let several nodes hold live copies
 * of one document without losing anything (docs/architecture.md, "Several nodes"):
 * - every append of a document takes a transaction-scoped advisory lock on the document's name, so that
 *   within one document a higher `seq` is always committed after a lower one. A node that has read up to
 *   position p can then ask for `seq > p` and never miss a row that commits later with a smaller number.
 * - compaction deletes only the rows a node has itself applied (`seq <= upTo`), never a row another node
 *   appended that this node has not seen yet.
 * Every append is announced with NOTIFY in the same transaction, so the announcement goes out on commit
 * and never before the row can be read.
 */
export class PostgresStore implements SharedStore {
  readonly pool: pg.Pool;
  /** This process, in the log's `node` column: unique per start, so a restarted node reads its old rows. */
  readonly nodeId: string;
  private ready: Promise<void>;
  private closed = false;

  constructor(
    readonly connectionString: string,
    options: { nodeId?: string; max?: number } = {},
  ) {
    this.nodeId = options.nodeId ?? randomUUID();
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client whose connection drops emits here; without a listener it would crash the process.
    this.pool.on("error", () => {});
    this.ready = this.migrate();
    // Reported by the first query that needs it; not an unhandled rejection in between.
    this.ready.catch(() => {});
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
      await client.query(SCHEMA);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Resolves once the schema exists (or rejects with why the database could not be reached). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private async q<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(text, values)).rows;
  }

  /** Runs `work` in one transaction holding the document's advisory lock (released at commit). */
  private async locked<T>(doc: string, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [doc]);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async loadDoc(name: string): Promise<Uint8Array[]> {
    return (await this.loadDocAt(name)).updates;
  }

  async loadDocAt(name: string): Promise<{ updates: Uint8Array[]; position: LogPosition }> {
    const rows = await this.q<{ seq: string; data: Buffer }>(
      "SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq",
      [name],
    );
    const last = rows.at(-1);
    return { updates: rows.map((r) => bytes(r.data)), position: last ? Number(last.seq) : 0 };
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    await this.appendUpdateAt(name, update, 0);
  }

  async appendUpdateAt(name: string, update: Uint8Array, known: LogPosition): Promise<LogPosition | null> {
    return this.locked(name, async (c) => {
      const prev = await c.query<{ seq: string | null }>(
        "SELECT max(seq) AS seq FROM doc_updates WHERE doc = $1",
        [name],
      );
      const inserted = await c.query<{ seq: string }>(
        "INSERT INTO doc_updates (doc, data, node) VALUES ($1, $2, $3) RETURNING seq",
        [name, Buffer.from(update.buffer, update.byteOffset, update.byteLength), this.nodeId],
      );
      const seq = Number(inserted.rows[0]?.seq);
      await c.query("SELECT pg_notify($1, $2)", [DOC_CHANNEL, `${this.nodeId} ${seq} ${name}`]);
      // Nothing was appended between what the caller had read and this row: its copy is whole up to here.
      return Number(prev.rows[0]?.seq ?? 0) <= known ? seq : null;
    });
  }

  async readAfter(
    name: string,
    after: LogPosition,
  ): Promise<{ updates: Uint8Array[]; position: LogPosition }> {
    // Rows this node wrote, and snapshots of no more than the caller has, come back without their data.
    const rows = await this.q<{ seq: string; data: Buffer | null }>(
      `SELECT seq, CASE WHEN node = $3 OR (upto IS NOT NULL AND upto <= $2) THEN NULL ELSE data END AS data
         FROM doc_updates WHERE doc = $1 AND seq > $2 ORDER BY seq`,
      [name, after, this.nodeId],
    );
    const updates: Uint8Array[] = [];
    for (const r of rows) if (r.data) updates.push(bytes(r.data));
    const last = rows.at(-1);
    return { updates, position: last ? Number(last.seq) : after };
  }

  async compactDoc(name: string, snapshot: Uint8Array): Promise<void> {
    await this.compactDocUpTo(name, snapshot, Number.MAX_SAFE_INTEGER);
  }

  async compactDocUpTo(name: string, snapshot: Uint8Array, upTo: LogPosition): Promise<void> {
    await this.locked(name, async (c) => {
      await c.query("DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2", [name, upTo]);
      await c.query("INSERT INTO doc_updates (doc, data, node, upto) VALUES ($1, $2, $3, $4)", [
        name,
        Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
        this.nodeId,
        upTo === Number.MAX_SAFE_INTEGER ? null : upTo,
      ]);
    });
  }

  async countUpdates(name: string): Promise<number> {
    const rows = await this.q<{ n: string }>("SELECT count(*) AS n FROM doc_updates WHERE doc = $1", [name]);
    return Number(rows[0]?.n ?? 0);
  }

  async listDocs(prefix: string): Promise<string[]> {
    const rows = await this.q<{ doc: string }>(
      "SELECT DISTINCT doc FROM doc_updates WHERE doc >= $1 AND doc < $2 ORDER BY doc",
      [prefix, `${prefix}\uffff`],
    );
    return rows.map((r) => r.doc);
  }

  async createWorkshop(r: WorkshopRecord): Promise<void> {
    await this.q(
      `INSERT INTO workshops (id, join_code, facilitator_key_hash, observer_key_hash, token_version, created_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.id, r.joinCode, r.facilitatorKeyHash, r.observerKeyHash, r.tokenVersion, r.createdAt, r.closedAt],
    );
  }

  async getWorkshop(id: WorkshopId): Promise<WorkshopRecord | null> {
    const rows = await this.q<WorkshopRow>("SELECT * FROM workshops WHERE id = $1", [id]);
    return rows[0] ? workshopFromRow(rows[0]) : null;
  }

  async findWorkshopByCode(joinCode: string): Promise<WorkshopRecord | null> {
    const rows = await this.q<WorkshopRow>(
      "SELECT * FROM workshops WHERE join_code = $1 AND closed_at IS NULL",
      [joinCode],
    );
    return rows[0] ? workshopFromRow(rows[0]) : null;
  }

  async updateWorkshop(id: WorkshopId, patch: WorkshopPatch): Promise<void> {
    const sql = workshopPatchSql(patch, (n) => `$${n}`);
    if (!sql) return;
    await this.q(`UPDATE workshops SET ${sql.sets} WHERE id = $${sql.values.length + 1}`, [
      ...sql.values,
      id,
    ]);
  }

  /**
   * A secret every node shares (the token secret): made by whichever node asks first, kept in the database,
   * so that a token signed by one node is accepted by all of them.
   */
  async sharedSecret(key: string): Promise<Buffer> {
    await this.q("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [
      key,
      randomBytes(32),
    ]);
    const rows = await this.q<{ value: Buffer }>("SELECT value FROM settings WHERE key = $1", [key]);
    const value = rows[0]?.value;
    if (!value) throw new Error(`setting ${key} could not be stored`);
    return value;
  }

  /** Keeps `value` as a shared secret unless one is already set; says whether `value` is the one kept. */
  async adoptSecret(key: string, value: Buffer): Promise<boolean> {
    await this.q("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [
      key,
      value,
    ]);
    const rows = await this.q<{ value: Buffer }>("SELECT value FROM settings WHERE key = $1", [key]);
    return rows[0]?.value.equals(value) ?? false;
  }

  async publishShareBack(workshopId: WorkshopId, slugHash: string, now: number): Promise<void> {
    await this.q(
      `WITH gone AS (
         UPDATE share_backs SET withdrawn_at = $3 WHERE workshop_id = $2 AND withdrawn_at IS NULL
       )
       INSERT INTO share_backs (slug_hash, workshop_id, created_at) VALUES ($1, $2, $3)`,
      [slugHash, workshopId, now],
    );
  }

  async findShareBack(slugHash: string): Promise<ShareBackRecord | null> {
    const rows = await this.q<ShareBackRow>("SELECT * FROM share_backs WHERE slug_hash = $1", [slugHash]);
    return rows[0] ? shareBackFromRow(rows[0]) : null;
  }

  async latestShareBack(workshopId: WorkshopId): Promise<ShareBackRecord | null> {
    const rows = await this.q<ShareBackRow>(
      "SELECT * FROM share_backs WHERE workshop_id = $1 ORDER BY created_at DESC LIMIT 1",
      [workshopId],
    );
    return rows[0] ? shareBackFromRow(rows[0]) : null;
  }

  async withdrawShareBack(workshopId: WorkshopId, now: number): Promise<boolean> {
    const rows = await this.q<{ workshop_id: string }>(
      "UPDATE share_backs SET withdrawn_at = $2 WHERE workshop_id = $1 AND withdrawn_at IS NULL RETURNING workshop_id",
      [workshopId, now],
    );
    return rows.length > 0;
  }

  async listShareBacks(workshopId: WorkshopId): Promise<StoredShareBack[]> {
    const rows = await this.q<ShareBackRow>(
      "SELECT * FROM share_backs WHERE workshop_id = $1 ORDER BY created_at",
      [workshopId],
    );
    return rows.map(storedShareBackFromRow);
  }

  async importShareBack(page: StoredShareBack): Promise<void> {
    await this.q(
      `INSERT INTO share_backs (slug_hash, workshop_id, created_at, withdrawn_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug_hash) DO NOTHING`,
      [page.slugHash, page.workshopId, page.createdAt, page.withdrawnAt],
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => {});
    await this.pool.end();
  }
}
