/**
 * What a prompt board gives people to respond to (`packages/model/src/boardMaterial.ts`): the material (a
 * vignette's text) above the questions, and each question's instructions under its heading. Everyone reads
 * them; the facilitator edits them in place.
 */
import {
  type ColumnId,
  INSTRUCTIONS_MAX,
  MATERIAL_MAX,
  readBoardMaterial,
  setBoardMaterial,
  setColumnInstructions,
} from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { type FormEvent, useId, useState } from "react";
import type * as Y from "yjs";
import { useWorkshopValue } from "../../sync/useDocStore.ts";
import { ReadAloud } from "../../ui/ReadAloud.tsx";

const useMaterial = (workshopDoc: Y.Doc, activityId: ActivityId) =>
  useWorkshopValue(workshopDoc, (_w, d) => readBoardMaterial(d, activityId));

/** The board's material, and for the facilitator a way to write or change it. */
export function BoardMaterial({
  workshopDoc,
  activityId,
  manage,
}: {
  workshopDoc: Y.Doc;
  activityId: ActivityId;
  manage: boolean;
}) {
  const { material } = useMaterial(workshopDoc, activityId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const headingId = useId();
  if (editing) {
    const save = (e: FormEvent) => {
      e.preventDefault();
      setBoardMaterial(workshopDoc, activityId, text.trim());
      setEditing(false);
    };
    return (
      <form onSubmit={save} className="inline-form board-material-form">
        <label className="field">
          What people respond to (for example a vignette)
          <textarea
            value={text}
            maxLength={MATERIAL_MAX}
            rows={8}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="actions">
          <button type="submit" className="btn small primary">
            Save the material
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  const edit = manage && (
    <button
      type="button"
      className="btn small"
      onClick={() => {
        setText(material);
        setEditing(true);
      }}
    >
      {material ? "Change the material" : "Add material to respond to"}
    </button>
  );
  if (!material) return manage ? <div className="actions">{edit}</div> : null;
  return (
    <section className="board-material" aria-labelledby={headingId}>
      <h2 id={headingId} className="board-material-title">
        Read this first
      </h2>
      <p className="board-material-text">{material}</p>
      <div className="actions">
        <ReadAloud text={material} what="the material" />
        {edit}
      </div>
    </section>
  );
}

/** One question's instructions under its heading, and for the facilitator a way to write or change them. */
export function ColumnInstructions({
  workshopDoc,
  activityId,
  columnId,
  columnTitle,
  manage,
}: {
  workshopDoc: Y.Doc;
  activityId: ActivityId;
  columnId: ColumnId;
  columnTitle: string;
  manage: boolean;
}) {
  const text = useMaterial(workshopDoc, activityId).instructions[columnId] ?? "";
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  if (editing) {
    const save = (e: FormEvent) => {
      e.preventDefault();
      setColumnInstructions(workshopDoc, activityId, columnId, draft.trim());
      setEditing(false);
    };
    return (
      <form onSubmit={save} className="inline-form">
        <label className="field">
          Instructions for {columnTitle}
          <textarea value={draft} maxLength={INSTRUCTIONS_MAX} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="btn small primary">
            Save instructions
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      {text && <p className="column-instructions">{text}</p>}
      {text && <ReadAloud small text={text} what={`instructions for ${columnTitle}`} />}
      {manage && (
        <button
          type="button"
          className="btn small"
          aria-label={`${text ? "Change" : "Add"} instructions for ${columnTitle}`}
          onClick={() => {
            setDraft(text);
            setEditing(true);
          }}
        >
          {text ? "Change instructions" : "Add instructions"}
        </button>
      )}
    </>
  );
}
