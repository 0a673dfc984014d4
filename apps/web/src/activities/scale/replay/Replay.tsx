/**
 * The replay of a scale: each group's notes moving through the discussion, from the first card placed to
 * the last move, one step per recorded move. A slider (arrow keys step one move, Home and End jump) and a
 * Play button; a group picker shows one group or all. Notes glide between places unless the person asked
 * for reduced motion (then they jump). Plain data in (`MoveEntry[]`), so the share-back page can use it too.
 */

import { type Group, layoutNotes } from "@continuum/model";
import type { MoveEntry } from "@continuum/protocol";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { i18n, intlLocale } from "../../../i18n/i18n.ts";
import "./replay.css";

interface Placed {
  noteId: string;
  text: string;
  x: number;
  y: number;
}

/** Where each group's notes are after the first `step` moves of `moves` (in order). */
export function replayAt(moves: readonly MoveEntry[], step: number): Map<string, Map<string, Placed>> {
  const out = new Map<string, Map<string, Placed>>();
  const n = Math.max(0, Math.min(moves.length, step));
  for (let i = 0; i < n; i++) {
    const m = moves[i] as MoveEntry;
    let lane = out.get(m.groupId);
    if (!lane) {
      lane = new Map();
      out.set(m.groupId, lane);
    }
    if (m.toX === null) lane.delete(m.noteId);
    else lane.set(m.noteId, { noteId: m.noteId, text: m.text, x: m.toX, y: m.toY ?? 50 });
  }
  return out;
}

const clock = (ms: number): string =>
  new Date(ms).toLocaleTimeString(intlLocale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** "Link workers moved “Number of sessions” from 50 to 70", for the slider's value and the caption. */
export function describeMove(m: MoveEntry, groupName: string): string {
  const what = m.text || i18n.t("scale.aNoteLower");
  if (m.fromX === null) return i18n.t("replay.placed", { group: groupName, what, x: Math.round(m.toX ?? 0) });
  if (m.toX === null) return i18n.t("replay.tookOff", { group: groupName, what });
  return i18n.t("replay.moved", { group: groupName, what, from: Math.round(m.fromX), to: Math.round(m.toX) });
}

/** How long one step shows while playing: a whole replay takes about 30 seconds, at most half a second a step. */
export const stepMs = (steps: number): number =>
  Math.max(40, Math.min(500, Math.round(30_000 / Math.max(1, steps))));

export function Replay({
  moves,
  groups,
  labels,
}: {
  /** Oldest first, as the server gives them. */
  moves: readonly MoveEntry[];
  /** The groups to show, in the workshop's order (those whose moves the person may see). */
  groups: readonly Group[];
  labels: { left: string; right: string };
}) {
  const [only, setOnly] = useState<string | null>(null);
  const { t } = useTranslation();
  const shown = useMemo(
    () => (only === null ? moves : moves.filter((m) => m.groupId === only)),
    [moves, only],
  );
  const [step, setStep] = useState(shown.length);
  const [playing, setPlaying] = useState(false);
  const sliderId = useId();
  const timer = useRef<number | null>(null);

  // A new list (another group chosen, or reloaded) starts at its end: the placements as they are now.
  useEffect(() => {
    setStep(shown.length);
    setPlaying(false);
  }, [shown]);

  useEffect(() => {
    if (!playing) return;
    timer.current = window.setInterval(() => {
      setStep((s) => {
        if (s >= shown.length) {
          setPlaying(false);
          return s;
        }
        return s + 1;
      });
    }, stepMs(shown.length));
    return () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    };
  }, [playing, shown.length]);

  const nameOf = (id: string) => groups.find((g) => g.id === id)?.name ?? t("results.aGroup");
  const places = replayAt(shown, step);
  const last = step > 0 ? shown[step - 1] : undefined;
  const caption = last
    ? `${clock(last.at)}: ${describeMove(last, nameOf(last.groupId))}`
    : shown.length > 0
      ? t("replay.before", { time: clock((shown[0] as MoveEntry).at) })
      : "";
  const visible = only === null ? groups : groups.filter((g) => g.id === only);

  if (moves.length === 0) {
    return <p className="hint">{t("replay.nothing")}</p>;
  }
  return (
    <div className="replay">
      {groups.length > 1 ? (
        <fieldset className="replay-groups">
          <legend>{t("replay.show")}</legend>
          <button
            type="button"
            className="btn small"
            aria-pressed={only === null}
            onClick={() => setOnly(null)}
          >
            {t("replay.all")}
          </button>
          {groups.map((g) => (
            <button
              key={g.id}
              type="button"
              className="btn small"
              aria-pressed={only === g.id}
              onClick={() => setOnly(g.id)}
            >
              {g.name}
            </button>
          ))}
        </fieldset>
      ) : null}

      <div className="replay-lanes">
        {visible.map((g) => (
          <ReplayLane
            key={g.id}
            group={g}
            notes={[...(places.get(g.id)?.values() ?? [])]}
            lastNoteId={last && last.groupId === g.id ? last.noteId : null}
            labels={labels}
          />
        ))}
      </div>

      <div className="replay-controls">
        <button
          type="button"
          className="btn primary"
          onClick={() => {
            if (!playing && step >= shown.length) setStep(0);
            setPlaying((p) => !p);
          }}
        >
          {playing ? t("replay.pause") : step >= shown.length ? t("replay.playFromStart") : t("replay.play")}
        </button>
        <label className="replay-slider" htmlFor={sliderId}>
          <span>{t("replay.step", { step, count: shown.length })}</span>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={shown.length}
            step={1}
            value={step}
            aria-valuetext={
              last
                ? `${t("replay.step", { step, count: shown.length })}. ${caption}`
                : t("replay.beforeFirst")
            }
            onChange={(e) => {
              setPlaying(false);
              setStep(Number(e.target.value));
            }}
          />
        </label>
      </div>
      {/* Read out when a person steps through; not on every step while it plays. */}
      <p className="replay-caption" aria-live={playing ? "off" : "polite"}>
        {caption}
      </p>
    </div>
  );
}

