/** The chart's forms: a participant's new note in a column, the facilitator's new column. */

import { addChartNote, addColumn, type Column, LIMITS } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { DictationHint } from "../../ui/DictationHint.tsx";
import { useBoard } from "./context.ts";

export function AddNote({ column }: { column: Column }) {
  const { chart, me, announce } = useBoard();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const hintId = useId();
  const { t } = useTranslation();
  if (!open) {
    return (
      <button type="button" className="btn add-note" onClick={() => setOpen(true)}>
        {t("forms.addNoteTo", { title: column.title })}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    addChartNote(chart.doc, { columnId: column.id, text: text.trim(), author: me.name, groupId: me.groupId });
    setText("");
    announce(t("forms.added", { title: column.title }));
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        {t("forms.yourNote", { title: column.title })}
        <textarea
          value={text}
          maxLength={LIMITS.noteText}
          aria-describedby={hintId}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <DictationHint id={hintId} />
      <div className="actions">
        <button type="submit" className="btn small primary" disabled={!text.trim()}>
          {t("forms.addNote")}
        </button>
        <button type="button" className="btn small" onClick={() => setOpen(false)}>
          {t("forms.done")}
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
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    addColumn(workshopDoc, activityId, title.trim());
    setTitle("");
  };
  return (
    <form onSubmit={submit} className="inline-form add-column">
      <label className="field">
        {kind === "chart" ? t("forms.newColumn") : t("forms.newPrompt")}
        <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="submit" className="btn small" disabled={!title.trim()}>
        {t("forms.addColumn")}
      </button>
    </form>
  );
}
