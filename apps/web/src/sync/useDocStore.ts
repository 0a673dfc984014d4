/**
 * React on top of `docStore.ts`: `useStoreValue` subscribes to a store with a selector, and a component
 * re-renders only when what it selected changed (by `Object.is`, or the equality given). The selector may be
 * a new function each render; what it depends on besides the store (an id, a voter) is simply read again.
 */
import { readWorkshop, type Workshop } from "@continuum/model";
import type { NoteId } from "@continuum/protocol";
import { useRef, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import type { StoreApi } from "zustand/vanilla";
import { type EntryStore, readerStore, sameData, sameList } from "./docStore.ts";

export function useStoreValue<S, T>(
  store: StoreApi<S>,
  select: (state: S) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<{ state: S; select: (state: S) => T; value: T } | null>(null);
  return useSyncExternalStore(store.subscribe, () => {
    const state = store.getState();
    const c = last.current;
    if (c && c.state === state && c.select === select) return c.value;
    const value = select(state);
    // The same selection as before: hand back the object React already has.
    const kept = c && equal(c.value, value) ? c.value : value;
    last.current = { state, select, value: kept };
    return kept;
  });
}

/** One entry (a note): re-renders when that entry changes, not when another one does. */
export function useEntry<V>(store: EntryStore<V>, id: NoteId): V | undefined {
  return useStoreValue(store, (s) => s.byId.get(id));
}

/** The ids in order: re-renders when entries are added, removed or reordered, not when one is edited. */
export function useEntryIds<V>(store: EntryStore<V>): readonly NoteId[] {
  return useStoreValue(store, (s) => s.ids);
}

/** Every entry, for views that need them all (the tray, which aspects are placed). */
export function useEntries<V>(store: EntryStore<V>): readonly V[] {
  return useStoreValue(store, (s) => s.all);
}

/** A list selected from a store, the same array while its items are the same. */
export function useListValue<S, T>(store: StoreApi<S>, select: (state: S) => readonly T[]): readonly T[] {
  return useStoreValue(store, select, sameList);
}

/** The workshop document as plain, validated objects (null while there is no document). */
export function useWorkshop(doc: Y.Doc | null): Workshop | null {
  const store = doc ? readerStore(doc, readWorkshop) : null;
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getState ?? noWorkshop);
}
const noSubscription = () => () => undefined;
const noWorkshop = () => null;

/**
 * Part of the workshop document, e.g. `(w) => w.groups`: re-renders only when that part reads differently
 * (compared as data, so a new but equal array is not a change).
 */
export function useWorkshopValue<T>(doc: Y.Doc, select: (w: Workshop, doc: Y.Doc) => T): T {
  return useStoreValue(readerStore(doc, readWorkshop), (w) => select(w, doc), sameData);
}
