/**
 * Local UI state only: what this person has selected or opened, and the drag under their finger. Anything
 * other people should see lives in Yjs (documents, or awareness for drags in progress), never here.
 */
import type { ActivityId, GroupId, NoteId } from "@continuum/protocol";
import { create } from "zustand";

export interface DragInProgress {
  /** The note being moved, or the note id a tray aspect will get once placed. */
  noteId: NoteId;
  groupId: GroupId;
  /** Label shown on the card under the finger. */
  text: string;
  /** Where it was when the drag started (null); where it would land now is `useDragX`. */
  x: number | null;
}

export interface EditingNote {
  groupId: GroupId;
  noteId: NoteId;
  /** Open with the note's reasons ("why here") shown: W on a note. */
  why?: boolean;
}

export interface UiState {
  /** The note whose editor is open. */
  editing: EditingNote | null;
  /** Whether the "add a note" form is open. */
  adding: boolean;
  /** "lanes" shows the groups' lanes; "compare" the comparison across groups. */
  view: "lanes" | "compare";
  /** The facilitator's own choice of activity to look at (participants follow the facilitator). */
  facilitatorActivity: ActivityId | null;
  /**
   * A participant's own choice: an earlier activity they look back at (read only), or a board left open
   * between meetings. Null: they follow the facilitator's current activity.
   */
  looking: { activityId: ActivityId; readOnly: boolean } | null;
  drag: DragInProgress | null;
  /** The latest sentence for screen readers (polite live region). */
  announcement: string;
  /** A note to move keyboard focus to after it renders (a tray card placed with Enter). */
  focusNote: NoteId | null;
  openEditor(e: EditingNote | null): void;
  setAdding(open: boolean): void;
  setView(view: "lanes" | "compare"): void;
  setFacilitatorActivity(id: ActivityId | null): void;
  setLooking(looking: { activityId: ActivityId; readOnly: boolean } | null): void;
  setDrag(drag: DragInProgress | null): void;
  announce(text: string): void;
  setFocusNote(id: NoteId | null): void;
}

export const initialUi = {
  editing: null,
  adding: false,
  view: "lanes" as const,
  facilitatorActivity: null,
  looking: null,
  drag: null,
  announcement: "",
  focusNote: null,
};

export const useUi = create<UiState>()((set) => ({
  ...initialUi,
  openEditor: (editing) => set({ editing }),
  setAdding: (adding) => set({ adding }),
  setView: (view) => set({ view }),
  setFacilitatorActivity: (facilitatorActivity) => set({ facilitatorActivity }),
  setLooking: (looking) => set({ looking }),
  setDrag: (drag) => set({ drag }),
  // A trailing space alternates, so announcing the same sentence twice is still read out.
  announce: (text) => set((s) => ({ announcement: s.announcement === text ? `${text} ` : text })),
  setFocusNote: (focusNote) => set({ focusNote }),
}));

/**
 * Where the card under the finger would land now (0..100, or null off the scale), in a store of its own: it
 * changes on every pointer move, and in `useUi` each change ran the selectors of every note on the board
 * (two per note: 600 calls a move with 300 notes) for a value only the card under the finger shows.
 */
export const useDragX = create<{ x: number | null }>()(() => ({ x: null }));

/** Tests reset the store between cases. */
export function resetUi(): void {
  useUi.setState(initialUi);
  useDragX.setState({ x: null });
}
