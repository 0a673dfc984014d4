/**
 * A lane's reasons ("why here", `reasons.ts` of the model) for React: read once per change of the lane's
 * `reasons` map and shared by every component of that lane, so 300 notes each asking for their count cost one
 * read per change, and a note re-renders only when its own count changes.
 */
import { listReasons, type Reason, reasonsByNote, reasonsMap } from "@continuum/model";
import type { NoteId } from "@continuum/protocol";
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";

interface ReasonsStore {
  get(): ReadonlyMap<NoteId, readonly Reason[]>;
  subscribe(listener: () => void): () => void;
}

const stores = new WeakMap<Y.Doc, ReasonsStore>();
const NONE: readonly Reason[] = [];

export function reasonsStore(doc: Y.Doc): ReasonsStore {
  let store = stores.get(doc);
  if (store) return store;
  let current: ReadonlyMap<NoteId, readonly Reason[]> = reasonsByNote(listReasons(doc));
  const listeners = new Set<() => void>();
  const map = reasonsMap(doc);
  map.observeDeep(() => {
    current = reasonsByNote(listReasons(doc));
    for (const l of listeners) l();
  });
  store = {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  stores.set(doc, store);
  return store;
}

/** One note's reasons, oldest first. */
export function useReasons(doc: Y.Doc, noteId: NoteId): readonly Reason[] {
  const store = reasonsStore(doc);
  return useSyncExternalStore(store.subscribe, () => store.get().get(noteId) ?? NONE);
}

/** How many reasons a note has: a note re-renders only when this number changes. */
export function useReasonCount(doc: Y.Doc, noteId: NoteId): number {
  const store = reasonsStore(doc);
  return useSyncExternalStore(store.subscribe, () => store.get().get(noteId)?.length ?? 0);
}

/** Every reason of a lane by note, for the comparison. */
export function useLaneReasons(doc: Y.Doc): ReadonlyMap<NoteId, readonly Reason[]> {
  const store = reasonsStore(doc);
  return useSyncExternalStore(store.subscribe, store.get);
}
