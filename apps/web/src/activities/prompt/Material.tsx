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
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  if (editing) {
    const save = (e: FormEvent) => {
      e.preventDefault();
      setBoardMaterial(workshopDoc, activityId, text.trim());
      setEditing(false);
    };
    return (
      <form onSubmit={save} className="inline-form board-material-form">
        <label className="field">
          {t("material.field")}
          <textarea
            value={text}
            maxLength={MATERIAL_MAX}
            rows={8}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="actions">
          <button type="submit" className="btn small primary">
            {t("material.save")}
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(false)}>
            {t("who.cancel")}
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
      {material ? t("material.change") : t("material.add")}
    </button>
  );
  if (!material) return manage ? <div className="actions">{edit}</div> : null;
  return (
    <section className="board-material" aria-labelledby={headingId}>
      <h2 id={headingId} className="board-material-title">
        {t("material.readFirst")}
      </h2>
      <p className="board-material-text">{material}</p>
      <div className="actions">
        <ReadAloud text={material} what={t("material.what")} />
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
  const { t } = useTranslation();
  if (editing) {
    const save = (e: FormEvent) => {
      e.preventDefault();
      setColumnInstructions(workshopDoc, activityId, columnId, draft.trim());
      setEditing(false);
    };
    return (
      <form onSubmit={save} className="inline-form">
        <label className="field">
          {t("material.instructionsFor", { title: columnTitle })}
          <textarea value={draft} maxLength={INSTRUCTIONS_MAX} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="btn small primary">
            {t("material.saveInstructions")}
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(false)}>
            {t("who.cancel")}
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      {text && <p className="column-instructions">{text}</p>}
      {text && <ReadAloud small text={text} what={t("material.instructionsWhat", { title: columnTitle })} />}
      {manage && (
        <button
          type="button"
          className="btn small"
          aria-label={
            text
              ? t("material.changeInstructionsFor", { title: columnTitle })
              : t("material.addInstructionsFor", { title: columnTitle })
          }
          onClick={() => {
            setDraft(text);
            setEditing(true);
          }}
        >
          {text ? t("material.changeInstructions") : t("material.addInstructions")}
        </button>
      )}
    </>
  );
}