/** Height of one row of notes on a replay's rail, in px (the style sheet's line height and gap). */
const ROW_PX = 46;

/** The rail's width in px, followed as the window changes. */
function useWidth(): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    observer.current = new ResizeObserver(measure);
    observer.current.observe(el);
  }, []);
  return [ref, width];
}

/**
 * One group's scale at the chosen moment, its notes laid out by the board's own rule (`layoutNotes`), so
 * none covers another and a note is where the group saw it.
 */
function ReplayLane({
  group,
  notes,
  lastNoteId,
  labels,
}: {
  group: Group;
  notes: readonly Placed[];
  lastNoteId: string | null;
  labels: { left: string; right: string };
}) {
  const [ref, width] = useWidth();
  const { t } = useTranslation();
  const noteWidth = Math.max(88, Math.min(150, width / 4.5));
  const span = Math.max(1, width - noteWidth);
  const layout = layoutNotes(
    notes.map((n) => ({ id: n.noteId, x: n.x, y: n.y })),
    { span, noteWidth, gap: 4, preferredRows: 2 },
  );
  const byId = new Map(notes.map((n) => [n.noteId, n]));
  const rows = Math.max(2, layout.rows);
  return (
    <div className="replay-lane">
      <h5>
        {group.name}
        <span className="sr-only">: {t("replay.notesNow", { count: notes.length })}</span>
      </h5>
      <div className="replay-scale">
        <span className="mini-end left">{labels.left}</span>
        <div
          className="replay-rail"
          ref={ref}
          aria-hidden="true"
          style={{ height: `${rows * ROW_PX + 12}px` }}
        >
          {width > 0
            ? layout.spots.map((spot) => {
                const n = byId.get(spot.id);
                if (!n) return null;
                return (
                  <span
                    key={spot.id}
                    className={`replay-note${lastNoteId === spot.id ? " is-last" : ""}`}
                    style={{
                      left: `${spot.left + noteWidth / 2}px`,
                      top: `${6 + spot.row * ROW_PX}px`,
                      width: `${noteWidth}px`,
                    }}
                    title={`${n.text}: ${Math.round(n.x)}`}
                  >
                    {n.text}
                  </span>
                );
              })
            : null}
        </div>
        <span className="mini-end right">{labels.right}</span>
      </div>
    </div>
  );
}
