/**
 * The facilitator's agenda: add, rename, reorder and remove activities (`ActivityRow.tsx`, `AddActivity.tsx`),
 * lock and unlock, a timer from each activity's planned length, which groups take part,
 * boards left open between meetings, anonymity and the end of the meeting.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import {
  type Control,
  clearTimer,
  pauseTimer,
  resumeTimer,
  setMeetingEnded,
  setMeta,
  timerRemainingMs,
  WORKSHOP_LANGUAGES,
  type WorkshopLanguage,
} from "@continuum/model";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { LANGUAGES } from "../i18n/i18n.ts";
import { useWorkshopValue } from "../sync/useDocStore.ts";
import { formatMs } from "../ui/time.ts";
import { ActivityRow } from "./ActivityRow.tsx";
import { AddActivity, AddFromTemplate } from "./AddActivity.tsx";
import { useActivities, useAnonymous, useControl } from "./agenda.ts";
import "./agenda.css";

export interface AgendaEditorProps {
  workshopDoc: Y.Doc;
  /** The shared clock (the server's time as estimated by this client); `Date.now` by default. */
  now?: () => number;
}

export function AgendaEditor({ workshopDoc, now = Date.now }: AgendaEditorProps) {
  const activities = useActivities(workshopDoc);
  const control = useControl(workshopDoc);
  const anonymous = useAnonymous(workshopDoc);
  const { t } = useTranslation();
  return (
    <section className="agenda-editor" aria-label={t("agenda.heading")}>
      <h3>{t("agenda.heading")}</h3>
      <MeetingDate workshopDoc={workshopDoc} />
      <ExportLanguage workshopDoc={workshopDoc} />
      <div className="actions">
        {/* The same choice, in the same words, as when the workshop was created (Start.tsx). */}
        <label className="check">
          <input
            type="checkbox"
            checked={!anonymous}
            onChange={(e) => setMeta(workshopDoc, { anonymous: !e.target.checked })}
          />
          {t("start.showNames")}
        </label>
      </div>
      <MeetingState workshopDoc={workshopDoc} control={control} />
      <TimerControls workshopDoc={workshopDoc} control={control} now={now} />
      {activities.length === 0 && <p className="hint">{t("agenda.none")}</p>}
      <ol className="agenda-list">
        {activities.map((a, i) => (
          <ActivityRow
            key={a.id}
            workshopDoc={workshopDoc}
            activity={a}
            index={i}
            count={activities.length}
            current={control.currentActivity === a.id}
            locked={control.locked[a.id] === true}
            now={now}
          />
        ))}
      </ol>
      <AddActivity workshopDoc={workshopDoc} />
      <AddFromTemplate workshopDoc={workshopDoc} />
    </section>
  );
}

/** The meeting's date: in every export and in the export files' names. */
function MeetingDate({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const date = useWorkshopValue(workshopDoc, (w) => w.meta.date);
  const [typed, setTyped] = useState(date);
  useEffect(() => setTyped(date), [date]);
  const { t } = useTranslation();
  return (
    <label className="field meeting-date">
      <span>{t("agenda.date")}</span>
      <input
        type="date"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={() => {
          if (typed !== date) setMeta(workshopDoc, { date: typed });
        }}
      />
    </label>
  );
}

/**
 * The workshop's language (issue 17): the exports' headings, the codebook and the report's sentences, and
 * the voice Read aloud uses for the workshop's own words (notes, prompts, aspects). What people wrote stays
 * as they wrote it. Each choice is named in itself, as in the app's own language control.
 */
function ExportLanguage({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const language = useWorkshopValue(workshopDoc, (w) => w.meta.language);
  const { t } = useTranslation();
  return (
    <label className="field export-language">
      <span>{t("agenda.exportLanguage")}</span>
      <select
        value={language}
        onChange={(e) => setMeta(workshopDoc, { language: e.target.value as WorkshopLanguage })}
      >
        {WORKSHOP_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGES.find((x) => x.code === l)?.name ?? l}
          </option>
        ))}
      </select>
    </label>
  );
}

function MeetingState({ workshopDoc, control }: { workshopDoc: Y.Doc; control: Control }) {
  const { t } = useTranslation();
  return (
    <div className="actions meeting-state">
      <p role="status">{control.meetingEnded ? t("agenda.endedFacilitator") : t("agenda.on")}</p>
      <button
        type="button"
        className={`btn${control.meetingEnded ? "" : " danger"}`}
        onClick={() => setMeetingEnded(workshopDoc, !control.meetingEnded)}
      >
        {control.meetingEnded ? t("agenda.resume") : t("agenda.end")}
      </button>
    </div>
  );
}

function TimerControls({
  workshopDoc,
  control,
  now,
}: {
  workshopDoc: Y.Doc;
  control: Control;
  now: () => number;
}) {
  const timer = control.timer;
  const [, tick] = useState(0);
  const { t } = useTranslation();
  useEffect(() => {
    if (!timer || timer.startedAt === null) return;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [timer]);
  if (!timer) return null;
  const left = timerRemainingMs(timer, now());
  return (
    <div className="actions timer-controls">
      <p>
        {t("agenda.timer")} <strong>{formatMs(left)}</strong>{" "}
        {timer.startedAt === null ? t("agenda.timerLeftPaused") : t("agenda.timerLeft")}
      </p>
      {timer.startedAt === null ? (
        <button type="button" className="btn small" onClick={() => resumeTimer(workshopDoc, now())}>
          {t("agenda.resumeTimer")}
        </button>
      ) : (
        <button type="button" className="btn small" onClick={() => pauseTimer(workshopDoc, now())}>
          {t("agenda.pauseTimer")}
        </button>
      )}
      <button type="button" className="btn small" onClick={() => clearTimer(workshopDoc)}>
        {t("agenda.stopTimer")}
      </button>
    </div>
  );
}
