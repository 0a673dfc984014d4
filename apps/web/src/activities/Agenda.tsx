/**
 * The agenda. `AgendaEditor` is the facilitator's: add, rename, reorder and remove activities, mark the
 * current one, lock and unlock, a timer from each activity's planned length, which groups take part, boards
 * left open between meetings, anonymity and the end of the meeting. `AgendaView` is the participants':
 * the current activity, and the earlier ones to look back at read-only.
 */
import {
  type Activity,
  addBoardActivity,
  addChartActivity,
  addScaleActivity,
  addTemplateActivities,
  BOARD_PRESETS,
  type Control,
  clearTimer,
  type Group,
  LIMITS,
  listActivities,
  listGroups,
  moveActivity,
  pauseTimer,
  readControl,
  readMeta,
  removeActivity,
  resumeTimer,
  setCurrentActivity,
  setLocked,
  setMeetingEnded,
  setMeta,
  setOpenBetweenMeetings,
  setPlannedDuration,
  setTakingPart,
  startTimer,
  TEMPLATES,
  timerRemainingMs,
  updateActivity,
} from "@continuum/model";
import {
  type ActivityId,
  type GroupId,
  WORKSHOP_TEMPLATES,
  type WorkshopTemplate,
} from "@continuum/protocol";
import { type FormEvent, memo, useEffect, useId, useState } from "react";
import type * as Y from "yjs";
import type { ActivityMe } from "./ChartBoard.tsx";
import { useDocSelector } from "./store.ts";
import "./activities.css";

/** How each kind is worked, in words for the agenda. */
export function kindLabel(a: Activity): string {
  if (a.kind === "scale") return "Sliding scale, each group separately";
  if (a.kind === "chart") return "Pros, cons and implications chart, groups together";
  return "Prompt board, groups together";
}

const useActivities = (doc: Y.Doc) => useDocSelector(doc, "activities", listActivities);
const useControl = (doc: Y.Doc): Control => useDocSelector(doc, "control", readControl);
const useGroups = (doc: Y.Doc) => useDocSelector(doc, "groups", listGroups);

function minutesText(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------------
// Facilitator

export interface AgendaEditorProps {
  workshopDoc: Y.Doc;
  /** The shared clock (the server's time as estimated by this client); `Date.now` by default. */
  now?: () => number;
  /** Called when the facilitator asks to open an activity (e.g. to show its board). */
  onOpenActivity?: (activityId: ActivityId) => void;
}

export function AgendaEditor({ workshopDoc, now = Date.now, onOpenActivity }: AgendaEditorProps) {
  const activities = useActivities(workshopDoc);
  const control = useControl(workshopDoc);
  const anonymous = useDocSelector(workshopDoc, "anonymous", (d) => readMeta(d).anonymous);
  return (
    <section className="agenda-editor" aria-label="Agenda">
      <h2>Agenda</h2>
      <div className="actions">
        <label className="check">
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setMeta(workshopDoc, { anonymous: e.target.checked })}
          />
          Anonymous: notes show the group, never the name
        </label>
      </div>
      <MeetingState workshopDoc={workshopDoc} control={control} />
      <TimerControls workshopDoc={workshopDoc} control={control} now={now} />
      {activities.length === 0 && <p className="hint">No activities yet. Add one below.</p>}
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
            onOpenActivity={onOpenActivity}
          />
        ))}
      </ol>
      <AddActivity workshopDoc={workshopDoc} />
      <AddFromTemplate workshopDoc={workshopDoc} />
    </section>
  );
}

