/**
 * One note of a chart or prompt board. At rest it shows what a wall of notes needs: its words, who wrote it
 * (their group, and their name unless the workshop is anonymous) and its dots. Its actions (Move, Edit,
 * Remove, Add a dot, Take back a dot) appear in an action bar under it once it is selected: tapped, clicked
 * or focused. One note is selected at a time, so a chart of twenty comments is not a wall of buttons.
 *
 * The note itself is picked up by touch (press and hold), pen or mouse; the Move button in its bar is the
 * keyboard's way (arrow keys) and a second handle. The dots come first in the bar and Remove last, after
 * Move and Edit, so the destructive action never sits next to the frequent one; Remove asks twice and can be
 * undone (the board's "Undo").
 */

import {
  attribute,
  type ColumnId,
  creditedName,
  editChartNote,
  LIMITS,
  type NoteId,
  noteFields,
  placeBallotDot,
  placeDot,
  removeChartNote,
  takeBackBallotDot,
  takeBackDot,
} from "@continuum/model";
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { type FormEvent, type KeyboardEvent, memo, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStoreValue } from "../../sync/useDocStore.ts";
import { ConfirmButton } from "../../ui/ConfirmButton.tsx";
import { ReadAloud } from "../../ui/ReadAloud.tsx";
import { useBoard } from "./context.ts";
import { MOVE_KEYS } from "./reorder.ts";
import { useChartNote, useNoteDots } from "./store.ts";
import { scribeLine } from "./WrittenFor.tsx";

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
    selection,
    removed,
    ownsAll,
  } = useBoard();
  const note = useChartNote(chart, id);
  const dots = useNoteDots(chart, id, me.voterId, voting.budget);
  const selected = useStoreValue(selection, (s) => s.id === id);
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const handle = useRef<HTMLButtonElement | null>(null);
  const body = useRef<HTMLButtonElement | null>(null);
  const barId = useId();
  const drag = useDraggable({ id: `note:${id}`, data: { noteId: id }, disabled: !editable || editing });
  const drop = useDroppable({ id: `on:${id}`, data: { columnId, noteId: id } });

  useEffect(() => {
    if (focusRequest.current === id && handle.current) {
      handle.current.focus();
      focusRequest.current = null;
    }
  });

  if (!note) return null;
  // A participant always sees their own name on their own notes, in an anonymous workshop too: those the
  // server stamped as theirs, and every note of their own private words (`ownsAll`).
  const own =
    me.role === "participant" && (ownsAll || (!!me.participantId && note.participantId === me.participantId));
  const hideNames = anonymous && !own;
  // An anonymous workshop's notes carry no name (the server blanks it, ANON-2): the writer's own screen puts
  // theirs back from the session.
  const shown = own && note.author === "" ? { ...note, author: me.name } : note;
  // A note written for someone is credited to them (OWN-4), with a quiet line saying who typed it.
  const who = attribute({ author: creditedName(shown), groupId: note.groupId }, groups, hideNames, {
    facilitator: t("byline.facilitator"),
    removedGroup: t("byline.removedGroup"),
  });
  const typedBy = scribeLine(t, shown, !hideNames);
  const label = note.text || t("note.empty");
  // Only the author changes or removes their note (OWN-2); the facilitator may change any.
  const mine =
    ownsAll || me.role === "facilitator" || (!!me.participantId && note.participantId === me.participantId);
  const select = () => {
    if (selection.getState().id !== id) selection.setState({ id });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!isMoveKey(e.key)) return;
    e.preventDefault();
    keyboardMove(id, e.key);
  };
  const onNoteKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.key !== "Escape" || !selected || editing) return;
    selection.setState({ id: null });
    body.current?.focus();
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    editChartNote(chart.doc, id, { text: text.trim() });
    setEditing(false);
    announce(t("note.saved"));
  };
  const remove = () => {
    const fields = noteFields(chart.doc, id);
    if (!removeChartNote(chart.doc, id)) return;
    selection.setState({ id: null });
    if (fields) removed.setState({ last: { id, text: label, fields, columnId } });
  };
  const setRefs = (el: HTMLLIElement | null) => {
    drop.setNodeRef(el);
    drag.setNodeRef(el);
  };
  const hasActions = editable || canVote;
  const face = (
    <>
      <span className="chart-note-text">{label}</span>
      <span className="chart-note-by">
        <span className="sr-only">{t("note.from")} </span>
        {who.byline}
      </span>
      {typedBy && <span className="chart-note-scribe">{typedBy}</span>}
      {voting.revealed && <span className="chart-note-dots">{t("results.dots", { count: dots.total })}</span>}
      {/* On the selected note its action bar says it ("Your dots here"). */}
      {canVote && dots.mine > 0 && !selected && (
        <span className="chart-note-mine">{t("note.yourDots", { count: dots.mine })}</span>
      )}
    </>
  );

  return (
    <li
      ref={setRefs}
      className={`chart-note colour-${note.colour}${selected ? " is-selected" : ""}${drag.isDragging ? " is-dragging" : ""}${drop.isOver ? " is-over" : ""}`}
      onFocus={select}
      onKeyDown={onNoteKeyDown}
      data-note-id={id}
    >
      {editing ? (
        <form onSubmit={save} className="inline-form">
          <label className="field">
            {t("note.editField")}
            <textarea value={text} maxLength={LIMITS.noteText} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="btn small primary" disabled={!text.trim()}>
              {t("note.save")}
            </button>
            <button type="button" className="btn small" onClick={() => setEditing(false)}>
              {t("who.cancel")}
            </button>
          </div>
        </form>
      ) : hasActions ? (
        // The note's face: one control that selects it (and that fingers, pens and mice pick it up by).
        <button
          type="button"
          ref={body}
          className="chart-note-body"
          aria-expanded={selected}
          aria-controls={selected ? barId : undefined}
          onClick={select}
          {...(editable ? drag.listeners : {})}
        >
          {face}
        </button>
      ) : (
        // Nothing to do with it here (the room screen, looking back, voting closed): just the note.
        <div className="chart-note-body">{face}</div>
      )}
      {selected && !editing && hasActions && (
        <div className="note-actions" id={barId}>
          <div className="note-actions-row">
            <ReadAloud small text={note.text} what={t("note.readWhat", { label })} />
          </div>
          {canVote && (
            <div className="note-actions-row">
              <button
                type="button"
                className="btn small primary"
                aria-label={t("note.addDotLabel", { label })}
                onClick={() => {
                  const placed = chart.ballot
                    ? placeBallotDot(chart.ballot, id, voting.budget)
                    : placeDot(chart.doc, id, me.voterId, voting.budget);
                  if (!placed) announce(t("note.allUsed", { count: voting.budget }));
                }}
              >
                {t("note.addDot")}
              </button>
              <button
                type="button"
                className="btn small"
                aria-label={t("note.takeBackLabel", { label })}
                disabled={dots.mine === 0}
                onClick={() =>
                  chart.ballot ? takeBackBallotDot(chart.ballot, id) : takeBackDot(chart.doc, id, me.voterId)
                }
              >
                {/* Short enough to sit beside "Add a dot" in a narrow column; its name says the rest. */}
                {t("note.takeBack")}
              </button>
              <span className="my-dots">
                {t("note.dotsHere")} <strong>{dots.mine}</strong>
              </span>
            </div>
          )}
          {editable && (
            <div className="note-actions-row">
              <button
                type="button"
                ref={(el) => {
                  handle.current = el;
                }}
                {...drag.attributes}
                {...drag.listeners}
                className="btn small move-handle"
                aria-label={t("note.moveLabel", { label })}
                aria-describedby={moveHintId}
                onKeyDown={onKeyDown}
              >
                {t("note.move")}
              </button>
              {mine && (
                <>
                  <button
                    type="button"
                    className="btn small"
                    aria-label={t("note.editLabel", { label })}
                    onClick={() => {
                      setText(note.text);
                      setEditing(true);
                    }}
                  >
                    {t("note.edit")}
                  </button>
                  <span className="note-actions-gap">
                    <ConfirmButton
                      small
                      label={t("note.removeLabel", { label })}
                      confirm={t("agenda.row.removeIt")}
                      confirmLabel={t("note.removeItLabel", { label })}
                      onConfirm={remove}
                    >
                      {t("agenda.row.remove")}
                    </ConfirmButton>
                  </span>
                </>
              )}
            </div>
          )}
        </div>
      )}
    </li>
  );
});
