/**
 * Narrow subscriptions to a chart or board document and to the workshop document, for the activity
 * components. A note's component subscribes to that note only; the column layout (which note is where)
 * changes only when a note is added, removed or moved; votes have their own subscription. So one person
 * editing one note re-renders that note and nothing else.
 */
import {
  type ChartNote,
  type ColumnId,
  dotsUsed,
  getChartNote,
  listChartNotes,
  type NoteId,
  voteCounts,
  voterCount,
  votesBy,
} from "@continuum/model";
import { useCallback, useRef, useSyncExternalStore } from "react";
import * as Y from "yjs";

type Listener = () => void;

export interface ChartLayout {
  /** Note ids per column id, in column order (notes of columns that no longer exist are in `byColumn` too). */
  readonly byColumn: ReadonlyMap<string, readonly NoteId[]>;
}

export interface ChartStore {
  readonly doc: Y.Doc;
  getNote(id: NoteId): ChartNote | undefined;
  subscribeNote(id: NoteId, l: Listener): () => void;
  getLayout(): ChartLayout;
  subscribeLayout(l: Listener): () => void;
  /** A number that changes whenever any vote changes; read the votes with the model's functions. */
  getVotesVersion(): number;
  subscribeVotes(l: Listener): () => void;
  /** The vote view for one voter and budget, the same object until a vote changes. */
  getVoteView(voterId: string, budget: number): VoteView;
  /** How many times a note's listeners were told of a change (tests check narrowness with it). */
  readonly noteNotifications: Map<NoteId, number>;
}

const EMPTY: readonly NoteId[] = [];
const stores = new WeakMap<Y.Doc, ChartStore>();

function computeLayout(doc: Y.Doc): ChartLayout {
  const byColumn = new Map<string, NoteId[]>();
  for (const n of listChartNotes(doc)) {
    const list = byColumn.get(n.columnId);
    if (list) list.push(n.id);
    else byColumn.set(n.columnId, [n.id]);
  }
  return { byColumn };
}

/** The store of a chart or board document; one per document, shared by every component showing it. */
export function chartStore(doc: Y.Doc): ChartStore {
  const existing = stores.get(doc);
  if (existing) return existing;
  const notes = doc.getMap<unknown>("notes");
  const votes = doc.getMap<unknown>("votes");
  const noteCache = new Map<NoteId, ChartNote | undefined>();
  const noteListeners = new Map<NoteId, Set<Listener>>();
  const layoutListeners = new Set<Listener>();
  const voteListeners = new Set<Listener>();
  const noteNotifications = new Map<NoteId, number>();
  let layout: ChartLayout | null = null;
  let votesVersion = 0;
  // One view per (voter, budget) of the current votes: the facilitator's screen reads two voters at once (their
  // own dots on the board, "facilitator" in the voting controls); a single cached view alternated between them,
  // so each read returned a new object and React re-rendered without end.
  const voteViews = new Map<string, VoteView>();
  let voteViewsVersion = -1;

  const notifyNote = (id: NoteId) => {
    noteCache.delete(id);
    const ls = noteListeners.get(id);
    if (!ls) return;
    noteNotifications.set(id, (noteNotifications.get(id) ?? 0) + 1);
    for (const l of ls) l();
  };

  notes.observeDeep((events) => {
    let layoutChanged = false;
    const changed = new Set<NoteId>();
    for (const e of events) {
      if (e.target === notes) {
        // Notes added, replaced or removed.
        for (const key of (e as Y.YMapEvent<unknown>).keysChanged) changed.add(key as NoteId);
        layoutChanged = true;
        continue;
      }
      const key = e.path[0];
      if (typeof key !== "string") continue;
      changed.add(key as NoteId);
      const keys = e instanceof Y.YMapEvent ? (e as Y.YMapEvent<unknown>).keysChanged : null;
      if (!keys || keys.has("columnId") || keys.has("order")) layoutChanged = true;
    }
    for (const id of changed) notifyNote(id);
    if (layoutChanged) {
      layout = null;
      for (const l of layoutListeners) l();
    }
    // A removed note's dots stop counting.
    if (layoutChanged) {
      votesVersion++;
      for (const l of voteListeners) l();
    }
  });
  votes.observe(() => {
    votesVersion++;
    for (const l of voteListeners) l();
  });

  const store: ChartStore = {
    doc,
    getNote(id) {
      if (!noteCache.has(id)) noteCache.set(id, getChartNote(doc, id));
      return noteCache.get(id);
    },
    subscribeNote(id, l) {
      let ls = noteListeners.get(id);
      if (!ls) {
        ls = new Set();
        noteListeners.set(id, ls);
      }
      ls.add(l);
      return () => {
        ls.delete(l);
      };
    },
    getLayout() {
      if (!layout) layout = computeLayout(doc);
      return layout;
    },
    subscribeLayout(l) {
      layoutListeners.add(l);
      return () => layoutListeners.delete(l);
    },
    getVotesVersion: () => votesVersion,
    subscribeVotes(l) {
      voteListeners.add(l);
      return () => voteListeners.delete(l);
    },
    getVoteView(voterId, budget) {
      if (voteViewsVersion !== votesVersion) {
        voteViews.clear();
        voteViewsVersion = votesVersion;
      }
      const key = `${voterId}|${budget}`;
      const cached = voteViews.get(key);
      if (cached) return cached;
      const value: VoteView = {
        counts: voteCounts(doc, budget),
        mine: votesBy(doc, voterId),
        used: dotsUsed(doc, voterId),
        voters: voterCount(doc),
      };
      voteViews.set(key, value);
      return value;
    },
    noteNotifications,
  };
  stores.set(doc, store);
  return store;
}

