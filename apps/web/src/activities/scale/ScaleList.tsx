/**
 * The scale as a list, for a narrow screen: each aspect is a row with its own position control (a native
 * range input), so a phone needs no drag across a scale a few centimetres wide, and notes never pile up.
 * Same lane document, same writes (`placeAspect`, `moveNote`), same sentences as the scale.
 */

import {
  type Aspect,
  type Colour,
  moveNote,
  noteIdForAspect,
  placeAspect,
  type ScaleActivity,
  type ScaleNote,
  unplacedAspects,
} from "@continuum/model";
import { type CSSProperties, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useUi } from "../../app/ui.ts";
import type { DocConnection } from "../../sync/connection.ts";
import { useDoc } from "../../sync/hooks.ts";
import { positionText } from "./describe.ts";
import { laneStore, useAllNotes } from "./laneStore.ts";
import { freeY } from "./place.ts";

const LIST_KEY = "continuum.scaleAsList";

/** Whether this device shows the own lane as a list; kept per device, as a person's way of working. */
export function readScaleAsList(): boolean {
  try {
    return localStorage.getItem(LIST_KEY) === "1";
  } catch {
    return false;
  }
}

export function saveScaleAsList(on: boolean): void {
  try {
    localStorage.setItem(LIST_KEY, on ? "1" : "0");
  } catch {
    // Private browsing without storage: the choice lasts until the page closes.
  }
}

export interface ScaleListProps {
  conn: DocConnection;
  activity: ScaleActivity;
  author: string;
  colour?: Colour;
  editable: boolean;
}

export function ScaleList(props: ScaleListProps) {
  const doc = useDoc(props.conn);
  const store = useMemo(() => (doc ? laneStore(doc) : null), [doc]);
  const { t } = useTranslation();
  if (!doc || !store) return <p className="lane-loading">{t("scale.loading")}</p>;
  return <ListRows {...props} doc={doc} store={store} />;
}

function ListRows({
  doc,
  store,
  activity,
  author,
  colour,
  editable,
}: ScaleListProps & { doc: NonNullable<ReturnType<typeof useDoc>>; store: ReturnType<typeof laneStore> }) {
  const notes = useAllNotes(store);
  const left = unplacedAspects(activity.aspects, notes);
  const announce = useUi((s) => s.announce);
  const { t } = useTranslation();
  const focusNote = useUi((s) => s.focusNote);
  const setFocusNote = useUi((s) => s.setFocusNote);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending.values()) clearTimeout(t);
    };
  }, []);

  const place = (aspect: Aspect) => {
    const id = placeAspect(doc, {
      aspect,
      x: 50,
      y: freeY(notes, 50),
      author,
      ...(colour ? { colour } : {}),
    });
    setFocusNote(id);
    announce(
      t("scale.placedAtShort", { text: aspect.text, position: positionText(50, activity.rightLabel) }),
    );
  };

  const move = (note: ScaleNote, x: number) => {
    moveNote(doc, note.id, x);
    // The slider speaks its own value as it moves; the page says where it ended once it rests.
    const old = timers.current.get(note.id);
    if (old) clearTimeout(old);
    timers.current.set(
      note.id,
      setTimeout(
        () =>
          announce(
            t("scale.placedAtShort", { text: note.text, position: positionText(x, activity.rightLabel) }),
          ),
        700,
      ),
    );
  };

  return (
    <div className="scale-list">
      <p className="scale-list-ends" aria-hidden="true">
        <span>← {activity.leftLabel}</span>
        <span>{activity.rightLabel} →</span>
      </p>
      <ul className="scale-list-rows" aria-label={t("scale.onTheScale")}>
        {notes.map((n) => (
          <ListRow
            key={n.id}
            note={n}
            activity={activity}
            editable={editable}
            focus={focusNote === n.id}
            onFocused={() => setFocusNote(null)}
            onMove={(x) => move(n, x)}
          />
        ))}
      </ul>
      {editable && left.length > 0 ? (
        <section className="scale-list-todo" aria-labelledby="list-todo-title">
          <h3 id="list-todo-title">{t("scale.toPlace", { count: left.length })}</h3>
          <ul>
            {left.map((a) => (
              <li key={a.id}>
                <span className="scale-list-text">{a.text}</span>
                <button
                  type="button"
                  className="btn"
                  data-note-id={noteIdForAspect(a.id)}
                  aria-label={t("scale.placeMiddleLabel", { text: a.text })}
                  onClick={() => place(a)}
                >
                  {t("scale.place")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ListRow({
  note,
  activity,
  editable,
  focus,
  onFocused,
  onMove,
}: {
  note: ScaleNote;
  activity: ScaleActivity;
  editable: boolean;
  focus: boolean;
  onFocused(): void;
  onMove(x: number): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (!focus) return;
    input.current?.focus();
    onFocused();
  }, [focus, onFocused]);
  const x = Math.round(note.x);
  const id = `list-${note.id}`;
  return (
    <li className={`scale-list-row colour-${note.colour}`}>
      <label htmlFor={id} className="scale-list-text">
        {note.text || t("note.empty")}
      </label>
      <input
        ref={input}
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={x}
        disabled={!editable}
        aria-valuetext={positionText(x, activity.rightLabel)}
        data-note-id={note.id}
        style={{ "--at": `${x}%` } as CSSProperties}
        onChange={(e) => onMove(Number(e.currentTarget.value))}
      />
      <span className="scale-list-value" aria-hidden="true">
        {x}
      </span>
    </li>
  );
}