function MeetingState({ workshopDoc, control }: { workshopDoc: Y.Doc; control: Control }) {
  return (
    <div className="actions meeting-state">
      <p role="status">
        {control.meetingEnded
          ? "The meeting has ended: participants can only add to activities left open between meetings."
          : "The meeting is on."}
      </p>
      <button
        type="button"
        className={`btn${control.meetingEnded ? "" : " danger"}`}
        onClick={() => setMeetingEnded(workshopDoc, !control.meetingEnded)}
      >
        {control.meetingEnded ? "Resume the meeting" : "End the meeting"}
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
  useEffect(() => {
    if (!timer || timer.startedAt === null) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [timer]);
  if (!timer) return null;
  const left = timerRemainingMs(timer, now());
  return (
    <div className="actions timer-controls">
      <p>
        Timer: <strong>{minutesText(left)}</strong> left{timer.startedAt === null ? " (paused)" : ""}
      </p>
      {timer.startedAt === null ? (
        <button type="button" className="btn small" onClick={() => resumeTimer(workshopDoc, now())}>
          Resume timer
        </button>
      ) : (
        <button type="button" className="btn small" onClick={() => pauseTimer(workshopDoc, now())}>
          Pause timer
        </button>
      )}
      <button type="button" className="btn small" onClick={() => clearTimer(workshopDoc)}>
        Stop timer
      </button>
    </div>
  );
}

interface ActivityRowProps {
  workshopDoc: Y.Doc;
  activity: Activity;
  index: number;
  count: number;
  current: boolean;
  locked: boolean;
  now: () => number;
  onOpenActivity: ((id: ActivityId) => void) | undefined;
}

const ActivityRow = memo(function ActivityRow({
  workshopDoc,
  activity: a,
  index,
  count,
  current,
  locked,
  now,
  onOpenActivity,
}: ActivityRowProps) {
  const [title, setTitle] = useState(a.title);
  const [minutes, setMinutes] = useState(a.durationMs ? String(Math.round(a.durationMs / 60_000)) : "");
  const [about, setAbout] = useState(a.kind === "chart" ? a.about.text : "");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const groups = useGroups(workshopDoc);
  const titleId = useId();
  useEffect(() => setTitle(a.title), [a.title]);
  useEffect(() => setMinutes(a.durationMs ? String(Math.round(a.durationMs / 60_000)) : ""), [a.durationMs]);
  const name = a.title || "Untitled activity";

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
          Title
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
        {current && <span className="badge">Current</span>}
        {locked && <span className="badge">Locked</span>}
        {a.openBetweenMeetings && <span className="badge">Open between meetings</span>}
      </div>
      {a.kind === "chart" && (
        <label className="field">
          About
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
          aria-pressed={current}
          aria-label={`Make current: ${name}`}
          onClick={() => setCurrentActivity(workshopDoc, current ? null : a.id)}
        >
          Make current
        </button>
        {onOpenActivity && (
          <button
            type="button"
            className="btn small"
            aria-label={`Open ${name}`}
            onClick={() => onOpenActivity(a.id)}
          >
            Open
          </button>
        )}
        <button
          type="button"
          className="btn small"
          aria-pressed={locked}
          aria-label={`Lock ${name}`}
          onClick={() => setLocked(workshopDoc, a.id, !locked)}
        >
          Lock
        </button>
        <button
          type="button"
          className="btn small"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => moveActivity(workshopDoc, a.id, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn small"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => moveActivity(workshopDoc, a.id, index + 1)}
        >
          ↓
        </button>
        {confirmRemove ? (
          <>
            <button
              type="button"
              className="btn small danger"
              aria-label={`Remove it: ${name}`}
              onClick={() => removeActivity(workshopDoc, a.id)}
            >
              Remove it
            </button>
            <button
              type="button"
              className="btn small"
              aria-label={`Keep: ${name}`}
              onClick={() => setConfirmRemove(false)}
            >
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn small danger"
            aria-label={`Remove ${name}`}
            onClick={() => setConfirmRemove(true)}
          >
            Remove
          </button>
        )}
      </div>
      <div className="actions">
        <label className="field">
          Planned minutes
          <input
            type="number"
            inputMode="numeric"
            min={0}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            onBlur={saveMinutes}
            aria-label={`Planned minutes for ${name}`}
          />
        </label>
        <button
          type="button"
          className="btn small"
          disabled={!typedMs}
          aria-label={`Start timer: ${name}`}
          onClick={() => {
            if (!typedMs) return;
            // The minutes just typed count even before the field loses focus.
            if (typedMs !== a.durationMs) setPlannedDuration(workshopDoc, a.id, typedMs);
            setCurrentActivity(workshopDoc, a.id);
            startTimer(workshopDoc, typedMs, now());
          }}
        >
          Start timer
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={a.openBetweenMeetings}
            onChange={(e) => setOpenBetweenMeetings(workshopDoc, a.id, e.target.checked)}
          />
          Keep open between meetings
        </label>
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
      <legend>Groups taking part in {name}</legend>
      {groups.map((g) => (
        <label key={g.id} className="check">
          <input type="checkbox" checked={isIn(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />
          {g.name}
        </label>
      ))}
    </fieldset>
  );
}

type NewKind = "scale" | "chart" | `board:${string}` | "board";

function AddActivity({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const [kind, setKind] = useState<NewKind>("chart");
  const [title, setTitle] = useState("");
  const [about, setAbout] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (kind === "scale") addScaleActivity(workshopDoc, { title: t || "Sliding scale" });
    else if (kind === "chart")
      addChartActivity(workshopDoc, { title: t || "Pros, cons and implications", about: about.trim() });
    else if (kind === "board")
      addBoardActivity(workshopDoc, { title: t || "Prompt board", prompts: ["Your thoughts"] });
    else {
      const preset = BOARD_PRESETS.find((p) => `board:${p.id}` === kind)?.board;
      if (preset)
        addBoardActivity(workshopDoc, {
          title: t || preset.title,
          prompt: preset.prompt,
          prompts: preset.prompts,
          openBetweenMeetings: preset.openBetweenMeetings ?? false,
        });
    }
    setTitle("");
    setAbout("");
  };
  return (
    <form className="panel add-activity" onSubmit={submit} aria-label="Add an activity">
      <h3>Add an activity</h3>
      <label className="field">
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as NewKind)}>
          <option value="scale">Sliding scale</option>
          <option value="chart">Pros, cons and implications chart</option>
          {BOARD_PRESETS.map((p) => (
            <option key={p.id} value={`board:${p.id}`}>
              Prompt board: {p.label}
            </option>
          ))}
          <option value="board">Prompt board with my own prompts</option>
        </select>
      </label>
      <label className="field">
        Title
        <input value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {kind === "chart" && (
        <label className="field">
          What the chart is about
          <input value={about} maxLength={LIMITS.title} onChange={(e) => setAbout(e.target.value)} />
        </label>
      )}
      <button type="submit" className="btn primary">
        Add activity
      </button>
    </form>
  );
}

function AddFromTemplate({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const options = WORKSHOP_TEMPLATES.filter((t) => TEMPLATES[t].activities.length > 0);
  const [template, setTemplate] = useState<WorkshopTemplate>(options[0] ?? "blank");
  return (
    <form
      className="panel add-template"
      aria-label="Add activities from a template"
      onSubmit={(e) => {
        e.preventDefault();
        addTemplateActivities(workshopDoc, template);
      }}
    >
      <h3>Add a template's activities</h3>
      <label className="field">
        Template
        <select value={template} onChange={(e) => setTemplate(e.target.value as WorkshopTemplate)}>
          {options.map((t) => (
            <option key={t} value={t}>
              {TEMPLATES[t].label}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{TEMPLATES[template].description}</p>
      <button type="submit" className="btn">
        Add these activities
      </button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Participants

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
        <p role="status">Waiting for the facilitator to start the first activity.</p>
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
