/**
 * The one binding of a Y.Doc to a store, framework-free (zustand's vanilla `createStore`, the way zustand keeps
 * `vanilla.ts` apart from `react.ts`); `useDocStore.ts` puts React on top. Both shapes read the document only
 * through the model's validated readers:
 *
 * - `readerStore(doc, read)`: the whole document as plain objects (`readWorkshop`), read again after each
 *   transaction that changed it.
 * - `entryStore(doc, spec)`: the entries of one top-level map (a lane's or a chart's notes) kept one snapshot
 *   per entry. A drag writes one note's `x` many times a second: that replaces that note's snapshot only, the
 *   id list only when the set or order of notes changes, so a component that selects one note re-renders for
 *   that note alone and the board does not re-render at all.
 */
import type { NoteId } from "@continuum/protocol";
import * as Y from "yjs";
import { createStore, type StoreApi } from "zustand/vanilla";

// Whole documents ----------------------------------------------------------------------------------------

/** Calls `onChange` after each transaction that changed the document (not after empty ones). */
function afterChange(doc: Y.Doc, onChange: () => void): void {
  doc.on("afterTransaction", (tr: Y.Transaction) => {
    if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
    onChange();
  });
}

/** One store per (spec, document): made on first use, shared by every reader after. */
function perDoc<S>(
  cache: WeakMap<object, WeakMap<Y.Doc, unknown>>,
  spec: object,
  doc: Y.Doc,
  make: () => S,
): S {
  let stores = cache.get(spec);
  if (!stores) {
    stores = new WeakMap();
    cache.set(spec, stores);
  }
  if (!stores.has(doc)) stores.set(doc, make());
  return stores.get(doc) as S;
}

const readerStores = new WeakMap<object, WeakMap<Y.Doc, unknown>>();

/** The document as `read` returns it, the same object until the document changes; one store per doc and reader. */
export function readerStore<T extends object>(doc: Y.Doc, read: (doc: Y.Doc) => T): StoreApi<T> {
  return perDoc(readerStores, read, doc, () => {
    const store = createStore<T>(() => read(doc));
    afterChange(doc, () => store.setState(read(doc), true));
    return store;
  });
}

// Entries of a map ---------------------------------------------------------------------------------------

export interface EntriesState<V> {
  /** Each entry by id: the same object until that entry changes. */
  readonly byId: ReadonlyMap<NoteId, V>;
  /** The ids in the reader's order: the same array until the set or the order of entries changes. */
  readonly ids: readonly NoteId[];
  /** Every entry in that order. */
  readonly all: readonly V[];
}

export interface EntriesSpec<V extends { readonly id: NoteId }> {
  /** The top-level Y.Map holding the entries. */
  readonly map: string;
  /** One entry, validated; undefined when absent or malformed. */
  readonly read: (doc: Y.Doc, id: NoteId) => V | undefined;
  /** Every valid entry, in display order. */
  readonly list: (doc: Y.Doc) => readonly V[];
  /** Fields of an entry whose change can move it in that order (a chart note's column and order). */
  readonly orderFields?: readonly string[];
}

export interface EntryStore<V> extends StoreApi<EntriesState<V>> {
  readonly doc: Y.Doc;
  /** How many times each entry's snapshot was replaced: tests check with it that a change stayed narrow. */
  readonly changes: ReadonlyMap<NoteId, number>;
}

/**
 * Which entries a batch of events touched, and whether the order may have changed: keys added or removed at
 * the top, or (with `orderFields`) a change inside an entry that is not a plain map or touches those fields.
 */
export function touchedEntries(
  map: Y.Map<unknown>,
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  orderFields: readonly string[],
): { touched: Set<NoteId>; reorder: boolean } {
  const touched = new Set<NoteId>();
  let reorder = false;
  for (const event of events) {
    if (event.target === map) {
      reorder = true;
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key as NoteId);
      continue;
    }
    const key = event.path[0];
    if (typeof key !== "string") continue;
    touched.add(key as NoteId);
    if (orderFields.length === 0) continue;
    const keys = event instanceof Y.YMapEvent ? (event as Y.YMapEvent<unknown>).keysChanged : null;
    if (!keys || orderFields.some((f) => keys.has(f))) reorder = true;
  }
  return { touched, reorder };
}

function entriesOf<V>(ids: readonly NoteId[], byId: ReadonlyMap<NoteId, V>): V[] {
  return ids.map((id) => byId.get(id)).filter((v): v is V => v !== undefined);
}

const entryStores = new WeakMap<object, WeakMap<Y.Doc, unknown>>();

/** The store of one map's entries; one per document and spec, shared by every component reading it. */
export function entryStore<V extends { readonly id: NoteId }>(
  doc: Y.Doc,
  spec: EntriesSpec<V>,
): EntryStore<V> {
  return perDoc(entryStores, spec, doc, () => makeEntryStore(doc, spec));
}

function makeEntryStore<V extends { readonly id: NoteId }>(doc: Y.Doc, spec: EntriesSpec<V>): EntryStore<V> {
  const map = doc.getMap<unknown>(spec.map);
  const initial = spec.list(doc);
  const base = createStore<EntriesState<V>>(() => ({
    byId: new Map(initial.map((v) => [v.id, v])),
    ids: initial.map((v) => v.id),
    all: initial,
  }));
  const changes = new Map<NoteId, number>();
  const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const { touched, reorder } = touchedEntries(map, events, spec.orderFields ?? []);
    if (touched.size === 0 && !reorder) return;
    const prev = base.getState();
    const byId = new Map(prev.byId);
    for (const id of touched) {
      const value = spec.read(doc, id);
      if (value) byId.set(id, value);
      else byId.delete(id);
      changes.set(id, (changes.get(id) ?? 0) + 1);
    }
    let ids = prev.ids;
    if (reorder) {
      const next = spec.list(doc).map((v) => v.id);
      if (!sameList(next, ids)) ids = next;
    }
    base.setState({ byId, ids, all: entriesOf(ids, byId) }, true);
  };
  map.observeDeep(onEvents);
  doc.once("destroy", () => map.unobserveDeep(onEvents));
  return { ...base, doc, changes };
}

// Comparing selections -----------------------------------------------------------------------------------

/**
 * Structural equality of plain data (what the model's readers return: objects, arrays, Maps, primitives), so
 * a selection that reads the same as before is handed back as the same object.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameData(v, b.get(k))) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameData(ra[k], rb[k]));
}

/** Two id lists with the same ids in the same order. */
export const sameList = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
