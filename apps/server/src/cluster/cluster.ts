/**
 * Several server nodes on one PostgreSQL (docs/architecture.md, "Several nodes").
 *
 * Every node may hold a live copy of any document; PostgreSQL's log is the source of truth. A node stores
 * each client update in the log before forwarding it (as one node always did), and the append is announced
 * with NOTIFY in the same transaction. Every other node that has the document loaded then reads the log
 * after its own position and applies what it lacks, as `REMOTE_ORIGIN`, which forwards it to its clients and
 * re-decides access when it is the workshop document. Reading from a position rather than taking the
 * update from the announcement means a missed or late announcement loses nothing: the next read, or the
 * poll below, brings every row after the position.
 *
 * The same channel carries what is not in the documents: a closed workshop or revoked links (every node
 * re-reads the record and closes the connections it no longer allows), and guessing and creation counts
 * (kept in PostgreSQL, so a node that starts later knows them, and mirrored in each node's limiter).
 */
import { hostname } from "node:os";
import { CloseCode, type Principal, parseDocName, type WorkshopId } from "@continuum/protocol";
import * as decoding from "lib0/decoding";
import pg from "pg";
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import { FailureLimiter } from "../auth/limiter.ts";
import { DOC_CHANNEL, type PostgresStore } from "../store/postgres.ts";
import { REMOTE_ORIGIN, type Room, type RoomManager } from "../sync/rooms.ts";

const WORKSHOP_CHANNEL = "continuum_workshop";
const ATTEMPT_CHANNEL = "continuum_attempt";
const PRESENCE_CHANNEL = "continuum_presence";
/** Presence changes of a room are relayed at most this often (cursors and drags move many times a second). */
const PRESENCE_BATCH_MS = 50;
/** NOTIFY's payload must stay under 8,000 bytes; a larger batch is split, one larger state dropped. */
const MAX_PRESENCE_PAYLOAD = 7800;

/** The client ids in an encoded awareness update. */
function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const ids: number[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids;
}

const CLUSTER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS attempts (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    at BIGINT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS attempts_at ON attempts (at);
  CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    rooms INTEGER NOT NULL,
    connections INTEGER NOT NULL
  );
