/** One note of a chart or prompt board: its words, who wrote it, its dots, and moving, editing and removing it. */
import {
  attribute,
  type ColumnId,
  editChartNote,
  LIMITS,
  type NoteId,
  placeBallotDot,
  placeDot,
  removeChartNote,
  takeBackBallotDot,
  takeBackDot,
} from "@continuum/model";
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { type FormEvent, type KeyboardEvent, memo, useEffect, useRef, useState } from "react";
import { ConfirmButton } from "../../ui/ConfirmButton.tsx";
import { useBoard } from "./context.ts";
import { MOVE_KEYS } from "./reorder.ts";
import { useChartNote, useNoteDots } from "./store.ts";

const isMoveKey = (key: string) => (MOVE_KEYS as readonly string[]).includes(key);

export const NoteCard = memo(function NoteCard({ id, columnId }: { id: NoteId; columnId: ColumnId }) {
  const {
    chart,
    editable,
    canVote,
    voting,
    me,
    groups,
    anonymous,
    moveHintId,
    keyboardMove,
    focusRequest,
    announce,
  } = useBoard();
  const note = useChartNote(chart, id);
  const dots = useNoteDots(chart, id, me.voterId, voting.budget);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const handle = useRef<HTMLButtonElement | null>(null);
  const drag = useDraggable({ id: `note:${id}`, data: { noteId: id }, disabled: !editable || editing });
  const drop = useDroppable({ id: `on:${id}`, data: { columnId, noteId: id } });

  useEffect(() => {
    if (focusRequest.current === id && handle.current) {
      handle.current.focus();
      focusRequest.current = null;
    }
  });

  if (!note) return null;
  const who = attribute(note, groups, anonymous);
  const label = note.text || "Empty note";

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!isMoveKey(e.key)) return;
    e.preventDefault();
    keyboardMove(id, e.key);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    editChartNote(chart.doc, id, { text: text.trim() });
    setEditing(false);
    announce("Note saved.");
  };
  const setRefs = (el: HTMLLIElement | null) => drop.setNodeRef(el);

  return (
    <li
      ref={setRefs}
      className={`chart-note colour-${note.colour}${drag.isDragging ? " is-dragging" : ""}${drop.isOver ? " is-over" : ""}`}
    >
      {editing ? (
        <form onSubmit={save} className="inline-form">
          <label className="field">
            Edit note
            <textarea value={text} maxLength={LIMITS.noteText} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="btn small primary" disabled={!text.trim()}>
              Save
            </button>
            <button type="button" className="btn small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="chart-note-text">{label}</p>
      )}
      <p className="chart-note-by">
        <span className="sr-only">From </span>
        {who.byline}
      </p>
      {voting.revealed && (
        <p className="chart-note-dots">
          {dots.total} {dots.total === 1 ? "dot" : "dots"}
        </p>
      )}
      <div className="actions">
        {editable && !editing && (
          <>
            <button
              type="button"
              ref={(el) => {
                handle.current = el;
                drag.setNodeRef(el);
              }}
              {...drag.attributes}
              {...drag.listeners}
              className="btn small move-handle"
              aria-label={`Move note: ${label}`}
              aria-describedby={moveHintId}
              onKeyDown={onKeyDown}
            >
              Move
            </button>
            <button
              type="button"
              className="btn small"
              aria-label={`Edit note: ${label}`}
              onClick={() => {
                setText(note.text);
                setEditing(true);
              }}
            >
              Edit
            </button>
            <ConfirmButton
              small
              label={`Remove note: ${label}`}
              confirm="Remove it"
              confirmLabel={`Remove it: note ${label}`}
              onConfirm={() => removeChartNote(chart.doc, id)}
            >
              Remove
            </ConfirmButton>
          </>
        )}
        {canVote && (
          <>
            <button
              type="button"
              className="btn small"
              aria-label={`Add a dot to: ${label}`}
              onClick={() => {
                const placed = chart.ballot
                  ? placeBallotDot(chart.ballot, id, voting.budget)
                  : placeDot(chart.doc, id, me.voterId, voting.budget);
                if (!placed)
                  announce(`You have used all ${voting.budget} of your dots. Take one back to move it.`);
              }}
            >
              Add a dot
            </button>
            <button
              type="button"
              className="btn small"
              aria-label={`Take back a dot from: ${label}`}
              disabled={dots.mine === 0}
              onClick={() =>
                chart.ballot ? takeBackBallotDot(chart.ballot, id) : takeBackDot(chart.doc, id, me.voterId)
              }
            >
              Take back a dot
            </button>
            <span className="my-dots">
              Your dots here: <strong>{dots.mine}</strong>
            </span>
          </>
        )}
      </div>
    </li>
  );
});
