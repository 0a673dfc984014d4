import { type GroupMark, moveNote } from "@continuum/model";
import type { GroupId, NoteId } from "@continuum/protocol";
import { type DraggableSyntheticListeners, useDraggable } from "@dnd-kit/core";
import {
  createContext,
  type KeyboardEvent,
  memo,
  type PointerEvent,
  type ReactNode,
  type TouchEvent,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import type * as Y from "yjs";
import { useUi } from "../../app/ui.ts";
import { i18n } from "../../i18n/i18n.ts";
import { GroupBadge } from "../../ui/GroupBadge.tsx";
import { clampPosition, noteLabel, positionText } from "./describe.ts";
import { recentlyDragged } from "./dragGuard.ts";
import { type LaneStore, useNote } from "./laneStore.ts";
import { useReasonCount } from "./reasons/reasonsStore.ts";

export interface NoteProps {
  store: LaneStore;
  doc: Y.Doc;
  id: NoteId;
  groupId: GroupId;
  groupName: string;
  /** The group's initial and mark, shown on the note so the group is known without colour. */
  initial?: string;
  mark?: GroupMark;
  /** The scale's right-hand label, for the position in words. */
  rightLabel: string;
  editable: boolean;
  /** The words every note of the lane shows, looked up once per lane (see `NoteWords`). */
  words: NoteWords;
}

/**
 * The interface words a note needs, looked up by the lane and passed down: with a `useTranslation` in each
 * note, opening a lane of 300 notes spent a fifth of its script time in i18next's hook and lookups on a slow
 * tablet. A new language gives a new object, so every note re-renders in it.
 */
export interface NoteWords {
  movable: string;
  role: string;
  empty: string;
}

/** Data a note carries while dragged, read back when it is dropped. */
export interface NoteDragData {
  kind: "note";
  groupId: GroupId;
  noteId: NoteId;
  /** The note's words when they are read (at pick-up and drop), not when the note last rendered. */
  readonly text: string;
}

/**
 * Renders of note bodies since the page loaded: a test reads it to check that picking a note up, letting it go
 * or moving one note with the keyboard does not re-render the other notes.
 */
export const noteRenders = { body: 0 };

/**
 * Why notes are not each a `useDraggable`: that hook reads dnd-kit's context, which changes several times when
 * any drag starts and ends, so with 300 notes every pick-up and drop re-rendered 300 components (about a
 * second on a slow tablet, docs/performance.md). Instead there is one draggable for the whole board
 * (`NotePicker`): a press on a note hands the note's element and data to it and passes the press on to
 * dnd-kit's sensors, which then behave as before (mouse and pen after 6 px, a finger after a 180 ms hold).
 * The notes themselves never read dnd-kit's context; the note being dragged learns it from the drag in the UI
 * store, so a pick-up or drop re-renders that note and the board's single draggable only.
 */
type PressKind = "onPointerDown" | "onTouchStart";
interface Armed {
  dndId: string;
  data: NoteDragData;
  el: HTMLElement;
}
interface Picker {
  armed: Armed | null;
  listeners: DraggableSyntheticListeners;
  setArmed: ((a: Armed) => void) | null;
}
const PickerContext = createContext<Picker | null>(null);

/** Hands a press on a note to the board's one draggable, then to dnd-kit's sensor for that kind of press. */
function press(picker: Picker, kind: PressKind, event: PointerEvent | TouchEvent, data: NoteDragData) {
  const el = event.currentTarget as HTMLElement;
  const dndId = `note:${data.groupId}:${data.noteId}`;
  const setArmed = picker.setArmed;
  if (!setArmed) return;
  if (picker.armed?.el !== el || picker.armed.dndId !== dndId) {
    // Synchronously, so dnd-kit knows the node under this very press (registered in a layout effect).
    flushSync(() => setArmed({ dndId, data, el }));
  }
  const listener = picker.listeners?.[kind] as ((e: PointerEvent | TouchEvent) => void) | undefined;
  listener?.(event);
}

/** Inside the `DndContext`, around the lanes: makes the notes below draggable. */
export function NotePicker({ children }: { children: ReactNode }) {
  const picker = useMemo<Picker>(() => ({ armed: null, listeners: undefined, setArmed: null }), []);
  return (
    <PickerContext.Provider value={picker}>
      {children}
      <PickedNote picker={picker} />
    </PickerContext.Provider>
  );
}

/** The one draggable: whichever note was pressed last. Renders nothing. */
function PickedNote({ picker }: { picker: Picker }) {
  const [armed, setArmed] = useState<Armed | null>(null);
  const { listeners, setNodeRef } = useDraggable({
    id: armed?.dndId ?? "note:none",
    data: armed?.data,
    disabled: armed === null,
  });
  useLayoutEffect(() => {
    setNodeRef(armed?.el ?? null);
    picker.armed = armed;
    picker.listeners = listeners;
    picker.setArmed = setArmed;
  }, [armed, listeners, setNodeRef, picker]);
  useLayoutEffect(
    () => () => {
      picker.setArmed = null;
    },
    [picker],
  );
  return null;
}

/**
 * One note on the scale. It subscribes to its own entry only, so a note being dragged by someone else
 * re-renders itself and nothing else; and it does not read dnd-kit's context (see `NotePicker`).
 */
export const Note = memo(function Note({
  store,
  doc,
  id,
  groupId,
  groupName,
  initial,
  mark,
  rightLabel,
  editable,
  words,
}: NoteProps) {
  noteRenders.body++;
  const note = useNote(store, id);
  const reasons = useReasonCount(doc, id);
  const picker = useContext(PickerContext);
  // One object for the note's lifetime; the text is looked up when dnd-kit reads it.
  const data = useMemo<NoteDragData>(
    () => ({
      kind: "note",
      groupId,
      noteId: id,
      get text() {
        return store.getState().byId.get(id)?.text ?? "";
      },
    }),
    [store, groupId, id],
  );
  // Only the note being dragged, or the one that should take focus, re-renders when these change.
  const isDragging = useUi((s) => s.drag !== null && s.drag.noteId === id && s.drag.groupId === groupId);
  // A placed card's note takes focus in the lane where it was placed: after a reveal another group's lane
  // holds a note with the same id (a note's id comes from its aspect), which this person cannot move.
  const takeFocus = useUi((s) => s.focusNote === id) && editable;
  const ref = useRef<HTMLButtonElement | null>(null);
  const onPointerDown = useCallback(
    (e: PointerEvent) => {
      if (picker) press(picker, "onPointerDown", e, data);
    },
    [picker, data],
  );
  const onTouchStart = useCallback(
    (e: TouchEvent) => {
      if (picker) press(picker, "onTouchStart", e, data);
    },
    [picker, data],
  );

  // A tray card placed with the keyboard hands focus to its new note, so arrows can move it at once.
  useEffect(() => {
    if (takeFocus && ref.current) {
      ref.current.focus();
      useUi.getState().setFocusNote(null);
    }
  }, [takeFocus]);

  if (!note) return null;
  const label = `${noteLabel(note.text, groupName, note.x, rightLabel)}${
    reasons > 0 ? `, ${i18n.t("scale.reasons", { count: reasons })}` : ""
  }`;

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    // W opens the note's reasons ("why here"), for everyone who can see the note.
    if ((e.key === "w" || e.key === "W") && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      useUi.getState().openEditor({ groupId, noteId: id, why: true });
      return;
    }
    if (!editable) return;
    const step = e.shiftKey ? 1 : 5;
    let x: number | null = null;
    let y: number | undefined;
    if (e.key === "ArrowRight") x = note.x + step;
    else if (e.key === "ArrowLeft") x = note.x - step;
    else if (e.key === "Home") x = 0;
    else if (e.key === "End") x = 100;
    // Up and down choose the row (the lane's layout has three preferred rows: y 0, 50 and 100).
    else if (e.key === "ArrowUp") {
      x = note.x;
      y = Math.max(0, note.y - 50);
    } else if (e.key === "ArrowDown") {
      x = note.x;
      y = Math.min(100, note.y + 50);
    }
    if (x === null) return;
    e.preventDefault();
    const nx = clampPosition(x);
    moveNote(doc, id, nx, y);
    useUi.getState().announce(
      i18n.t("scale.moved", {
        text: note.text || i18n.t("scale.aNote"),
        position: positionText(nx, rightLabel),
      }),
    );
  };

  return (
    <button
      type="button"
      ref={ref}
      // What dnd-kit's `useDraggable` used to put on the note: disabled when it cannot be moved, pressed while
      // it is being dragged.
      aria-disabled={!editable}
      aria-pressed={isDragging ? true : undefined}
      aria-roledescription={editable ? words.movable : words.role}
      aria-describedby={editable ? "note-help" : undefined}
      aria-label={label}
      data-note-id={id}
      data-x={Math.round(note.x)}
      className={`note colour-${note.colour}${isDragging ? " is-dragging" : ""}${editable ? " is-editable" : ""}`}
      onPointerDown={editable ? onPointerDown : undefined}
      onTouchStart={editable ? onTouchStart : undefined}
      onKeyDown={onKeyDown}
      onClick={() => {
        if (recentlyDragged()) return;
        useUi.getState().openEditor({ groupId, noteId: id });
      }}
    >
      <span className="note-text">{note.text || words.empty}</span>
      {reasons > 0 ? (
        <span className="note-why" aria-hidden="true">
          {i18n.t("scale.why", { count: reasons })}
        </span>
      ) : null}
      {/* After the words, on their last line: it never takes width from a long word. */}
      {mark ? (
        <span className="note-group" aria-hidden="true">
          <GroupBadge mark={mark} name={initial ?? groupName} />
        </span>
      ) : null}
      {/* The exact value, shown on focus, hover and while dragging (not as clutter on every note); the
          marker on the note's edge stands at that value on the scale. Drawn by the style sheet from
          `data-value`, so the note's visible text stays the start of its label (WCAG 2.5.3). */}
      <span className="note-value" data-value={Math.round(note.x)} aria-hidden="true" />
      <span className="note-pin" aria-hidden="true" />
    </button>
  );
});
