/**
 * The history of every workshop's scales (`packages/model/src/history.ts`): the server appends the moves it
 * sees in the lane updates it applies to `<workshopId>#moves`, a document no client can open, as one stored
 * update per client update that moved something.
 *
 * Each node writes with a writer document of its own per workshop (its own Yjs client id) that holds only
 * what this node appended, and never loads the rest: Yjs merges the appends of every node (and of this node
 * before a restart) when the whole history is read, and readers sort the moves by time. So appending costs
 * the same with 5 moves stored as with 5,000, no node has to read another's rows to write its own, and
 * several nodes recording one workshop need nothing but the shared store. A writer document is forgotten
 * after a while without moves (the next move starts a new one, with a new client id).
 *
 * The log is an append-only store document and is never compacted by a room (no room holds it); at about
 * 100 bytes a move, a 2-hour workshop's 5,000 moves are half a megabyte (docs/performance.md).
 */
import { appendMoves, historyDocName, listMoves, type Move } from "@continuum/model";
import type { WorkshopId } from "@continuum/protocol";
import * as Y from "yjs";
import type { Store } from "../store/types.ts";

const WRITER_IDLE_MS = 10 * 60_000;

interface Writer {
  doc: Y.Doc;
  lastUsed: number;
}

export class MoveLog {
  private readonly writers = new Map<WorkshopId, Writer>();
  /** The append in flight for a workshop, if any; at most one at a time per workshop on this node. */
  private readonly chains = new Map<WorkshopId, Promise<void>>();
  /** Moves recorded while an append was in flight: stored together by the next append. */
  private readonly waiting = new Map<WorkshopId, Uint8Array[]>();

  constructor(private readonly store: Store) {}

  /**
   * Records moves (from one applied update); resolves once they are stored. Never rejects.
   *
   * While one append of a workshop is being stored, the moves that follow wait and go into the store as one
   * merged update: a room of twenty people dragging makes a few appends a second, not one per drag step, so
   * the history never competes with the lanes' own updates for the database's connections.
   */
  record(workshopId: WorkshopId, moves: readonly Move[], now = Date.now()): Promise<void> {
    if (moves.length === 0) return this.flushed(workshopId);
    this.sweep(now);
    let writer = this.writers.get(workshopId);
    if (!writer) {
      writer = { doc: new Y.Doc(), lastUsed: now };
      this.writers.set(workshopId, writer);
    }
    writer.lastUsed = now;
    let update: Uint8Array | null = null;
    const grab = (u: Uint8Array) => {
      update = u;
    };
    writer.doc.on("update", grab);
    try {
      appendMoves(writer.doc, moves);
    } finally {
      writer.doc.off("update", grab);
    }
    const stored = update as Uint8Array | null;
    if (!stored) return this.flushed(workshopId);
    const queue = this.waiting.get(workshopId);
    if (queue) {
      queue.push(stored);
    } else {
      this.waiting.set(workshopId, [stored]);
    }
    const inFlight = this.chains.get(workshopId);
    if (inFlight) return inFlight.then(() => this.flushed(workshopId));
    return this.drain(workshopId);
  }

  /** Stores what is waiting as one update, then whatever arrived meanwhile, until nothing waits. */
  private drain(workshopId: WorkshopId): Promise<void> {
    const name = historyDocName(workshopId);
    const next = (async () => {
      for (;;) {
        const batch = this.waiting.get(workshopId);
        if (!batch || batch.length === 0) break;
        this.waiting.delete(workshopId);
        const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
        // A lost move is a gap in a replay, not a lost placement: it must never stop the lane's own update.
        await this.store.appendUpdate(name, merged).catch(() => undefined);
      }
    })();
    this.chains.set(workshopId, next);
    void next.then(() => {
      if (this.chains.get(workshopId) === next) this.chains.delete(workshopId);
    });
    return next;
  }

  /** Resolves once every move recorded so far for the workshop is stored. */
  flushed(workshopId: WorkshopId): Promise<void> {
    return this.chains.get(workshopId) ?? Promise.resolve();
  }

  /**
   * The stored history's updates (after this node's pending appends), for an export or the moves API. As
   * stored, one row per applied update that moved something: applying 5,000 such rows one by one measured
   * faster than `Y.mergeUpdates` of them first (docs/performance.md).
   */
  async updates(workshopId: WorkshopId): Promise<Uint8Array[]> {
    await this.flushed(workshopId);
    return this.store.loadDoc(historyDocName(workshopId));
  }

  /** Every stored move of a workshop (or one activity), oldest first. */
  async moves(workshopId: WorkshopId, activityId?: Move["activityId"]): Promise<Move[]> {
    const doc = new Y.Doc();
    try {
      for (const update of await this.updates(workshopId)) {
        try {
          Y.applyUpdate(doc, update);
        } catch {
          // One unreadable row does not lose the rest of the history.
        }
      }
      return listMoves(doc, activityId);
    } finally {
      doc.destroy();
    }
  }

  private sweep(now: number): void {
    for (const [id, w] of this.writers) {
      if (now - w.lastUsed > WRITER_IDLE_MS && !this.chains.has(id)) {
        w.doc.destroy();
        this.writers.delete(id);
      }
    }
  }
}

/**
 * One MoveLog per store: the sync service records into it and the HTTP routes read from it (their pending
 * appends must be awaited by the same instance), without threading it through every constructor.
 */
const logs = new WeakMap<Store, MoveLog>();
export function moveLogFor(store: Store): MoveLog {
  let log = logs.get(store);
  if (!log) {
    log = new MoveLog(store);
    logs.set(store, log);
  }
  return log;
}
