import {
  type Activity,
  LIMITS,
  setCurrentActivity,
  setLocked,
  setRevealed,
  updateActivity,
  type Workshop,
} from "@continuum/model";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { useUi } from "../app/ui.ts";

/**
 * The facilitator's levers over the activity on screen. Each is a plain write to the workshop document.
 * The timer is not here: it is run from the agenda (each activity's "Start timer" from its planned minutes,
 * then "Pause timer", "Resume timer" and "Stop timer"), so there is one set of timer buttons, not two.
 */
export function Controls({
  doc,
  workshop,
  activity,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  activity: Activity | null;
}) {
  const setFacilitatorActivity = useUi((s) => s.setFacilitatorActivity);
  const control = workshop.control;
  if (!activity) return null;
  const locked = control.locked[activity.id] === true;
  const revealed = new Set<string>(control.revealed[activity.id] ?? []);
  const isCurrent = control.currentActivity === activity.id;

  return (
    <section className="panel controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Run the activity</h2>
      <label className="field">
        <span>Activity you are looking at</span>
        <select
          value={activity.id}
          onChange={(e) => setFacilitatorActivity(e.target.value as Activity["id"])}
        >
          {workshop.activities.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
              {control.currentActivity === a.id ? " (everyone is here)" : ""}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button
          type="button"
          className="btn primary"
          disabled={isCurrent}
          onClick={() => setCurrentActivity(doc, activity.id)}
        >
          {isCurrent ? "Everyone is on this activity" : "Bring everyone to this activity"}
        </button>
        <button
          type="button"
          className="btn"
          aria-pressed={locked}
          onClick={() => setLocked(doc, activity.id, !locked)}
        >
          {locked ? "Unlock: let groups change it again" : "Lock: stop all changes"}
        </button>
      </div>
      {activity.kind === "scale" ? (
        <>
          <fieldset className="reveals">
            <legend>Show each group's lane to everyone</legend>
            {workshop.groups.map((g) => {
              const on = revealed.has(g.id);
              return (
                <button
                  key={g.id}
                  type="button"
                  className="btn"
                  aria-pressed={on}
                  onClick={() => setRevealed(doc, activity.id, g.id, !on)}
                >
                  {on ? `Hide ${g.name}` : `Show ${g.name}`} ({on ? "shown" : "hidden"})
                </button>
              );
            })}
            <button
              type="button"
              className="btn"
              onClick={() =>
                doc.transact(() => {
                  for (const g of workshop.groups) setRevealed(doc, activity.id, g.id, true);
                })
              }
            >
              Show all groups
            </button>
          </fieldset>
          <EndLabels doc={doc} activity={activity} />
        </>
      ) : null}
    </section>
  );
}

function EndLabels({ doc, activity }: { doc: Y.Doc; activity: Extract<Activity, { kind: "scale" }> }) {
  const [left, setLeft] = useState(activity.leftLabel);
  const [right, setRight] = useState(activity.rightLabel);
  useEffect(() => {
    setLeft(activity.leftLabel);
    setRight(activity.rightLabel);
  }, [activity.leftLabel, activity.rightLabel]);
  const changed = left !== activity.leftLabel || right !== activity.rightLabel;
  return (
    <form
      className="end-labels"
      onSubmit={(e) => {
        e.preventDefault();
        updateActivity(doc, activity.id, { leftLabel: left.trim(), rightLabel: right.trim() });
      }}
    >
      <label className="field">
        <span>Left end of the scale</span>
        <input value={left} maxLength={LIMITS.name} onChange={(e) => setLeft(e.target.value)} />
      </label>
      <label className="field">
        <span>Right end of the scale</span>
        <input value={right} maxLength={LIMITS.name} onChange={(e) => setRight(e.target.value)} />
      </label>
      <button type="submit" className="btn" disabled={!changed || !left.trim() || !right.trim()}>
        Save the end labels
      </button>
    </form>
  );
}
