/** The chart's forms: a participant's new note in a column, the facilitator's new column. */
import { addChartNote, addColumn, type Column, LIMITS } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { type FormEvent, useState } from "react";
import type * as Y from "yjs";
import { useBoard } from "./context.ts";

export function AddNote({ column }: { column: Column }) {
  const { chart, me, announce } = useBoard();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  if (!open) {
    return (
      <button type="button" className="btn add-note" onClick={() => setOpen(true)}>
        Add a note to {column.title}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    addChartNote(chart.doc, { columnId: column.id, text: text.trim(), author: me.name, groupId: me.groupId });
    setText("");
    announce(`Note added to ${column.title}.`);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        Your note for {column.title}
        <textarea value={text} maxLength={LIMITS.noteText} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="btn small primary" disabled={!text.trim()}>
          Add note
        </button>
        <button type="button" className="btn small" onClick={() => setOpen(false)}>
          Done
        </button>
      </div>
    </form>
  );
}

export function AddColumn({
  activityId,
  workshopDoc,
  kind,
}: {
  activityId: ActivityId;
  workshopDoc: Y.Doc;
  kind: "chart" | "board";
}) {
  const [title, setTitle] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    addColumn(workshopDoc, activityId, title.trim());
    setTitle("");
  };
  return (
    <form onSubmit={submit} className="inline-form add-column">
      <label className="field">
        {kind === "chart" ? "New column heading" : "New prompt"}
        <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="submit" className="btn small" disabled={!title.trim()}>
        Add column
      </button>
    </form>
  );
}
