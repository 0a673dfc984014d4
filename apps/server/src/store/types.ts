import type { WorkshopId } from "@continuum/protocol";

/** What the server keeps about a workshop outside its Yjs documents: how to get in. */
export interface WorkshopRecord {
  id: WorkshopId;
  /** Normalised join code (see `normalizeJoinCode`); unique among open workshops. */
  joinCode: string;
  /** SHA-256 of the facilitator key; the key itself is never stored. */
  facilitatorKeyHash: string;
  /** SHA-256 of the observer (big screen) key. */
  observerKeyHash: string;
  /** Bumped to revoke every token issued so far (a leaked facilitator link, say). */
  tokenVersion: number;
  createdAt: number;
  /** Set when the facilitator closes the workshop: joins and connections are refused from then on. */
  closedAt: number | null;
}

/**
 * Storage behind the sync server. Async so that a networked store (Postgres) fits the same shape; the
 * embedded SQLite store does its work synchronously and resolves at once.
 *
 * Documents are stored as an append-only log of Yjs updates plus, after compaction, one snapshot. The server
 * appends every update before it forwards it to other clients, so anything a client has seen is on disk.
 */
export interface Store {
  /** Every stored update of a document, oldest first (a snapshot, if any, comes first). Empty when unknown. */
  loadDoc(name: string): Promise<Uint8Array[]>;
  /** Appends one update to a document's log. */
  appendUpdate(name: string, update: Uint8Array): Promise<void>;
  /**
   * Appends several updates, of any documents, in one transaction: all are stored or none (group commit,
   * see `AppendBatcher` in sync/rooms.ts). Optional: a store without it gets one append per update.
   */
  appendUpdates?(items: readonly { name: string; update: Uint8Array }[]): Promise<void>;
  /**
   * Replaces the whole stored log of a document with one snapshot, atomically, so that a crash during
   * compaction leaves either the old log or the new snapshot, never neither.
   */
  compactDoc(name: string, snapshot: Uint8Array): Promise<void>;
  /** Number of stored rows for a document (for tests and compaction decisions). */
  countUpdates(name: string): Promise<number>;
  /** Names of every stored document whose name starts with the prefix (an export reads a whole workshop). */
  listDocs(prefix: string): Promise<string[]>;

  createWorkshop(record: WorkshopRecord): Promise<void>;
  getWorkshop(id: WorkshopId): Promise<WorkshopRecord | null>;
  findWorkshopByCode(joinCode: string): Promise<WorkshopRecord | null>;
  updateWorkshop(id: WorkshopId, patch: WorkshopPatch): Promise<void>;

  /**
   * Share-back pages (`POST /api/workshops/<id>/share-back`): the SHA-256 of a page's slug, never the slug.
   * Publishing withdraws the workshop's earlier pages, so at most one link works at a time.
   */
  publishShareBack(workshopId: WorkshopId, slugHash: string, now: number): Promise<void>;
  /** The page whose slug has this hash, withdrawn or not; null when there is none. */
  findShareBack(slugHash: string): Promise<ShareBackRecord | null>;
  /** The workshop's latest page, withdrawn or not; null when it never published one. */
  latestShareBack(workshopId: WorkshopId): Promise<ShareBackRecord | null>;
  /** Withdraws the workshop's live page; says whether there was one. */
  withdrawShareBack(workshopId: WorkshopId, now: number): Promise<boolean>;
  /**
   * Every page the workshop published, withdrawn ones too, with their slugs' hashes, oldest first: copying a
   * workshop to another store (`pnpm copy-workshops`) takes them along, so a link people were given still
   * opens its page (or says it was withdrawn) after the move.
   */
  listShareBacks(workshopId: WorkshopId): Promise<StoredShareBack[]>;
  /** Adds a page exactly as it was in another store (a copy); one with the same slug hash is left alone. */
  importShareBack(page: StoredShareBack): Promise<void>;

  close(): Promise<void>;
}

/** A published results page (share-back). */
export interface ShareBackRecord {
  workshopId: WorkshopId;
  createdAt: number;
  /** Set when the facilitator withdrew it (or published a newer one): the link then says so (410). */
  withdrawnAt: number | null;
}

