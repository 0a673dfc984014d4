/**
 * Per-note subscriptions over a lane's `notes` map. A drag writes one note's `x` many times a second; only
 * that note's component should re-render, not the board. So the store keeps one snapshot per note and one
 * list of ids, and notifies the listeners of exactly what changed.
 */
import { getNote, listNotes, type ScaleNote } from "@continuum/model";
import type { NoteId } from "@continuum/protocol";
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";

export class LaneStore {
  private notes = new Map<NoteId, ScaleNote>();
  private ids: readonly NoteId[] = [];
  private allNotes: readonly ScaleNote[] = [];
  private readonly noteListeners = new Map<NoteId, Set<() => void>>();
  private readonly listListeners = new Set<() => void>();
  private readonly allListeners = new Set<() => void>();
  private readonly map: Y.Map<unknown>;

  constructor(readonly doc: Y.Doc) {
    this.map = doc.getMap<unknown>("notes");
    this.reloadAll();
    this.map.observeDeep(this.onChange);
  }

  private reloadAll(): void {
    const list = listNotes(this.doc);
    this.notes = new Map(list.map((n) => [n.id, n]));
    this.ids = list.map((n) => n.id);
    this.allNotes = list;
  }

  private readonly onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const touched = new Set<NoteId>();
    let listChanged = false;
    for (const event of events) {
      if (event.target === this.map) {
        // Keys added or removed at the top: the set of notes changed.
        listChanged = true;
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key as NoteId);
      } else {
        const key = event.path[0];
        if (typeof key === "string") touched.add(key as NoteId);
      }
    }
    for (const id of touched) {
      const note = getNote(this.doc, id);
      if (note) this.notes.set(id, note);
      else this.notes.delete(id);
    }
    if (listChanged) {
      const ids = listNotes(this.doc).map((n) => n.id);
      const same = ids.length === this.ids.length && ids.every((id, i) => id === this.ids[i]);
      if (!same) this.ids = ids;
      else listChanged = false;
    }
    this.allNotes = this.ids.map((id) => this.notes.get(id)).filter((n): n is ScaleNote => n !== undefined);
    for (const id of touched) for (const l of this.noteListeners.get(id) ?? []) l();
    if (listChanged) for (const l of this.listListeners) l();
    for (const l of this.allListeners) l();
  };

  getNote = (id: NoteId): ScaleNote | undefined => this.notes.get(id);
  getIds = (): readonly NoteId[] => this.ids;
  getAll = (): readonly ScaleNote[] => this.allNotes;

  subscribeNote(id: NoteId, l: () => void): () => void {
    let set = this.noteListeners.get(id);
    if (!set) {
      set = new Set();
      this.noteListeners.set(id, set);
    }
    set.add(l);
    return () => set.delete(l);
  }
  subscribeIds = (l: () => void): (() => void) => {
    this.listListeners.add(l);
    return () => this.listListeners.delete(l);
  };
  subscribeAll = (l: () => void): (() => void) => {
    this.allListeners.add(l);
    return () => this.allListeners.delete(l);
  };

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
  }
}

const stores = new WeakMap<Y.Doc, LaneStore>();

/** One store per document, shared by every component reading it. */
export function laneStore(doc: Y.Doc): LaneStore {
  let s = stores.get(doc);
  if (!s) {
    s = new LaneStore(doc);
    stores.set(doc, s);
    doc.once("destroy", () => s?.destroy());
  }
  return s;
}

export function useNote(store: LaneStore, id: NoteId): ScaleNote | undefined {
  return useSyncExternalStore(
    (l) => store.subscribeNote(id, l),
    () => store.getNote(id),
  );
}

export function useNoteIds(store: LaneStore): readonly NoteId[] {
  return useSyncExternalStore(store.subscribeIds, store.getIds);
}

/** Every note; for the tray (which aspects are placed) and the compare view, which need them all anyway. */
export function useAllNotes(store: LaneStore | null): readonly ScaleNote[] {
  return useSyncExternalStore(store ? store.subscribeAll : () => () => undefined, () =>
    store ? store.getAll() : EMPTY,
  );
}
const EMPTY: readonly ScaleNote[] = [];
