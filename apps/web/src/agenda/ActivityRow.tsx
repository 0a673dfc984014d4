/** One activity in the facilitator's agenda, with everything that can be changed about it. */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import {
  type Activity,
  type Group,
  isPrivateFirst,
  isWordsShared,
  LIMITS,
  moveActivity,
  removeActivity,
  setCurrentActivity,
  setLocked,
  setOpenBetweenMeetings,
  setPlannedDuration,
  setPrivateFirst,
  setTakingPart,
  startTimer,
  updateActivity,
} from "@continuum/model";
import type { ActivityId, GroupId } from "@continuum/protocol";
import { memo, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useWorkshopValue } from "../sync/useDocStore.ts";
import { ConfirmButton } from "../ui/ConfirmButton.tsx";
import { kindLabel, useGroups } from "./agenda.ts";

interface ActivityRowProps {
  workshopDoc: Y.Doc;
  activity: Activity;
  index: number;
  count: number;
  current: boolean;
  locked: boolean;
  now: () => number;
}

export const ActivityRow = memo(function ActivityRow({
  workshopDoc,
  activity: a,
  index,
  count,
  current,
  locked,
  now,
}: ActivityRowProps) {
  const [title, setTitle] = useState(a.title);
  const [minutes, setMinutes] = useState(a.durationMs ? String(Math.round(a.durationMs / 60_000)) : "");
  const [about, setAbout] = useState(a.kind === "chart" ? a.about.text : "");
  const groups = useGroups(workshopDoc);
  const titleId = useId();
  const { t } = useTranslation();
  useEffect(() => setTitle(a.title), [a.title]);
  useEffect(() => setMinutes(a.durationMs ? String(Math.round(a.durationMs / 60_000)) : ""), [a.durationMs]);
  const name = a.title || t("agenda.untitled");

  const saveTitle = () => {
    if (title.trim() && title.trim() !== a.title) updateActivity(workshopDoc, a.id, { title: title.trim() });
    else setTitle(a.title);
  };
  const typedMinutes = Number.parseFloat(minutes);
  const typedMs =
    Number.isFinite(typedMinutes) && typedMinutes > 0 ? Math.round(typedMinutes * 60_000) : null;
  const saveMinutes = () => setPlannedDuration(workshopDoc, a.id, typedMs);

  return (
    <li className={`agenda-item${current ? " is-current" : ""}`} aria-current={current ? "step" : undefined}>
      <div className="agenda-item-head">
        <span className="agenda-number">{index + 1}.</span>
        <label className="field" htmlFor={titleId}>
          {t("agenda.title")}
          <input
            id={titleId}
            value={title}
            maxLength={LIMITS.title}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={saveTitle}
            onKeyDown={(e) => {
              if (e.key === "Enter") saveTitle();
            }}
          />
        </label>
        <span className="agenda-kind">{kindLabel(a)}</span>
        {current && <span className="badge">{t("agenda.badge.current")}</span>}
        {locked && <span className="badge">{t("agenda.badge.locked")}</span>}
        {a.openBetweenMeetings && <span className="badge">{t("agenda.badge.open")}</span>}
      </div>
      {a.kind === "chart" && (
        <label className="field">
          {t("agenda.about")}
          <input
            value={about}
            maxLength={LIMITS.title}
            onChange={(e) => setAbout(e.target.value)}
            onBlur={() => {
              if (about.trim() !== a.about.text)
                updateActivity(workshopDoc, a.id, { about: { ...a.about, text: about.trim() } });
            }}
          />
        </label>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn small"
          aria-pressed={locked}
          aria-label={t("agenda.row.lockLabel", { name })}
          onClick={() => setLocked(workshopDoc, a.id, !locked)}
        >
          {t("agenda.row.lock")}
        </button>
        <button
          type="button"
          className="btn small"
          aria-label={t("agenda.row.up", { name })}
          disabled={index === 0}
          onClick={() => moveActivity(workshopDoc, a.id, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn small"
          aria-label={t("agenda.row.down", { name })}
          disabled={index === count - 1}
          onClick={() => moveActivity(workshopDoc, a.id, index + 1)}
        >
          ↓
        </button>
        <ConfirmButton
          small
          label={t("agenda.row.removeLabel", { name })}
          confirm={t("agenda.row.removeIt")}
          confirmLabel={t("agenda.row.removeItLabel", { name })}
          keepLabel={t("agenda.row.keepLabel", { name })}
          onConfirm={() => removeActivity(workshopDoc, a.id)}
        >
          {t("agenda.row.remove")}
        </ConfirmButton>
      </div>
      <div className="actions">
        <label className="field">
          {t("agenda.row.minutes")}
          <input
            type="number"
            inputMode="numeric"
            min={0}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            onBlur={saveMinutes}
            aria-label={t("agenda.row.minutesLabel", { name })}
          />
        </label>
        <button
          type="button"
          className="btn small"
          disabled={!typedMs}
          aria-label={t("agenda.row.startTimerLabel", { name })}
          onClick={() => {
            if (!typedMs) return;
            // The minutes just typed count even before the field loses focus.
            if (typedMs !== a.durationMs) setPlannedDuration(workshopDoc, a.id, typedMs);
            setCurrentActivity(workshopDoc, a.id);
            startTimer(workshopDoc, typedMs, now(), a.id);
          }}
        >
          {t("agenda.row.startTimer")}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={a.openBetweenMeetings}
            onChange={(e) => setOpenBetweenMeetings(workshopDoc, a.id, e.target.checked)}
          />
          {t("agenda.row.keepOpen")}
        </label>
        {a.kind === "board" && <PrivateFirst workshopDoc={workshopDoc} activityId={a.id} />}
      </div>
      <TakingPart workshopDoc={workshopDoc} activity={a} groups={groups} name={name} />
    </li>
  );
});

function TakingPart({
  workshopDoc,
  activity,
  groups,
  name,
}: {
  workshopDoc: Y.Doc;
  activity: Activity;
  groups: readonly Group[];
  name: string;
}) {
  const { t } = useTranslation();
  if (groups.length === 0) return null;
  const taking = activity.takingPart;
  const isIn = (g: GroupId) => taking === null || taking.includes(g);
  const toggle = (g: GroupId, on: boolean) => {
    const current = groups.map((x) => x.id).filter(isIn);
    const next = on ? [...current, g] : current.filter((x) => x !== g);
    // Every group ticked is the default (null), so a group added later takes part too.
    setTakingPart(workshopDoc, activity.id, next.length === groups.length ? null : next);
  };
  return (
    <fieldset>
      <legend>{t("agenda.row.takingPart", { name })}</legend>
      {groups.map((g) => (
        <label key={g.id} className="check">
          <input type="checkbox" checked={isIn(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />
          {g.name}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A prompt board can collect each person's words privately (ACC-12) until the facilitator shares them, so
 * the first word in the room does not steer the rest. Once shared, the choice is history: it cannot be undone.
 */
function PrivateFirst({ workshopDoc, activityId }: { workshopDoc: Y.Doc; activityId: ActivityId }) {
  const on = useWorkshopValue(workshopDoc, (_w, d) => isPrivateFirst(d, activityId));
  const shared = useWorkshopValue(workshopDoc, (_w, d) => isWordsShared(d, activityId));
  const { t } = useTranslation();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={on}
        disabled={shared}
        onChange={(e) => setPrivateFirst(workshopDoc, activityId, e.target.checked)}
      />
      {shared ? t("agenda.row.privateShared") : t("agenda.row.private")}
    </label>
  );
}
