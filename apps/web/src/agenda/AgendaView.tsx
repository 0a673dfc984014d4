/**
 * The participants' agenda: the current activity, the earlier ones to look back at read-only, and after the
 * meeting the boards left open between meetings.
 */

import type { Activity } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { ActivityMe } from "../activities/me.ts";
import { useActivities, useControl } from "./agenda.ts";
import "./agenda.css";

export interface AgendaViewProps {
  workshopDoc: Y.Doc;
  /** The person looking, to say whether their group takes part; optional. */
  me?: ActivityMe;
  /** The activity this person is looking at now (null: they follow the current one). */
  viewing: ActivityId | null;
  /**
   * Called when the person picks an activity: the current one (to follow it again), an earlier one to look
   * back at (`readOnly: true`), or one left open between meetings after the meeting ended.
   */
  onView(activityId: ActivityId, options: { readOnly: boolean }): void;
}

export function AgendaView({ workshopDoc, me, viewing, onView }: AgendaViewProps) {
  const activities = useActivities(workshopDoc);
  const { t } = useTranslation();
  const control = useControl(workshopDoc);
  const currentIndex = activities.findIndex((a) => a.id === control.currentActivity);
  const current = currentIndex >= 0 ? activities[currentIndex] : undefined;
  const earlier = currentIndex > 0 ? activities.slice(0, currentIndex) : [];
  const stillOpen = control.meetingEnded
    ? activities.filter((a) => a.openBetweenMeetings && control.locked[a.id] !== true)
    : [];
  const takesPart = (a: Activity) =>
    !me?.groupId || a.takingPart === null || a.takingPart.includes(me.groupId);

  return (
    <nav className="agenda-view" aria-label={t("agenda.heading")}>
      <h2>{t("agenda.heading")}</h2>
      {control.meetingEnded ? (
        <p role="status">{t("agenda.ended")}</p>
      ) : current ? (
        <div className={`agenda-now${viewing === null || viewing === current.id ? " is-viewing" : ""}`}>
          <p role="status">
            {t("agenda.now")} <strong>{current.title}</strong>
            {control.locked[current.id] === true && ` ${t("agenda.finished")}`}
            {!takesPart(current) && ` ${t("agenda.looksOn")}`}
          </p>
          {viewing !== null && viewing !== current.id && (
            <button
              type="button"
              className="btn primary"
              onClick={() => onView(current.id, { readOnly: false })}
            >
              {t("agenda.backToCurrent")}
            </button>
          )}
        </div>
      ) : (
        <p role="status">{activities.length > 0 ? t("agenda.notStarted") : t("agenda.waiting")}</p>
      )}
      {stillOpen.length > 0 && (
        <>
          <h3>{t("agenda.stillOpen")}</h3>
          <ul className="agenda-list">
            {stillOpen.map((a) => (
              <li key={a.id}>
                <button type="button" className="btn" onClick={() => onView(a.id, { readOnly: false })}>
                  {t("agenda.addTo", { title: a.title })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {earlier.length > 0 && (
        <>
          <h3>{t("agenda.earlier")}</h3>
          <ul className="agenda-list">
            {earlier.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="btn"
                  aria-pressed={viewing === a.id}
                  onClick={() => onView(a.id, { readOnly: true })}
                >
                  {t("agenda.lookBack", { title: a.title })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
