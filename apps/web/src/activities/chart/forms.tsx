/**
 * The chart's forms: a new note in a column (the person's own, or typed for someone else: WrittenFor.tsx),
 * the facilitator's new column.
 */

import { addChartNote, addColumn, type Column, type GroupId, LIMITS } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { DictationHint } from "../../ui/DictationHint.tsx";
import { useBoard } from "./context.ts";
import { NOT_WRITTEN_FOR, WrittenForFields, type WrittenForState } from "./WrittenFor.tsx";

export function AddNote({ column }: { column: Column }) {
  const { chart, me, announce, groups, activity, anonymous } = useBoard();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [forOther, setForOther] = useState<WrittenForState>(NOT_WRITTEN_FOR);
  const hintId = useId();
  const { t } = useTranslation();
  // The facilitator credits a group taking part; a participant, only their own (OWN-4).
  const facilitator = me.role === "facilitator";
  const credit = facilitator
    ? groups.filter((g) => activity.takingPart === null || activity.takingPart.includes(g.id))
    : [];
  const ownGroup = facilitator ? null : (groups.find((g) => g.id === me.groupId)?.name ?? null);
  const canWriteFor = facilitator ? credit.length > 0 : ownGroup !== null;
  const writing = canWriteFor && forOther.open;
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
    if (writing && facilitator && !credit.some((g) => g.id === forOther.groupId)) {
      setForOther({ ...forOther, missingGroup: true });
      return;
    }
    addChartNote(chart.doc, {
      columnId: column.id,
      text: text.trim(),
      // None in an anonymous workshop: the server would blank it (ANON-2), so it never leaves this device; the
      // writer's own screen shows their name from the session.
      author: anonymous ? "" : me.name,
      groupId: writing && facilitator ? (forOther.groupId as GroupId) : me.groupId,
      ...(writing
        ? {
            writtenFor: anonymous ? "" : forOther.name.trim(),
            scribe: facilitator ? "facilitator" : "participant",
          }
        : {}),
    });
    setText("");
    announce(t("forms.added", { title: column.title }));
  };
  return (
    <form onSubmit={submit} className="inline-form">
      {/* First: whom the note is for decides how it is labelled and credited. */}
      {canWriteFor && (
        <WrittenForFields
          value={forOther}
          onChange={setForOther}
          groups={credit}
          ownGroup={ownGroup}
          anonymous={anonymous}
        />
      )}
      <label className="field">
        {writing
          ? t("writtenFor.theirNote", { title: column.title })
          : t("forms.yourNote", { title: column.title })}
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