`;
const CLUSTER_SCHEMA_LOCK = 7_318_405_123;

/** What the cluster needs of the sync service (a structural type: no import of service.ts). */
export interface ClusterSync {
  disconnectWorkshop(
    workshopId: WorkshopId,
    which: (who: Principal) => boolean,
    code: number,
    reason: string,
  ): number;
}

/** What the cluster needs of the people registry: who was removed (auth/participants.ts). */
export interface ClusterPeople {
  list(workshopId: WorkshopId): Promise<{ id: string; removedAt: number | null }[]>;
}

/**
 * A FailureLimiter whose failures count on every node: each failure is written to PostgreSQL and announced,
 * and the announcements of the others are recorded here as if they had happened on this node.
 */
export class SharedFailureLimiter extends FailureLimiter {
  publish: ((key: string, at: number) => void) | null = null;

  override fail(key: string, now = Date.now()): number {
    const delay = super.fail(key, now);
    this.publish?.(key, now);
    return delay;
  }

  /** A failure another node saw (or one from before this node started). */
  record(key: string, at: number): void {
    super.fail(key, at);
  }
}

export interface ClusterNodeView {
  id: string;
  address: string;
  startedAt: number;
  seenAt: number;
  rooms: number;
  connections: number;
}

export interface ClusterOptions {
  /** How often a node writes its row in `nodes` (and how stale a row may be before it is left out). */
  heartbeatMs: number;
  /** How often every loaded room reads the log in case an announcement was missed. */
  pollMs: number;
}

export class Cluster {
  private readonly limiters = new Map<string, { limiter: SharedFailureLimiter; windowMs: number }>();
  private listener: pg.Client | null = null;
  private rooms: RoomManager | null = null;
  private sync: ClusterSync | null = null;
  private people: ClusterPeople | null = null;
  private stats: () => { rooms: number; connections: number } = () => ({ rooms: 0, connections: 0 });
  private address = hostname();
  private readonly startedAt = Date.now();
  private timers: NodeJS.Timeout[] = [];
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly store: PostgresStore,
    private readonly log: Logger,
    private readonly options: ClusterOptions = { heartbeatMs: 5000, pollMs: 5000 },
  ) {}

  get nodeId(): string {
    return this.store.nodeId;
  }

  /** A limiter whose counts are shared by every node under `scope`; create before `start`. */
  limiter(
    scope: string,
    opts: { windowMs: number; free: number; hardLimit: number; maxDelayMs: number },
  ): SharedFailureLimiter {
    const limiter = new SharedFailureLimiter(opts);
    limiter.publish = (key, at) => {
      this.store.pool
        .query(
          `WITH stored AS (INSERT INTO attempts (scope, key, at) VALUES ($1, $2, $3))
           SELECT pg_notify($4, $5)`,
          [scope, key, at, ATTEMPT_CHANNEL, JSON.stringify({ node: this.nodeId, scope, key, at })],
        )
        .catch((err: unknown) => this.log.warn({ err }, "could not share a counted attempt"));
    };
    this.limiters.set(scope, { limiter, windowMs: opts.windowMs });
    return limiter;
  }

  async start(deps: {
    rooms: RoomManager;
    sync: ClusterSync;
    people?: ClusterPeople;
    stats: () => { rooms: number; connections: number };
    port: number;
  }): Promise<void> {
    this.rooms = deps.rooms;
    this.sync = deps.sync;
    this.people = deps.people ?? null;
    this.stats = deps.stats;
    this.address = `${hostname()}:${deps.port}`;
    await this.store.whenReady();
    const client = await this.store.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [CLUSTER_SCHEMA_LOCK]);
      await client.query(CLUSTER_SCHEMA);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    deps.rooms.onLoad.add((room) => this.relayPresence(room));
    await this.listen();
    await this.loadAttempts();
    await this.heartbeat();
    const every = (ms: number, run: () => Promise<void>) => {
      const timer = setInterval(() => {
        run().catch((err: unknown) => this.log.warn({ err }, "cluster upkeep failed"));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.heartbeatMs, () => this.heartbeat());
    every(this.options.pollMs, () => this.poll());
    every(60_000, () => this.sweep());
    this.log.info({ node: this.nodeId }, "joined the cluster");
  }

  /** A dedicated connection for LISTEN; when it drops, everything loaded catches up once it is back. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.store.connectionString });
    client.on("notification", (n) => this.onNotification(n.channel, n.payload ?? ""));
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners("notification");
      void client.end().catch(() => {});
      if (this.closed) return;
      this.log.warn({ err: err?.message }, "lost the cluster's notification connection; reconnecting");
      this.reconnect(500);
    };
    client.on("error", lost);
    client.on("end", () => lost());
    await client.connect();
    await client.query(
      `LISTEN ${DOC_CHANNEL}; LISTEN ${WORKSHOP_CHANNEL}; LISTEN ${ATTEMPT_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}`,
    );
    this.listener = client;
  }

  private reconnect(delayMs: number): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      // Announcements sent while the connection was down are gone: one poll reads what they would have.
      this.listen()
        .then(() => this.poll())
        .catch((err: unknown) => {
          this.log.warn({ err }, "could not reach PostgreSQL for notifications");
          this.reconnect(Math.min(delayMs * 2, 5000));
        });
    }, delayMs);
    this.reconnectTimer.unref();
  }

  private onNotification(channel: string, payload: string): void {
    if (channel === DOC_CHANNEL) {
      // `<node> <seq> <doc>`: only the document matters; the read starts from this node's own position.
      const first = payload.indexOf(" ");
      const second = payload.indexOf(" ", first + 1);
      if (first < 0 || second < 0 || payload.slice(0, first) === this.nodeId) return;
      void this.catchUp(payload.slice(second + 1));
    } else if (channel === WORKSHOP_CHANNEL) {
      void this.recheckWorkshops([payload as WorkshopId], true).catch((err: unknown) =>
        this.log.warn({ err }, "could not re-check a workshop"),
      );
    } else if (channel === PRESENCE_CHANNEL) {
      void this.receivePresence(payload);
    } else if (channel === ATTEMPT_CHANNEL) {
      try {
        const a = JSON.parse(payload) as { node: string; scope: string; key: string; at: number };
        if (a.node !== this.nodeId) this.limiters.get(a.scope)?.limiter.record(a.key, a.at);
      } catch {}
    }
  }

  /** Client ids each room has from other nodes: their changes are not relayed back. */
  private readonly remotePresence = new WeakMap<Room, Set<number>>();

  /**
   * Presence is not stored: the changes of this node's own clients go to the other nodes through NOTIFY,
   * batched per room, and a room that loads asks the others for what they have. Lossy by design: presence
   * is renewed by every client every 15 seconds and forgotten 30 seconds after its last renewal.
   */
  private relayPresence(room: Room): void {
    const remote = new Set<number>();
    this.remotePresence.set(room, remote);
    let pending: Set<number> | null = null;
    const flush = () => {
      const ids = pending ? [...pending] : [];
      pending = null;
      if (room.doc.isDestroyed || ids.length === 0) return;
      this.publishPresence(room, ids);
    };
    room.awareness.on(
      "update",
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin === REMOTE_ORIGIN) return;
        for (const id of [...added, ...updated, ...removed]) {
          if (remote.has(id)) {
            // Another node's client timing out here is that node's business, not news to relay; any
            // other change of it here is a client that moved to this node (its own node went away).
            if (origin === "timeout") {
              if (removed.includes(id)) remote.delete(id);
              continue;
            }
            remote.delete(id);
          }
          if (!pending) {
            pending = new Set();
            setTimeout(flush, PRESENCE_BATCH_MS).unref();
          }
          pending.add(id);
        }
      },
    );
    void this.sendPresence({ n: this.nodeId, d: room.name, q: 1 });
  }

  private publishPresence(room: Room, ids: number[]): void {
    const u = Buffer.from(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)).toString("base64");
    const message = { n: this.nodeId, d: room.name, u };
    if (JSON.stringify(message).length <= MAX_PRESENCE_PAYLOAD) {
      void this.sendPresence(message);
    } else if (ids.length > 1) {
      const half = Math.ceil(ids.length / 2);
      this.publishPresence(room, ids.slice(0, half));
      this.publishPresence(room, ids.slice(half));
    }
  }

  private async sendPresence(message: { n: string; d: string; u?: string; q?: 1 }): Promise<void> {
    await this.store.pool
      .query("SELECT pg_notify($1, $2)", [PRESENCE_CHANNEL, JSON.stringify(message)])
      .catch((err: unknown) => this.log.debug({ err }, "could not relay presence"));
  }

  private async receivePresence(payload: string): Promise<void> {
    let message: { n: string; d: string; u?: string; q?: 1 };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.n === this.nodeId) return;
    const room = await this.rooms?.peek(message.d);
    const remote = room && this.remotePresence.get(room);
    if (!room || !remote || room.doc.isDestroyed) return;
    if (message.q) {
      // A node that just loaded the room: tell it who is here on this node.
      const mine = [...room.awareness.getStates().keys()].filter((id) => !remote.has(id));
      if (mine.length > 0) this.publishPresence(room, mine);
      return;
    }
    if (!message.u) return;
    try {
      const update = new Uint8Array(Buffer.from(message.u, "base64"));
      for (const id of awarenessClients(update)) remote.add(id);
      awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE_ORIGIN);
    } catch (err) {
      this.log.debug({ err }, "ignored a presence message that could not be read");
    }
  }

  private async catchUp(doc: string): Promise<void> {
    const room = await this.rooms?.peek(doc);
    if (!room) return;
    await room.catchUp().catch((err: unknown) => this.log.warn({ err, doc }, "could not catch up"));
  }

  /**
   * Every loaded room whose log has rows past its position catches up, and every loaded workshop's record
   * is checked again: what a missed announcement would have brought.
   */
  private async poll(): Promise<void> {
    if (!this.rooms) return;
    const names = this.rooms.loadedNames();
    if (names.length === 0) return;
    const { rows } = await this.store.pool.query<{ doc: string; seq: string }>(
      "SELECT doc, max(seq) AS seq FROM doc_updates WHERE doc = ANY($1) GROUP BY doc",
      [names],
    );
    for (const row of rows) {
      const room = await this.rooms.peek(row.doc);
      if (room && Number(row.seq) > room.logPosition) void this.catchUp(row.doc);
    }
    const workshops = names.flatMap((n) => {
      const d = parseDocName(n);
      return d?.kind === "workshop" ? [d.workshopId] : [];
    });
    if (workshops.length > 0) await this.recheckWorkshops(workshops);
  }

  /**
   * Closes the connections this node holds that a workshop's record no longer allows, and, when asked (an
   * announcement, not the poll), those of people the facilitator removed.
   */
  private async recheckWorkshops(ids: WorkshopId[], people = false): Promise<void> {
    const sync = this.sync;
    if (!sync) return;
    const { rows } = await this.store.pool.query<{
      id: string;
      closed_at: string | null;
      token_version: number;
    }>("SELECT id, closed_at, token_version FROM workshops WHERE id = ANY($1)", [ids]);
    for (const row of rows) {
      const id = row.id as WorkshopId;
      if (row.closed_at !== null) {
        sync.disconnectWorkshop(id, () => true, CloseCode.WorkshopClosed, "workshop closed");
        continue;
      }
      // The sync service hands over each connection's verified token, which carries its version.
      sync.disconnectWorkshop(
        id,
        (who) =>
          who.role !== "participant" &&
          (who as Principal & { tokenVersion?: number }).tokenVersion !== row.token_version,
        CloseCode.Unauthorized,
        "link revoked",
      );
      if (!people || !this.people) continue;
      const removed = new Set(
        (await this.people.list(id)).filter((p) => p.removedAt !== null).map((p) => p.id),
      );
      if (removed.size === 0) continue;
      sync.disconnectWorkshop(
        id,
        (who) => typeof who.participant === "string" && removed.has(who.participant),
        CloseCode.Removed,
        "removed by the facilitator",
      );
    }
  }

  /** Tells every other node that a workshop's record or people changed (closed, links revoked, removed). */
  workshopChanged(id: WorkshopId): void {
    this.store.pool
      .query("SELECT pg_notify($1, $2)", [WORKSHOP_CHANNEL, id])
      .catch((err: unknown) => this.log.warn({ err, workshop: id }, "could not announce a workshop change"));
  }

  private async loadAttempts(): Promise<void> {
    const now = Date.now();
    for (const [scope, { limiter, windowMs }] of this.limiters) {
      const { rows } = await this.store.pool.query<{ key: string; at: string }>(
        "SELECT key, at FROM attempts WHERE scope = $1 AND at > $2 ORDER BY at",
        [scope, now - windowMs],
      );
      // Replayed into a fresh limiter's view: anything already counted is counted again at most once per
      // reconnect, which errs on the side of slowing a guesser down.
      for (const r of rows) limiter.record(r.key, Number(r.at));
    }
  }

  private async heartbeat(): Promise<void> {
    const { rooms, connections } = this.stats();
    await this.store.pool.query(
      `INSERT INTO nodes (id, address, started_at, seen_at, rooms, connections) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET seen_at = $4, rooms = $5, connections = $6`,
      [this.nodeId, this.address, this.startedAt, Date.now(), rooms, connections],
    );
  }

  private async sweep(): Promise<void> {
    const longest = Math.max(0, ...[...this.limiters.values()].map((l) => l.windowMs));
    await this.store.pool.query("DELETE FROM attempts WHERE at < $1", [Date.now() - longest]);
    await this.store.pool.query("DELETE FROM nodes WHERE seen_at < $1", [Date.now() - 3_600_000]);
  }

  /** The nodes that wrote their row recently, with their rooms and connections. */
  async view(): Promise<{ nodes: ClusterNodeView[]; rooms: number; connections: number }> {
    const { rows } = await this.store.pool.query<{
      id: string;
      address: string;
      started_at: string;
      seen_at: string;
      rooms: number;
      connections: number;
    }>("SELECT * FROM nodes WHERE seen_at > $1 ORDER BY started_at", [
      Date.now() - 3 * this.options.heartbeatMs,
    ]);
    const nodes = rows.map((r) => ({
      id: r.id,
      address: r.address,
      startedAt: Number(r.started_at),
      seenAt: Number(r.seen_at),
      rooms: r.rooms,
      connections: r.connections,
    }));
    return {
      nodes,
      rooms: nodes.reduce((n, x) => n + x.rooms, 0),
      connections: nodes.reduce((n, x) => n + x.connections, 0),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
    await this.store.pool.query("DELETE FROM nodes WHERE id = $1", [this.nodeId]).catch(() => {});
  }
}
