import { colourLabel, moveNote, type ScaleActivity } from "@continuum/model";
import type { GroupId, NoteId } from "@continuum/protocol";
import { useDraggable } from "@dnd-kit/core";
import { type KeyboardEvent, memo, useEffect, useRef } from "react";
import type * as Y from "yjs";
import { useUi } from "../state/ui.ts";
import { type LaneStore, useNote } from "../sync/laneStore.ts";
import { clampPosition, noteLabel, positionText } from "./describe.ts";
import { recentlyDragged } from "./dragGuard.ts";

export interface NoteProps {
  store: LaneStore;
  doc: Y.Doc;
  id: NoteId;
  groupId: GroupId;
  groupName: string;
  activity: ScaleActivity;
  editable: boolean;
}

/** Data a note carries while dragged, read back when it is dropped. */
export interface NoteDragData {
  kind: "note";
  groupId: GroupId;
  noteId: NoteId;
  text: string;
}

/**
 * One note on the scale. It subscribes to its own entry only, so a note being dragged by someone else
 * re-renders itself and nothing else.
 */
export const Note = memo(function Note({
  store,
  doc,
  id,
  groupId,
  groupName,
  activity,
  editable,
}: NoteProps) {
  const note = useNote(store, id);
  const openEditor = useUi((s) => s.openEditor);
  const announce = useUi((s) => s.announce);
  const focusNote = useUi((s) => s.focusNote);
  const setFocusNote = useUi((s) => s.setFocusNote);
  const ref = useRef<HTMLButtonElement | null>(null);
  const data: NoteDragData = { kind: "note", groupId, noteId: id, text: note?.text ?? "" };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `note:${groupId}:${id}`,
    data,
    disabled: !editable,
  });

  // A tray card placed with the keyboard hands focus to its new note, so arrows can move it at once.
  useEffect(() => {
    if (focusNote === id && ref.current) {
      ref.current.focus();
      setFocusNote(null);
    }
  }, [focusNote, id, setFocusNote]);

  if (!note) return null;
  const label = noteLabel(note.text, groupName, note.x, activity.rightLabel);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!editable) return;
    const step = e.shiftKey ? 1 : 5;
    let x: number | null = null;
    let y: number | undefined;
    if (e.key === "ArrowRight") x = note.x + step;
    else if (e.key === "ArrowLeft") x = note.x - step;
    else if (e.key === "Home") x = 0;
    else if (e.key === "End") x = 100;
    else if (e.key === "ArrowUp") {
      x = note.x;
      y = Math.max(0, note.y - step * 2);
    } else if (e.key === "ArrowDown") {
      x = note.x;
      y = Math.min(100, note.y + step * 2);
    }
    if (x === null) return;
    e.preventDefault();
    const nx = clampPosition(x);
    moveNote(doc, id, nx, y);
    announce(`${note.text || "Note"} moved to ${positionText(nx, activity.rightLabel)}.`);
  };

  return (
    <button
      type="button"
      ref={(el) => {
        ref.current = el;
        setNodeRef(el);
      }}
      {...attributes}
      {...listeners}
      aria-roledescription={editable ? "movable note" : "note"}
      aria-describedby={editable ? "note-help" : undefined}
      aria-label={label}
      data-note-id={id}
      data-x={Math.round(note.x)}
      className={`note colour-${note.colour}${isDragging ? " is-dragging" : ""}${editable ? " is-editable" : ""}`}
      style={{ left: `${note.x}%`, top: `calc((100% - var(--note-h)) * ${note.y / 100})` }}
      onKeyDown={onKeyDown}
      onClick={() => {
        if (recentlyDragged()) return;
        openEditor({ groupId, noteId: id });
      }}
    >
      <span className="note-text">{note.text || "(empty)"}</span>
      {/* The readout in brackets: supplementary to the note's words, which are its label (WCAG 2.5.3). */}
      <span className="note-meta" aria-hidden="true">
        ({Math.round(note.x)} · {colourLabel(note.colour)}
        {note.aspectId ? "" : " · added"})
      </span>
    </button>
  );
});