/** A page with the hash of its slug, as stored (never the slug itself). */
export interface StoredShareBack extends ShareBackRecord {
  slugHash: string;
}

/** A row of the SQL stores' `share_backs` table. */
export interface ShareBackRow {
  slug_hash: string;
  workshop_id: string;
  created_at: number | string;
  withdrawn_at: number | string | null;
}

export const storedShareBackFromRow = (r: ShareBackRow): StoredShareBack => ({
  ...shareBackFromRow(r),
  slugHash: r.slug_hash,
});

export const shareBackFromRow = (r: ShareBackRow): ShareBackRecord => ({
  workshopId: r.workshop_id as WorkshopId,
  createdAt: Number(r.created_at),
  withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at),
});

/** What can change in a workshop's record after it is created. */
export type WorkshopPatch = Partial<
  Pick<WorkshopRecord, "closedAt" | "tokenVersion" | "facilitatorKeyHash" | "observerKeyHash">
>;

const WORKSHOP_COLUMNS: Record<keyof WorkshopPatch, string> = {
  closedAt: "closed_at",
  tokenVersion: "token_version",
  facilitatorKeyHash: "facilitator_key_hash",
  observerKeyHash: "observer_key_hash",
};

/** A row of the SQL stores' `workshops` table (PostgreSQL hands BIGINT columns back as strings). */
export interface WorkshopRow {
  id: string;
  join_code: string;
  facilitator_key_hash: string;
  observer_key_hash: string;
  token_version: number;
  created_at: number | string;
  closed_at: number | string | null;
}

/** The record of a `workshops` row, for both SQL stores. */
export const workshopFromRow = (r: WorkshopRow): WorkshopRecord => ({
  id: r.id as WorkshopId,
  joinCode: r.join_code,
  facilitatorKeyHash: r.facilitator_key_hash,
  observerKeyHash: r.observer_key_hash,
  tokenVersion: r.token_version,
  createdAt: Number(r.created_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
});

/**
 * The SQL `SET` list of a patch and its values, for the SQL stores; `placeholder(n)` writes the n-th
 * parameter (1-based) in the engine's syntax (`?` or `$n`). Null when there is nothing to set.
 */
export function workshopPatchSql(
  patch: WorkshopPatch,
  placeholder: (n: number) => string,
): { sets: string; values: unknown[] } | null {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = WORKSHOP_COLUMNS[key as keyof WorkshopPatch];
    if (!column) continue;
    values.push(value);
    sets.push(`${column} = ${placeholder(values.length)}`);
  }
  return sets.length === 0 ? null : { sets: sets.join(", "), values };
}

/** A place in a document's log (PostgreSQL's `seq`): everything at or before it has been read. */
export type LogPosition = number;

/**
 * A store that several server nodes share (PostgreSQL). Each node keeps a live copy of the documents its
 * clients use and must learn what the other nodes appended: the log has positions, so a node can ask for
 * what came after the last row it read, and compaction removes only what the compacting node has.
 */
export interface SharedStore extends Store {
  /** This process's name in the log; its own rows are skipped when it catches up. */
  readonly nodeId: string;
  /** Like loadDoc, and the position of the last row read. */
  loadDocAt(name: string): Promise<{ updates: Uint8Array[]; position: LogPosition }>;
  /**
   * Appends, and returns the new row's position when no other row came between `known` and it (the
   * caller's copy is then whole up to the new row), or null when there was one to catch up on.
   */
  appendUpdateAt(name: string, update: Uint8Array, known: LogPosition): Promise<LogPosition | null>;
  /** Rows after a position, except those this node wrote itself, and the position of the last one. */
  readAfter(name: string, after: LogPosition): Promise<{ updates: Uint8Array[]; position: LogPosition }>;
  /** Replaces the rows up to `upTo` (all the caller has applied) with one snapshot; later rows stay. */
  compactDocUpTo(name: string, snapshot: Uint8Array, upTo: LogPosition): Promise<void>;
}

export const isSharedStore = (store: Store): store is SharedStore => "readAfter" in store;
