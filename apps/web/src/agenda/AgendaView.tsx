/**
 * The participants' agenda: the current activity, the earlier ones to look back at read-only, and after the
 * meeting the boards left open between meetings.
 */
import type { Activity } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
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
    <nav className="agenda-view" aria-label="Agenda">
      <h2>Agenda</h2>
      {control.meetingEnded ? (
        <p role="status">The meeting has ended. Thank you.</p>
      ) : current ? (
        <div className={`agenda-now${viewing === null || viewing === current.id ? " is-viewing" : ""}`}>
          <p role="status">
            Now: <strong>{current.title}</strong>
            {control.locked[current.id] === true && " (finished: read only)"}
            {!takesPart(current) && " (your group looks on in this one)"}
          </p>
          {viewing !== null && viewing !== current.id && (
            <button
              type="button"
              className="btn primary"
              onClick={() => onView(current.id, { readOnly: false })}
            >
              Back to the current activity
            </button>
          )}
        </div>
      ) : (
        <p role="status">
          {activities.length > 0
            ? "The facilitator has not started yet: you can already look at the first activity."
            : "Waiting for the facilitator to prepare the first activity."}
        </p>
      )}
      {stillOpen.length > 0 && (
        <>
          <h3>Still open: add in your own time</h3>
          <ul className="agenda-list">
            {stillOpen.map((a) => (
              <li key={a.id}>
                <button type="button" className="btn" onClick={() => onView(a.id, { readOnly: false })}>
                  Add to {a.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {earlier.length > 0 && (
        <>
          <h3>Earlier activities</h3>
          <ul className="agenda-list">
            {earlier.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="btn"
                  aria-pressed={viewing === a.id}
                  onClick={() => onView(a.id, { readOnly: true })}
                >
                  Look back at {a.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
