/**
 * A lane's notes as a store (`sync/docStore.ts`): one snapshot per note and one list of ids. A drag writes one
 * note's `x` many times a second; only that note's component re-renders (`useNote`), not the lane.
 */
import { getNote, listNotes, type ScaleNote } from "@continuum/model";
import type { NoteId } from "@continuum/protocol";
import type * as Y from "yjs";
import { type EntriesSpec, type EntryStore, entryStore } from "../../sync/docStore.ts";
import { useEntries, useEntry, useEntryIds } from "../../sync/useDocStore.ts";

/** Scale notes in the order they were made; moving a note never reorders the list. */
const LANE_NOTES: EntriesSpec<ScaleNote> = { map: "notes", read: getNote, list: listNotes };

export type LaneStore = EntryStore<ScaleNote>;

/** One store per lane document, shared by every component reading it. */
export const laneStore = (doc: Y.Doc): LaneStore => entryStore(doc, LANE_NOTES);

export const useNote = (store: LaneStore, id: NoteId): ScaleNote | undefined => useEntry(store, id);
export const useNoteIds = (store: LaneStore): readonly NoteId[] => useEntryIds(store);
/** Every note; for the tray (which aspects are placed), which needs them all anyway. */
export const useAllNotes = (store: LaneStore): readonly ScaleNote[] => useEntries(store);
