import { initChart, initLane, initSolo, migrateDoc, workshopView } from "@continuum/model";
import { type DocName, parseDocName, type WorkshopView, workshopDocName } from "@continuum/protocol";
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { isSharedStore, type LogPosition, type Store } from "../store/types.ts";

/** Origin of transactions the server makes itself (loading, initialising, migrating). */
export const SERVER_ORIGIN = Symbol("server");
/**
 * Origin of updates another node stored (read back from a shared store): they are forwarded to this
 * node's clients and re-decide access like any other, but never stored again.
 */
export const REMOTE_ORIGIN = Symbol("remote");

/** A room's log is compacted after this long without an update (or when it is four times compactEvery). */
const COMPACT_WHEN_QUIET_MS = 2000;

type Unstored = { update: Uint8Array; origin: unknown };

/**
 * Group commit: the updates that arrive in one turn of the event loop, from every room, are stored in one
 * transaction at the end of the turn (`setImmediate`, after the turn's socket reads), and each room then
 * forwards its share together. One commit instead of one per update, and still nothing is forwarded before
 * it is stored. Used with a store that has `appendUpdates` (SQLite, memory); PostgreSQL keeps one append per
 * update, since each needs the document's lock and log position (several nodes).
 */
export class AppendBatcher {
  private waiting: { room: Room; done: (r: { stored: Unstored[]; error: unknown }) => void }[] = [];

  constructor(private readonly store: Required<Pick<Store, "appendUpdates">>) {}

