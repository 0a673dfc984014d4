/** A column of a chart or prompt board: its heading (with the facilitator's controls) and its notes. */

import {
  type Column,
  type ColumnId,
  LIMITS,
  moveColumn,
  putNoteBack,
  removeColumn,
  renameColumn,
} from "@continuum/model";
import { useDroppable } from "@dnd-kit/core";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStoreValue } from "../../sync/useDocStore.ts";
import { ConfirmButton } from "../../ui/ConfirmButton.tsx";
import { ColumnInstructions } from "../prompt/Material.tsx";
import { useBoard } from "./context.ts";
import { AddNote } from "./forms.tsx";
import { NoteCard } from "./NoteCard.tsx";
import { useColumnNoteIds, useNoteColumns, useVotes } from "./store.ts";

export function ColumnView({
  column,
  index,
  count,
  manage,
}: {
  column: Column;
  index: number;
  count: number;
  manage: boolean;
}) {
  const { chart, editable, sortByDots, voting, me, activity, workshopDoc } = useBoard();
  const ids = useColumnNoteIds(chart, column.id);
  const votes = useVotes(chart, me.voterId, voting.budget);
  const shown = useMemo(() => {
    if (!sortByDots) return ids;
    return ids
      .map((id, i) => ({ id, i, c: votes.counts.get(id) ?? 0 }))
      .sort((a, b) => b.c - a.c || a.i - b.i)
      .map((x) => x.id);
  }, [ids, sortByDots, votes]);
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.id}`, data: { columnId: column.id } });
  const headingId = useId();
  const { t } = useTranslation();
  return (
    <section
      className={`chart-column${isOver ? " is-over" : ""}`}
      aria-labelledby={headingId}
      data-column-id={column.id}
    >
      <ColumnHeading column={column} headingId={headingId} index={index} count={count} manage={manage} />
      {activity.kind === "board" && (
        <ColumnInstructions
          workshopDoc={workshopDoc}
          activityId={activity.id}
          columnId={column.id}
          columnTitle={column.title}
          manage={manage}
        />
      )}
      <ol ref={setNodeRef} className="chart-notes" aria-label={t("column.notesIn", { title: column.title })}>
        {shown.map((id) => (
          <NoteCard key={id} id={id} columnId={column.id} />
        ))}
        {shown.length === 0 && <li className="chart-empty">{t("column.noNotes")}</li>}
      </ol>
      <UndoRemove where={(c) => c === column.id} />
      {editable && <AddNote column={column} />}
    </section>
  );
}

function ColumnHeading({
  column,
  headingId,
  index,
  count,
  manage,
}: {
  column: Column;
  headingId: string;
  index: number;
  count: number;
  manage: boolean;
}) {
  const { activity, workshopDoc } = useBoard();
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(column.title);
  // Columns live in the workshop document, which only the facilitator writes: only they get these controls.
  if (!manage) return <h3 id={headingId}>{column.title}</h3>;
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) renameColumn(workshopDoc, activity.id, column.id, title.trim());
    setRenaming(false);
  };
  return (
    <div className="column-head">
      {renaming ? (
        <form onSubmit={save} className="inline-form">
          <label className="field">
            {t("column.heading")}
            <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <button type="submit" className="btn small primary">
            {t("column.save")}
          </button>
          <button type="button" className="btn small" onClick={() => setRenaming(false)}>
            {t("who.cancel")}
          </button>
        </form>
      ) : (
        <h3 id={headingId}>{column.title}</h3>
      )}
      <div className="actions">
        {!renaming && (
          <button
            type="button"
            className="btn small"
            aria-label={t("column.renameLabel", { title: column.title })}
            onClick={() => {
              setTitle(column.title);
              setRenaming(true);
            }}
          >
            {t("column.rename")}
          </button>
        )}
        <button
          type="button"
          className="btn small"
          aria-label={t("column.left", { title: column.title })}
          disabled={index === 0}
          onClick={() => moveColumn(workshopDoc, activity.id, column.id, index - 1)}
        >
          ←
        </button>
        <button
          type="button"
          className="btn small"
          aria-label={t("column.right", { title: column.title })}
          disabled={index === count - 1}
          onClick={() => moveColumn(workshopDoc, activity.id, column.id, index + 1)}
        >
          →
        </button>
        <ConfirmButton
          small
          label={t("column.removeLabel", { title: column.title })}
          confirm={t("agenda.row.removeIt")}
          confirmLabel={t("column.removeItLabel", { title: column.title })}
          onConfirm={() => removeColumn(workshopDoc, activity.id, column.id)}
        >
          {t("agenda.row.remove")}
        </ConfirmButton>
      </div>
    </div>
  );
}

/** Notes whose column was removed: kept, so the facilitator can move them into a column. */
export function OrphanNotes() {
  const { chart, columns } = useBoard();
  const inColumns = useNoteColumns(chart);
  const orphanColumns = inColumns.filter((c) => !columns.some((col) => col.id === c));
  const { t } = useTranslation();
  if (orphanColumns.length === 0) return null;
  return (
    <section className="chart-column orphans" aria-label={t("column.orphans")}>
      <h3>{t("column.orphans")}</h3>
      <ol className="chart-notes">
        {orphanColumns.map((c) => (
          <OrphanColumn key={c} columnId={c as ColumnId} />
        ))}
      </ol>
      <UndoRemove where={(c) => !columns.some((col) => col.id === c)} />
    </section>
  );
}

function OrphanColumn({ columnId }: { columnId: ColumnId }) {
  const { chart } = useBoard();
  const ids = useColumnNoteIds(chart, columnId);
  return (
    <>
      {ids.map((id) => (
        <NoteCard key={id} id={id} columnId={columnId} />
      ))}
    </>
  );
}

/**
 * "Removed: …  Undo", where the note was, after this person removed a note: Undo adds it again with the same
 * id and everything it had (its author may; OWN-1 stamps it as theirs again). Focus goes to Undo, so a
 * keyboard user is one key press from putting it back; it stays until they remove another note.
 */
function UndoRemove({ where }: { where: (columnId: string) => boolean }) {
  const { chart, removed, selection, focusRequest, announce, editable } = useBoard();
  const last = useStoreValue(removed, (s) => s.last);
  const undo = useRef<HTMLButtonElement | null>(null);
  const here = !!last && editable && where(last.columnId);
  const { t } = useTranslation();
  useEffect(() => {
    if (!here || !last) return;
    undo.current?.focus();
    announce(t("column.removedSaid", { text: last.text }));
  }, [here, last, announce, t]);
  if (!here || !last) return null;
  return (
    <p className="undo-remove">
      <span>
        {t("column.removed")} <q>{last.text}</q>
      </span>
      <button
        type="button"
        ref={undo}
        className="btn small"
        aria-label={t("column.undoLabel", { text: last.text })}
        onClick={() => {
          removed.setState({ last: null });
          if (!putNoteBack(chart.doc, last.id, last.fields)) return;
          focusRequest.current = last.id;
          selection.setState({ id: last.id });
          announce(t("column.putBack", { text: last.text }));
        }}
      >
        {t("column.undo")}
      </button>
    </p>
  );
}
