/**
 * A workshop's documents for an export, as raw Yjs updates: read through the RoomManager for the server
 * (so what people are doing right now is included), or straight from a store for the command line (the
 * server appends every update before it forwards it, so the store has everything anyone has seen).
 *
 * Updates rather than documents, so that building the snapshot and rendering it (work that grows with the
 * size of a workshop) can happen in a worker thread, away from the event loop that carries everyone's sync.
 */
import { snapshotFromDocs, type WorkshopSnapshot } from "@continuum/export";
import { historyDocName, migrateDoc } from "@continuum/model";
import { parseDocName, type WorkshopId, workshopDocName } from "@continuum/protocol";
import * as Y from "yjs";
import type { Store } from "../store/types.ts";
import { moveLogFor } from "../sync/moveLog.ts";
import type { Room, RoomManager } from "../sync/rooms.ts";

/** Every document of one workshop, by name, as the updates that make it. */
export interface WorkshopUpdates {
  workshopId: WorkshopId;
  workshop: Uint8Array[];
  docs: Map<string, Uint8Array[]>;
}

/** Names of every stored document of a workshop besides the workshop document, that parse as ours. */
async function childDocNames(
  store: Store,
  id: WorkshopId,
  alsoLoaded: readonly string[] = [],
): Promise<string[]> {
  const names = new Set(await store.listDocs(`${id}/`));
  for (const name of alsoLoaded) if (name.startsWith(`${id}/`)) names.add(name);
  return [...names].filter((name) => parseDocName(name)?.workshopId === id).sort();
}

/**
 * A workshop's documents read through the RoomManager: loaded rooms give their live state, others are
 * loaded from the store (and unloaded again once idle). Only documents that exist are opened, so an export
 * never creates a lane or chart document as a side effect.
 */
export async function updatesFromRooms(
  store: Store,
  rooms: RoomManager,
  id: WorkshopId,
  /** Whether the export needs the history of moves (the archive and the moves file); read only then. */
  options: { history?: boolean } = {},
): Promise<WorkshopUpdates> {
  const held: Room[] = [];
  try {
    const workshop = await rooms.acquire(workshopDocName(id));
    held.push(workshop);
    const docs = new Map<string, Uint8Array[]>();
    for (const name of await childDocNames(store, id, rooms.loadedNames())) {
      const room = await rooms.acquire(name);
      held.push(room);
      docs.set(name, [Y.encodeStateAsUpdate(room.doc)]);
    }
    // The history of moves (HIST-1): a store document no room holds, read after this node's pending appends.
    const history = options.history === false ? [] : await moveLogFor(store).updates(id);
    if (history.length > 0) docs.set(historyDocName(id), history);
    return { workshopId: id, workshop: [Y.encodeStateAsUpdate(workshop.doc)], docs };
  } finally {
    for (const room of held.reverse()) rooms.release(room);
  }
}

/** A workshop's documents straight from a store (the command line, with no server running). */
export async function updatesFromStore(store: Store, id: WorkshopId): Promise<WorkshopUpdates> {
  const docs = new Map<string, Uint8Array[]>();
  for (const name of await childDocNames(store, id)) docs.set(name, await store.loadDoc(name));
  const history = await store.loadDoc(historyDocName(id));
  if (history.length > 0) docs.set(historyDocName(id), history);
  return { workshopId: id, workshop: await store.loadDoc(workshopDocName(id)), docs };
}

/** A document rebuilt from its updates and migrated in memory (nothing is written back). */
function docFromUpdates(name: string, updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      // Same rule as the server's rooms: one unreadable row does not lose the rest of the document.
    }
  }
  // The history document is plain data, with no kind and nothing to migrate.
  if (name.endsWith("#moves")) return doc;
  const parsed = parseDocName(name)?.kind;
  // A person's private words on a prompt board (ACC-12) are laid out as a board.
  // A person's own scale in an individual round (ACC-13) is laid out as a lane.
  const kind = parsed === "words" ? "board" : parsed === "solo" ? "lane" : parsed;
  if (doc.store.clients.size > 0) migrateDoc(doc, kind ? { kind } : {});
  return doc;
}

/** The snapshot the exports are made from. */
export function snapshotFromUpdates(updates: WorkshopUpdates, now = Date.now()): WorkshopSnapshot {
  const workshopDoc = docFromUpdates(workshopDocName(updates.workshopId), updates.workshop);
  const docs = new Map<string, Y.Doc>();
  for (const [name, list] of updates.docs) docs.set(name, docFromUpdates(name, list));
  try {
    return snapshotFromDocs(workshopDoc, docs, { now });
  } finally {
    workshopDoc.destroy();
    for (const doc of docs.values()) doc.destroy();
  }
}
