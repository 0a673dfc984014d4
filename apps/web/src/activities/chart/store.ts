/**
 * A chart's or prompt board's document as stores (`sync/docStore.ts`): its notes, one snapshot per note, and
 * its dots. A note's card selects that note only; a column selects its own note ids; the dots have a store of
 * their own. So one person editing one note re-renders that note and nothing else.
 */
import {
  ballotDots,
  ballotTotal,
  type ChartNote,
  type ColumnId,
  dotsUsed,
  getChartNote,
  listChartNotes,
  type NoteId,
  readBallotDotCount,
  readBallotVoters,
  readTally,
  voteCounts,
  voterCount,
  votesBy,
} from "@continuum/model";
import type * as Y from "yjs";
import { createStore, type StoreApi } from "zustand/vanilla";
import { type EntriesSpec, type EntryStore, entryStore } from "../../sync/docStore.ts";
import { useEntry, useListValue, useStoreValue } from "../../sync/useDocStore.ts";

/** Chart notes in display order; a note moves in it when its column or order changes. */
const CHART_NOTES: EntriesSpec<ChartNote> = {
  map: "notes",
  read: getChartNote,
  list: listChartNotes,
  orderFields: ["columnId", "order"],
};

/** Changes whenever a dot does, or the set of notes does (a removed note's dots stop counting). */
interface DotsState {
  readonly version: number;
}

export interface ChartStore {
  readonly doc: Y.Doc;
  /**
   * This person's ballot (their secret dots), while one is open: see `attachBallot`. Without one, dots are
   * read from and written to the chart itself, as before ballots (old workshops, and the unit tests).
   */
  ballot: Y.Doc | null;
  readonly notes: EntryStore<ChartNote>;
  readonly dots: StoreApi<DotsState>;
  /** How many times each note's snapshot changed (tests check narrowness with it). */
  readonly noteNotifications: ReadonlyMap<NoteId, number>;
}

const stores = new WeakMap<Y.Doc, ChartStore>();

/** The stores of a chart or board document; one per document, shared by every component showing it. */
export function chartStore(doc: Y.Doc): ChartStore {
  const existing = stores.get(doc);
  if (existing) return existing;
  const notes = entryStore(doc, CHART_NOTES);
  const dots = createStore<DotsState>(() => ({ version: 0 }));
  const bump = () => dots.setState((s) => ({ version: s.version + 1 }));
  doc.getMap("votes").observe(bump);
  // The totals the server publishes on the reveal, and how many have voted.
  doc.getMap("tally").observe(bump);
  doc.getMap("ballots").observe(bump);
  notes.subscribe((s, prev) => {
    if (s.ids !== prev.ids) bump();
  });
  const store: ChartStore = { doc, ballot: null, notes, dots, noteNotifications: notes.changes };
  stores.set(doc, store);
  return store;
}

const ballotListeners = new WeakMap<ChartStore, () => void>();

/** Reads and writes this person's dots in their ballot from now on (null: back to none). */
export function attachBallot(chart: ChartStore, ballot: Y.Doc | null): void {
  if (chart.ballot === ballot) return;
  const previous = chart.ballot;
  const listener = ballotListeners.get(chart);
  if (previous && listener) previous.getMap("dots").unobserve(listener);
  chart.ballot = ballot;
  const bump = () => chart.dots.setState((s) => ({ version: s.version + 1 }));
  ballotListeners.set(chart, bump);
  ballot?.getMap("dots").observe(bump);
  bump();
}

/** The ids of one column's notes, in order. */
export const columnNoteIds = (notes: readonly ChartNote[], columnId: ColumnId | string): NoteId[] =>
  notes.filter((n) => n.columnId === columnId).map((n) => n.id);

/** The columns notes are in, including columns that no longer exist. */
export const noteColumns = (notes: readonly ChartNote[]): string[] => [
  ...new Set(notes.map((n) => n.columnId as string)),
];

export interface VoteView {
  /** Dots per note, each voter counted for at most `budget` dots. */
  counts: ReadonlyMap<NoteId, number>;
  /** This person's dots per note. */
  mine: ReadonlyMap<NoteId, number>;
  used: number;
  voters: number;
  /** Dots placed in all (known before the reveal: the server publishes how far the vote has got). */
  placed: number;
}

// One view per (voter, budget) of the current dots, shared by every component reading it: the facilitator's
// screen reads two voters at once (their own dots on the board, "facilitator" in the voting controls).
const views = new WeakMap<DotsState, Map<string, VoteView>>();

/** The vote view for one voter and budget, the same object until a dot changes. */
export function voteView(chart: ChartStore, voterId: string, budget: number): VoteView {
  const state = chart.dots.getState();
  let cache = views.get(state);
  if (!cache) {
    cache = new Map();
    views.set(state, cache);
  }
  const key = `${voterId}|${budget}`;
  let view = cache.get(key);
  if (!view) {
    const doc = chart.doc;
    // Totals: what the server published from the ballots (only once revealed), plus any dots left in the
    // chart by voting from before ballots.
    const counts = voteCounts(doc, budget);
    for (const [id, n] of readTally(doc) ?? []) counts.set(id, (counts.get(id) ?? 0) + n);
    const ballot = chart.ballot;
    view = {
      counts,
      mine: ballot ? ballotDots(ballot) : votesBy(doc, voterId),
      used: ballot ? ballotTotal(ballot) : dotsUsed(doc, voterId),
      voters: Math.max(readBallotVoters(doc), voterCount(doc)),
      placed: Math.max(
        readBallotDotCount(doc),
        [...counts.values()].reduce((a, b) => a + b, 0),
      ),
    };
    cache.set(key, view);
  }
  return view;
}

// React ------------------------------------------------------------------------------------------------------

export const useChartNote = (chart: ChartStore, id: NoteId): ChartNote | undefined =>
  useEntry(chart.notes, id);

/** The ids of one column's notes; the same array until that column's membership or order changes. */
export const useColumnNoteIds = (chart: ChartStore, columnId: ColumnId | string): readonly NoteId[] =>
  useListValue(chart.notes, (s) => columnNoteIds(s.all, columnId));

export const useNoteColumns = (chart: ChartStore): readonly string[] =>
  useListValue(chart.notes, (s) => noteColumns(s.all));

/** Vote state, recomputed only when a dot (or the set of notes) changes. */
export const useVotes = (chart: ChartStore, voterId: string, budget: number): VoteView =>
  useStoreValue(chart.dots, () => voteView(chart, voterId, budget));

/** One note's dots: everyone's (budget-capped) and this voter's; re-renders only when these numbers change. */
export function useNoteDots(chart: ChartStore, id: NoteId, voterId: string, budget: number) {
  const total = useStoreValue(chart.dots, () => voteView(chart, voterId, budget).counts.get(id) ?? 0);
  const mine = useStoreValue(chart.dots, () => voteView(chart, voterId, budget).mine.get(id) ?? 0);
  return { total, mine };
}
