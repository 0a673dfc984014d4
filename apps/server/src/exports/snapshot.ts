/**
 * A workshop's snapshot for an export: read through the RoomManager for the server (so what people are
 * doing right now is included), or straight from a store for the command line (the server appends every
 * update before it forwards it, so the store has everything anyone has seen).
 */
import { snapshotFromDocs, type WorkshopSnapshot } from "@continuum/export";
import { migrateDoc } from "@continuum/model";
import { parseDocName, type WorkshopId, workshopDocName } from "@continuum/protocol";
import * as Y from "yjs";
import type { Store } from "../store/types.ts";
import type { Room, RoomManager } from "../sync/rooms.ts";

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
 * The snapshot of a workshop read through the RoomManager: loaded rooms give their live state, others are
 * loaded from the store (and unloaded again once idle). Only documents that exist are opened, so an export
 * never creates a lane or chart document as a side effect.
 */
export async function snapshotFromRooms(
  store: Store,
  rooms: RoomManager,
  id: WorkshopId,
  now = Date.now(),
): Promise<WorkshopSnapshot> {
  const held: Room[] = [];
  try {
    const workshop = await rooms.acquire(workshopDocName(id));
    held.push(workshop);
    const docs = new Map<string, Y.Doc>();
    for (const name of await childDocNames(store, id, rooms.loadedNames())) {
      const room = await rooms.acquire(name);
      held.push(room);
      docs.set(name, room.doc);
    }
    return snapshotFromDocs(workshop.doc, docs, { now });
  } finally {
    for (const room of held.reverse()) rooms.release(room);
  }
}

/** A document rebuilt from its stored updates and migrated in memory (nothing is written back). */
async function docFromStore(store: Store, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await store.loadDoc(name)) {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      // Same rule as the server's rooms: one unreadable row does not lose the rest of the document.
    }
  }
  const kind = parseDocName(name)?.kind;
  if (doc.store.clients.size > 0) migrateDoc(doc, kind ? { kind } : {});
  return doc;
}

/** The snapshot of a workshop read straight from a store (the command line, with no server running). */
export async function snapshotFromStore(
  store: Store,
  id: WorkshopId,
  now = Date.now(),
): Promise<WorkshopSnapshot> {
  const workshopDoc = await docFromStore(store, workshopDocName(id));
  const docs = new Map<string, Y.Doc>();
  for (const name of await childDocNames(store, id)) docs.set(name, await docFromStore(store, name));
  try {
    return snapshotFromDocs(workshopDoc, docs, { now });
  } finally {
    workshopDoc.destroy();
    for (const doc of docs.values()) doc.destroy();
  }
}