  /** Resolves at the end of this turn with the room's updates queued by then, stored or with the error. */
  commit(room: Room): Promise<{ stored: Unstored[]; error: unknown }> {
    return new Promise((done) => {
      if (this.waiting.length === 0) setImmediate(() => void this.flush());
      this.waiting.push({ room, done });
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    const shares = waiting.map((w) => w.room.takeUnstored());
    const items = waiting.flatMap((w, i) =>
      (shares[i] ?? []).map(({ update }) => ({ name: w.room.name, update })),
    );
    let error: unknown = null;
    try {
      if (items.length > 0) await this.store.appendUpdates(items);
    } catch (err) {
      error = err;
    }
    for (const [i, w] of waiting.entries()) w.done({ stored: shares[i] ?? [], error });
  }
}

/**
 * One loaded document and everything that lives as long as it does. A room is shared by every connection
 * to the document; it is loaded from the store before any client is answered and unloaded when it has been
 * idle for a while.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Listeners for each update, after it is stored (the sync layer broadcasts from here). */
  readonly onStoredUpdate = new Set<(update: Uint8Array, origin: unknown) => void>();
  /** Listeners for changes of the room's own state that could change what connections may do. */
  readonly onAccessChange = new Set<(room: Room) => void>();
  /** Updates are stored one after another, in the order the document produced them. */
  private persistChain: Promise<void> = Promise.resolve();
  /** With group commit: updates waiting for the end of the turn, in order. */
  private unstored: Unstored[] = [];
  private appendedSinceCompact = 0;
  /** Compaction waits for a quiet moment (see `scheduleCompaction`). */
  private compactTimer: NodeJS.Timeout | null = null;
  /**
   * About how many bytes the document holds: what was stored when it loaded or was last compacted, plus
   * every update since. Updates that overwrite each other make it an overestimate until the next compaction
   * measures again, which errs on the side of the document-size quota.
   */
  bytes = 0;
  /** The workshop this room belongs to; for the workshop room itself, null. */
  parent: Room | null = null;
  /**
   * With a shared store (several nodes): the last log row this copy is known to contain with everything
   * before it. Compaction removes rows up to here only; catching up reads the rows after it.
   */
  private position: LogPosition = 0;
  /** Catch-ups run one at a time; a request during one runs once more after it. */
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;

  constructor(
    readonly name: string,
    readonly docName: DocName,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly compactEvery: number,
    /** How long an append that fails is tried again before the update is given up (not forwarded). */
    private readonly storeRetryMs = 30_000,
    /** Group commit across rooms; null stores each update on its own. */
    private readonly batcher: AppendBatcher | null = null,
  ) {
    // The server is not a participant: it has no presence of its own to broadcast.
    this.awareness.setLocalState(null);
  }

  /** Applies stored state, initialises new documents and migrates old ones, then starts persisting. */
  async load(): Promise<void> {
    let updates: Uint8Array[];
    if (isSharedStore(this.store)) {
      ({ updates, position: this.position } = await this.store.loadDocAt(this.name));
    } else {
      updates = await this.store.loadDoc(this.name);
    }
    this.doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
        } catch (err) {
          // One unreadable row must not take the whole document (and every participant) down with it.
          this.log.error({ err, doc: this.name }, "skipped a stored update that could not be applied");
        }
      }
    }, SERVER_ORIGIN);
    this.appendedSinceCompact = updates.length;
    for (const update of updates) this.bytes += update.byteLength;
    // From here on every change, including initialisation and migration below, is stored.
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.handleUpdate(update, origin));
    this.prepare();
  }

  private prepare(): void {
    const d = this.docName;
    const isEmpty = this.doc.store.clients.size === 0;
    if (isEmpty && d.kind === "lane") {
      initLane(this.doc, { workshopId: d.workshopId, activityId: d.activityId, groupId: d.groupId });
    } else if (isEmpty && (d.kind === "chart" || d.kind === "board")) {
      initChart(this.doc, { workshopId: d.workshopId, activityId: d.activityId, kind: d.kind });
    } else if (isEmpty && d.kind === "words") {
      // One person's words on a private-first prompt board (ACC-12): laid out as a board of their own.
      initChart(this.doc, { workshopId: d.workshopId, activityId: d.activityId, kind: "board" });
    } else if (isEmpty && d.kind === "solo") {
      // One person's own scale in an individual round (ACC-13): laid out as a lane of their own.
      initSolo(this.doc, {
        workshopId: d.workshopId,
        activityId: d.activityId,
        participantId: d.participantId,
      });
    } else if (!isEmpty) {
      const { from, to } = migrateDoc(this.doc);
      if (from !== to) this.log.info({ doc: this.name, from, to }, "migrated document");
    }
  }

  private handleUpdate(update: Uint8Array, origin: unknown): void {
    this.bytes += update.byteLength;
    if (origin === REMOTE_ORIGIN) {
      // Already stored by the node that received it; this node only forwards it.
      for (const listener of this.onStoredUpdate) listener(update, origin);
      if (this.docName.kind === "workshop") for (const listener of this.onAccessChange) listener(this);
      return;
    }
    if (this.batcher) {
      // The first update of a turn opens a link of the chain; the others of the turn join it.
      this.unstored.push({ update, origin });
      if (this.unstored.length === 1) this.persistChain = this.persistChain.then(() => this.storeTurn());
    } else {
      this.persistChain = this.persistChain
        .then(() => this.appendPatiently(update))
        .then(
          () => this.forward({ update, origin }),
          (err: unknown) => this.notStored(err),
        );
    }
    if (this.docName.kind === "workshop") for (const listener of this.onAccessChange) listener(this);
  }

  /** The updates queued since the last commit (the batcher takes them at the end of the turn). */
  takeUnstored(): Unstored[] {
    const taken = this.unstored;
    this.unstored = [];
    return taken;
  }

  /** One link of the chain with group commit: this turn's updates, stored together, then forwarded. */
  private async storeTurn(): Promise<void> {
    const batcher = this.batcher as AppendBatcher;
    const { stored, error } = await batcher.commit(this);
    if (error === null) {
      for (const u of stored) this.forward(u);
      return;
    }
    // The shared transaction failed (a full disk, say): each update is tried on its own, patiently and
    // in order, as without group commit.
    for (const u of stored) {
      try {
        await this.appendPatiently(u.update);
      } catch (err) {
        this.notStored(err);
        continue;
      }
      this.forward(u);
    }
  }

  private forward({ update, origin }: Unstored): void {
    for (const listener of this.onStoredUpdate) listener(update, origin);
    this.appendedSinceCompact++;
    if (this.appendedSinceCompact >= this.compactEvery) this.scheduleCompaction();
  }

  private notStored(err: unknown): void {
    // Not forwarding an update we could not store keeps the promise "what others saw is on disk".
    // The sender still has it and sends it again on its next sync.
    this.log.error({ err, doc: this.name }, "could not store an update; it was not forwarded");
  }

  /**
   * Compaction (encoding the whole document, rewriting its log) is work on the event loop that forwards
   * updates; inline, every `compactEvery`-th update and everything behind it waited for it. It runs once the
   * room has had no update for a moment, or at the latest when the log is four times as long.
   */
  private scheduleCompaction(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    if (this.appendedSinceCompact >= 4 * this.compactEvery) {
      this.queueCompaction();
      return;
    }
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      this.queueCompaction();
    }, COMPACT_WHEN_QUIET_MS);
    this.compactTimer.unref();
  }

  /** On the persist chain, so no append can slip in between. */
  private queueCompaction(): void {
    if (this.doc.isDestroyed) return;
    this.persistChain = this.persistChain.then(() => {
      if (this.appendedSinceCompact < this.compactEvery || this.doc.isDestroyed) return;
      // A failed compaction leaves the log as it was; it must not reject the chain, which would skip the
      // next update's append.
      return this.compact().catch((err: unknown) => {
        this.log.warn({ err, doc: this.name }, "could not compact the document; the log stays");
      });
    });
  }

  /**
   * Appends, trying again for a while when the store fails (a PostgreSQL restart, a failover, a full disk
   * being cleared): the updates behind it wait in order and are forwarded once stored, instead of being
   * dropped and seen only by their senders until those reconnect.
   */
  private async appendPatiently(update: Uint8Array): Promise<void> {
    for (let waited = 0, delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      try {
        return await this.append(update);
      } catch (err) {
        if (waited >= this.storeRetryMs || this.doc.isDestroyed) throw err;
        this.log.warn({ err, doc: this.name, waitedMs: waited }, "could not store an update; trying again");
        await new Promise((r) => setTimeout(r, delay));
        waited += delay;
      }
    }
  }

  private async append(update: Uint8Array): Promise<void> {
    if (!isSharedStore(this.store)) return this.store.appendUpdate(this.name, update);
    const at = await this.store.appendUpdateAt(this.name, update, this.position);
    if (at !== null) this.position = Math.max(this.position, at);
  }

  /**
   * Applies what other nodes appended since this copy's position (a shared store only). Called when a node
   * announces an append, and now and then in case an announcement was missed.
   */
  catchUp(): Promise<void> {
    const store = this.store;
    if (!isSharedStore(store) || this.doc.isDestroyed) return Promise.resolve();
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const run = async (): Promise<void> => {
      do {
        this.catchUpAgain = false;
        const { updates, position } = await store.readAfter(this.name, this.position);
        if (this.doc.isDestroyed) return;
        for (const update of updates) {
          try {
            Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
          } catch (err) {
            this.log.error({ err, doc: this.name }, "skipped a stored update that could not be applied");
          }
        }
        this.position = Math.max(this.position, position);
      } while (this.catchUpAgain);
    };
    this.catchingUp = run().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /** Where this copy is in a shared store's log (0 with any other store). */
  get logPosition(): LogPosition {
    return this.position;
  }

  /** Resolves once every update so far is stored. */
  flushed(): Promise<void> {
    return this.persistChain;
  }

  /** Folds the log into one snapshot. Runs on the persist chain, so no append can slip in between. */
  private async compact(): Promise<void> {
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.bytes = snapshot.byteLength;
    if (isSharedStore(this.store)) {
      // Only the rows this copy is known to hold: another node's later row stays in the log.
      await this.store.compactDocUpTo(this.name, snapshot, this.position);
    } else {
      await this.store.compactDoc(this.name, snapshot);
    }
    this.appendedSinceCompact = 1;
  }

  async close(): Promise<void> {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    await this.flushed();
    await this.catchingUp;
    if (this.appendedSinceCompact > 1) {
      this.persistChain = this.persistChain.then(() => this.compact());
      await this.flushed();
    }
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** The access rules' view of this workshop; only meaningful on the workshop room. */
  view(): WorkshopView {
    return workshopView(this.doc);
  }
}

interface Entry {
  ready: Promise<Room>;
  refs: number;
  unloadTimer: NodeJS.Timeout | null;
  closing: Promise<void> | null;
}

/**
 * Loads, shares and unloads rooms. A room is held by its connections and, for a workshop room, by the
 * rooms of its activities (their access depends on the workshop's control state, so it must stay loaded).
 */
export class RoomManager {
  private readonly entries = new Map<string, Entry>();
  /** Called with each room once it has loaded (several nodes relay its presence from here). */
  readonly onLoad = new Set<(room: Room) => void>();

  private readonly batcher: AppendBatcher | null;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: { idleUnloadMs: number; compactEvery: number; storeRetryMs?: number },
  ) {
    const appendUpdates = store.appendUpdates?.bind(store);
    this.batcher = appendUpdates && !isSharedStore(store) ? new AppendBatcher({ appendUpdates }) : null;
  }

  /** Loads (or shares) a room and holds it until `release`. */
  async acquire(name: string): Promise<Room> {
    for (;;) {
      const existing = this.entries.get(name);
      if (existing?.closing) {
        // Unloading writes a snapshot; wait for it so the reload sees everything.
        await existing.closing;
        continue;
      }
      const entry = existing ?? this.create(name);
      entry.refs++;
      if (entry.unloadTimer) {
        clearTimeout(entry.unloadTimer);
        entry.unloadTimer = null;
      }
      try {
        return await entry.ready;
      } catch (err) {
        entry.refs--;
        throw err;
      }
    }
  }

  release(room: Room): void {
    const entry = this.entries.get(room.name);
    if (!entry) return;
    entry.refs--;
    if (entry.refs <= 0 && !entry.closing && !entry.unloadTimer) {
      entry.unloadTimer = setTimeout(() => void this.unload(room.name), this.opts.idleUnloadMs);
      entry.unloadTimer.unref();
    }
  }

  private create(name: string): Entry {
    const docName = parseDocName(name);
    if (!docName) throw new Error(`invalid document name ${name}`);
    const entry: Entry = { ready: this.load(name, docName), refs: 0, unloadTimer: null, closing: null };
    this.entries.set(name, entry);
    entry.ready.catch((err: unknown) => {
      this.log.error({ err, doc: name }, "could not load document");
      if (this.entries.get(name) === entry) this.entries.delete(name);
    });
    return entry;
  }

  private async load(name: string, docName: DocName): Promise<Room> {
    const room = new Room(
      name,
      docName,
      this.store,
      this.log,
      this.opts.compactEvery,
      this.opts.storeRetryMs,
      this.batcher,
    );
    if (docName.kind !== "workshop") room.parent = await this.acquire(workshopDocName(docName.workshopId));
    try {
      await room.load();
    } catch (err) {
      if (room.parent) this.release(room.parent);
      throw err;
    }
    for (const listener of this.onLoad) listener(room);
    return room;
  }

  private async unload(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry || entry.refs > 0 || entry.closing) return;
    entry.unloadTimer = null;
    entry.closing = (async () => {
      const room = await entry.ready;
      try {
        await room.close();
      } catch (err) {
        this.log.error({ err, doc: name }, "error while unloading document");
      }
      this.entries.delete(name);
      if (room.parent) this.release(room.parent);
      this.log.debug({ doc: name }, "unloaded idle document");
    })();
    await entry.closing;
  }

  /** Rooms loaded right now (loaded or loading), by name. */
  loadedNames(): string[] {
    return [...this.entries.keys()];
  }

  /** A loaded room, without holding it. */
  async peek(name: string): Promise<Room | null> {
    const entry = this.entries.get(name);
    if (!entry || entry.closing) return null;
    return entry.ready.catch(() => null);
  }

  /** Writes and unloads every room (shutdown). Children first, so their parents are still there. */
  async closeAll(): Promise<void> {
    const names = [...this.entries.keys()].sort((a, b) => b.split("/").length - a.split("/").length);
    for (const name of names) {
      const entry = this.entries.get(name);
      if (!entry) continue;
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      entry.refs = 0;
      await this.unload(name);
    }
  }
}