export function useChartNote(store: ChartStore, id: NoteId): ChartNote | undefined {
  return useSyncExternalStore(
    useCallback((l: Listener) => store.subscribeNote(id, l), [store, id]),
    () => store.getNote(id),
  );
}

/** The ids of one column's notes; the same array until that column's membership or order changes. */
export function useColumnNoteIds(store: ChartStore, columnId: ColumnId | string): readonly NoteId[] {
  const last = useRef<readonly NoteId[]>(EMPTY);
  return useSyncExternalStore(
    useCallback((l: Listener) => store.subscribeLayout(l), [store]),
    () => {
      const next = store.getLayout().byColumn.get(columnId) ?? EMPTY;
      const prev = last.current;
      if (prev.length === next.length && prev.every((id, i) => id === next[i])) return prev;
      last.current = next;
      return next;
    },
  );
}

export function useLayout(store: ChartStore): ChartLayout {
  return useSyncExternalStore(
    useCallback((l: Listener) => store.subscribeLayout(l), [store]),
    () => store.getLayout(),
  );
}

export interface VoteView {
  /** Dots per note, each voter counted for at most `budget` dots. */
  counts: ReadonlyMap<NoteId, number>;
  /** This person's dots per note. */
  mine: ReadonlyMap<NoteId, number>;
  used: number;
  voters: number;
}

/** Vote state, recomputed only when a vote (or the set of notes) changes. */
export function useVotes(store: ChartStore, voterId: string, budget: number): VoteView {
  return useSyncExternalStore(
    useCallback((l: Listener) => store.subscribeVotes(l), [store]),
    () => store.getVoteView(voterId, budget),
  );
}

/** One note's dots: everyone's (budget-capped) and this voter's; re-renders only when these numbers change. */
export function useNoteDots(store: ChartStore, id: NoteId, voterId: string, budget: number) {
  const subscribe = useCallback((l: Listener) => store.subscribeVotes(l), [store]);
  const total = useSyncExternalStore(subscribe, () => store.getVoteView(voterId, budget).counts.get(id) ?? 0);
  const mine = useSyncExternalStore(subscribe, () => store.getVoteView(voterId, budget).mine.get(id) ?? 0);
  return { total, mine };
}

// Workshop document ----------------------------------------------------------------------------------------

const versions = new WeakMap<Y.Doc, { n: number; listeners: Set<Listener> }>();

function docVersion(doc: Y.Doc) {
  let v = versions.get(doc);
  if (!v) {
    const created = { n: 0, listeners: new Set<Listener>() };
    doc.on("afterTransaction", (tr: Y.Transaction) => {
      if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
      created.n++;
      for (const l of created.listeners) l();
    });
    versions.set(doc, created);
    v = created;
  }
  return v;
}

/**
 * A value selected from a document, re-rendering only when the selected value changes (compared as JSON,
 * so the component gets the same object back while it is unchanged). `key` names what the selector depends
 * on besides the document (e.g. an activity id), so a new key recomputes at once.
 */
export function useDocSelector<T>(doc: Y.Doc, key: string, select: (doc: Y.Doc) => T): T {
  const cache = useRef<{ version: number; key: string; json: string; value: T } | null>(null);
  const subscribe = useCallback(
    (l: Listener) => {
      const v = docVersion(doc);
      v.listeners.add(l);
      return () => {
        v.listeners.delete(l);
      };
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => {
    const version = docVersion(doc).n;
    const c = cache.current;
    if (c && c.version === version && c.key === key) return c.value;
    const value = select(doc);
    const json = JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v)) ?? "undefined";
    if (c && c.key === key && c.json === json) {
      c.version = version;
      return c.value;
    }
    cache.current = { version, key, json, value };
    return value;
  });
}
