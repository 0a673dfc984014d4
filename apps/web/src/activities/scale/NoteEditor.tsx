import {
  addNote,
  COLOURS,
  type Colour,
  editNote,
  LIMITS,
  listNotes,
  moveNote,
  removeNote,
  type ScaleActivity,
  type ScaleNote,
} from "@continuum/model";
import type { NoteId } from "@continuum/protocol";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useUi } from "../../app/ui.ts";
import { DictationHint } from "../../ui/DictationHint.tsx";
import { ReadAloud } from "../../ui/ReadAloud.tsx";
import { positionText } from "./describe.ts";
import { freeY } from "./place.ts";

/** The colour picker: each colour is named, never shown by colour alone. */
export function ColourPicker({ value, onChange }: { value: Colour; onChange(c: Colour): void }) {
  const name = useId();
  const { t } = useTranslation();
  return (
    <fieldset className="colours">
      <legend>{t("editor.colour")}</legend>
      {COLOURS.map((c) => (
        <label key={c.id} className={`colour-choice colour-${c.id}`}>
          <input
            type="radio"
            name={name}
            value={c.id}
            checked={value === c.id}
            onChange={() => onChange(c.id)}
          />
          {t(`colours.${c.id}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The words and colour being written, from the note's (or a new note's) own. */
function useNoteFields(initialText: string, initialColour: Colour) {
  const [text, setText] = useState(initialText);
  const [colour, setColour] = useState<Colour>(initialColour);
  return { text, setText, colour, setColour };
}

/** A note's words (focused when the sheet opens) and its colour. */
function NoteFields({
  label,
  text,
  setText,
  colour,
  setColour,
}: {
  label: string;
  text: string;
  setText(text: string): void;
  colour: Colour;
  setColour(colour: Colour): void;
}) {
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const hintId = useId();
  useEffect(() => ref.current?.focus(), []);
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <textarea
          ref={ref}
          value={text}
          rows={4}
          maxLength={LIMITS.noteText}
          aria-describedby={hintId}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <DictationHint id={hintId} />
      <ColourPicker value={colour} onChange={setColour} />
    </>
  );
}

/**
 * Opened by tapping a note: change its words, colour or position (a slider: one more way to move it that
 * needs no dragging), or remove it.
 */
export function NoteEditor({
  doc,
  note,
  activity,
  groupName,
  editable,
  anonymous = false,
  extra,
}: {
  doc: Y.Doc;
  note: ScaleNote;
  activity: ScaleActivity;
  groupName: string;
  editable: boolean;
  /** An anonymous workshop: the note shows its group, never who wrote it. */
  anonymous?: boolean;
  /** Below the note's form, in the same sheet (its reasons: a form of their own, so not inside this one). */
  extra?: ReactNode;
}) {
  const close = useUi((s) => s.openEditor);
  const announce = useUi((s) => s.announce);
  const fields = useNoteFields(note.text, note.colour);
  const { text, colour } = fields;
  const { t } = useTranslation();

  const done = () => {
    close(null);
    // Return focus to the note, where the person was.
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-note-id="${note.id}"]`)?.focus());
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    editNote(doc, note.id as NoteId, { text: text.trim(), colour });
    announce(t("note.saved"));
    done();
  };

  return (
    <div className="sheet" role="dialog" aria-modal="false" aria-labelledby="editor-title">
      <form onSubmit={save} onKeyDown={(e) => e.key === "Escape" && done()}>
        <h3 id="editor-title">{editable ? t("editor.change") : t("scale.aNote")}</h3>
        <p className="hint">
          {groupName} · {positionText(note.x, activity.rightLabel)}
          {note.author && !anonymous ? ` · ${t("editor.writtenBy", { author: note.author })}` : ""}
        </p>
        {editable ? (
          <>
            <NoteFields label={t("editor.words")} {...fields} />
            <label className="field">
              <span>
                {t("editor.position", {
                  x: Math.round(note.x),
                  left: activity.leftLabel,
                  right: activity.rightLabel,
                })}
              </span>
              <input
                type="range"
                min={0}
                max={100}
                step={1}
                value={Math.round(note.x)}
                onChange={(e) => moveNote(doc, note.id, Number(e.target.value))}
              />
            </label>
            <div className="actions">
              <button type="submit" className="btn primary">
                {t("note.save")}
              </button>
              <button type="button" className="btn" onClick={done}>
                {t("cockpit.close")}
              </button>
              <ReadAloud text={text} what={t("editor.theNote")} />
              <button
                type="button"
                className="btn danger"
                onClick={() => {
                  removeNote(doc, note.id);
                  announce(note.aspectId ? t("editor.takenOff") : t("editor.deleted"));
                  close(null);
                }}
              >
                {note.aspectId ? t("editor.takeOff") : t("editor.delete")}
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="note-read">{note.text}</p>
            <div className="actions">
              <button type="button" className="btn primary" onClick={done}>
                {t("cockpit.close")}
              </button>
              <ReadAloud text={note.text} what={t("editor.theNote")} />
            </div>
          </>
        )}
      </form>
      {extra}
    </div>
  );
}

/** A new note the group writes itself. */
export function AddNote({ doc, author, onAdded }: { doc: Y.Doc; author: string; onAdded(id: NoteId): void }) {
  const setAdding = useUi((s) => s.setAdding);
  const fields = useNoteFields("", "yellow");
  const { text, colour } = fields;
  const { t } = useTranslation();
  return (
    <div className="sheet" role="dialog" aria-modal="false" aria-labelledby="add-title">
      <form
        onKeyDown={(e) => e.key === "Escape" && setAdding(false)}
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          onAdded(addAndReturn(doc, text.trim(), colour, author));
          setAdding(false);
        }}
      >
        <h3 id="add-title">{t("editor.addHeading")}</h3>
        <NoteFields label={t("editor.whatSay")} {...fields} />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={!text.trim()}>
            {t("editor.putOn")}
          </button>
          <button type="button" className="btn" onClick={() => setAdding(false)}>
            {t("who.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}

function addAndReturn(doc: Y.Doc, text: string, colour: Colour, author: string): NoteId {
  return addNote(doc, { text, colour, x: 50, y: freeY(listNotes(doc), 50), author });
}
