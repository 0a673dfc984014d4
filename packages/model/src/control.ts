/**
 * The facilitator's control state in the workshop document: which activity is on, the timer, and which
 * activities are locked and which groups' lanes are revealed. The server re-checks access whenever this
 * changes (see protocol SPEC.md), so readers here are strict: only a literal `true` locks or reveals.
 *
 * - `control` Y.Map: `currentActivity` (ActivityId | null), `timer` (plain object, see `Timer`, or null),
 *   `meetingEnded` (boolean, since schema 2: see protocol ACC-10), `view` (optional plain object
 *   `{ activityId, view }`: what the room's screen shows of the current activity, see `RoomView`)
 * - `locks` Y.Map<ActivityId, boolean>
 * - `reveals` Y.Map<`${activityId}:${groupId}`, boolean>
 */
import type * as Y from "yjs";
import { type ActivityId, type GroupId, isId } from "./ids.ts";
import { asRecord, compareStrings, LIMITS, readBoolean, readId, readNumber } from "./validate.ts";

/**
 * A countdown shown to everyone. It stores no ticking value: while it runs, every client computes the
 * remaining time from `startedAt` and the shared clock, so all screens agree and nothing is written per second.
 * Times are on the shared clock (the server's, as estimated by each client), not each device's own clock.
 */
export interface Timer {
  /** The length it was started with, for a progress bar. */
  readonly durationMs: number;
  /** Shared-clock time when it was last started or resumed; null while paused. */
  readonly startedAt: number | null;
  /** Time left at `startedAt` (running) or now (paused). */
  readonly remainingMs: number;
  /**
   * The activity it was started for (optional field, absent in timers written before it existed): screens
   * show it only with that activity. Absent: shown with every activity, as before.
   */
  readonly activityId?: ActivityId;
}

/**
 * What the room's screen (present mode) shows of the current activity, chosen by the facilitator:
 * - `board`: the activity itself (a scale's revealed lanes, a chart's or board's columns);
 * - `compare`: a scale's comparison across groups;
 * - `results`: a chart's or board's notes by their dot counts (shown only once the counts are revealed).
 */
export type RoomView = "board" | "compare" | "results";
export const ROOM_VIEWS: readonly RoomView[] = ["board", "compare", "results"];

export interface Control {
  /** The activity everyone is asked to look at, or null between activities. */
  readonly currentActivity: ActivityId | null;
  /** The countdown everyone sees, or null when there is none. */
  readonly timer: Timer | null;
  /** Activities whose documents participants may no longer change; only locked ones appear, as `true`. */
  readonly locked: Readonly<Record<ActivityId, true>>;
  /** For each activity, the groups whose lanes everyone may now see, sorted by id. */
  readonly revealed: Readonly<Record<ActivityId, readonly GroupId[]>>;
  /**
   * The facilitator ended the meeting: participants may then only add to activities left open between
   * meetings (ACC-10). The workshop stays readable, and the facilitator can resume it.
   */
  readonly meetingEnded: boolean;
  /**
   * What the room's screen shows of the current activity. It belongs to the activity it was chosen for:
   * when the current activity changes, it reads as `board` again (also when the field is absent).
   */
  readonly view: RoomView;
}

const controlMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("control");
const locksMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("locks");
const revealsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("reveals");

/** The key of a reveal; ids cannot contain `:`, so it splits back unambiguously. */
export const revealKey = (activityId: ActivityId, groupId: GroupId): string => `${activityId}:${groupId}`;

/** Reads a stored timer; anything malformed reads as no timer, and values are clamped to sane ranges. */
export function readTimer(value: unknown): Timer | null {
  const r = asRecord(value);
  if (!r) return null;
  const durationMs = readNumber(r.durationMs, 0, LIMITS.timerMs, Number.NaN);
  if (Number.isNaN(durationMs)) return null;
  const startedAt = readNumber(r.startedAt, 0, Number.MAX_SAFE_INTEGER, Number.NaN);
  const activityId = readId<ActivityId>(r.activityId);
  return {
    durationMs,
    startedAt: Number.isNaN(startedAt) ? null : startedAt,
    remainingMs: readNumber(r.remainingMs, 0, durationMs, durationMs),
    ...(activityId ? { activityId } : {}),
  };
}

/** The timer to show with an activity: one started for another activity is not shown. */
export function timerFor(timer: Timer | null, activityId: ActivityId | null | undefined): Timer | null {
  if (!timer) return null;
  return timer.activityId === undefined || timer.activityId === activityId ? timer : null;
}

/** Reads the stored room view: only a literal known view chosen for the current activity counts. */
export function readRoomView(value: unknown, currentActivity: ActivityId | null): RoomView {
  const r = asRecord(value);
  if (!r || currentActivity === null || r.activityId !== currentActivity) return "board";
  return ROOM_VIEWS.includes(r.view as RoomView) ? (r.view as RoomView) : "board";
}

/** Chooses what the room's screen shows of an activity (it follows only while that activity is current). */
export function setRoomView(doc: Y.Doc, activityId: ActivityId, view: RoomView): void {
  doc.transact(() => controlMap(doc).set("view", { activityId, view }));
}

/**
 * Time left on a timer at `now` (shared clock), never negative. A running timer whose `startedAt` is in
 * the future (clock skew) shows its full remaining time rather than more.
 */
export function timerRemainingMs(timer: Timer | null, now: number): number {
  if (!timer) return 0;
  if (timer.startedAt === null) return timer.remainingMs;
  const elapsed = Math.max(0, now - timer.startedAt);
  return Math.max(0, timer.remainingMs - elapsed);
}

/** True while the timer counts down (started, not paused, not yet at zero). */
export function timerRunning(timer: Timer | null, now: number): boolean {
  return timer !== null && timer.startedAt !== null && timerRemainingMs(timer, now) > 0;
}

/** The whole control state as a plain object. */
export function readControl(doc: Y.Doc): Control {
  const control = controlMap(doc);
  const locked: Record<string, true> = {};
  for (const key of Array.from(locksMap(doc).keys()).sort(compareStrings)) {
    if (isId(key) && readBoolean(locksMap(doc).get(key))) locked[key] = true;
  }
  const revealed: Record<string, GroupId[]> = {};
  for (const key of Array.from(revealsMap(doc).keys()).sort(compareStrings)) {
    const [a, g, extra] = key.split(":");
    if (extra !== undefined || !isId(a) || !isId(g) || !readBoolean(revealsMap(doc).get(key))) continue;
    let groups = revealed[a];
    if (!groups) {
      groups = [];
      revealed[a] = groups;
    }
    groups.push(g as GroupId);
  }
  const currentActivity = readId<ActivityId>(control.get("currentActivity"));
  return {
    currentActivity,
    timer: readTimer(control.get("timer")),
    locked: locked as Record<ActivityId, true>,
    revealed: revealed as Record<ActivityId, GroupId[]>,
    meetingEnded: readBoolean(control.get("meetingEnded")),
    view: readRoomView(control.get("view"), currentActivity),
  };
}

/** Ends the meeting (ACC-10) or resumes it. */
export function setMeetingEnded(doc: Y.Doc, ended: boolean): void {
  doc.transact(() => controlMap(doc).set("meetingEnded", ended === true));
}

/** Whether the meeting has ended; cheap, for permission checks. */
export function isMeetingEnded(doc: Y.Doc): boolean {
  return readBoolean(controlMap(doc).get("meetingEnded"));
}

/** Sets (or clears, with null) the activity everyone is asked to look at. */
export function setCurrentActivity(doc: Y.Doc, activityId: ActivityId | null): void {
  doc.transact(() => controlMap(doc).set("currentActivity", activityId));
}

/** Locks or unlocks an activity. Unlocking deletes the key rather than storing false, to keep the map small. */
export function setLocked(doc: Y.Doc, activityId: ActivityId, locked: boolean): void {
  doc.transact(() => {
    if (locked) locksMap(doc).set(activityId, true);
    else locksMap(doc).delete(activityId);
  });
}

/** Reveals a group's lane of an activity to everyone, or hides it again. */
export function setRevealed(doc: Y.Doc, activityId: ActivityId, groupId: GroupId, revealed: boolean): void {
  doc.transact(() => {
    if (revealed) revealsMap(doc).set(revealKey(activityId, groupId), true);
    else revealsMap(doc).delete(revealKey(activityId, groupId));
  });
}

/** Whether an activity is locked; cheap, for permission checks. */
export function isLocked(doc: Y.Doc, activityId: ActivityId): boolean {
  return readBoolean(locksMap(doc).get(activityId));
}

/** Whether a group's lane of an activity is revealed; cheap, for permission checks. */
export function isRevealed(doc: Y.Doc, activityId: ActivityId, groupId: GroupId): boolean {
  return readBoolean(revealsMap(doc).get(revealKey(activityId, groupId)));
}

function writeTimer(doc: Y.Doc, timer: Timer | null): void {
  // A plain object, replaced as a whole: the three fields only make sense together, and last-writer-wins
  // on the whole timer is the right answer when two facilitator tabs press buttons at once.
  doc.transact(() => controlMap(doc).set("timer", timer ? { ...timer } : null));
}

/**
 * Starts (or restarts) a countdown of `durationMs` at `now` on the shared clock, for `activityId` when given
 * (screens then show it only with that activity).
 */
export function startTimer(
  doc: Y.Doc,
  durationMs: number,
  now: number = Date.now(),
  activityId?: ActivityId,
): void {
  const d = readNumber(durationMs, 0, LIMITS.timerMs, 0);
  writeTimer(doc, { durationMs: d, startedAt: now, remainingMs: d, ...(activityId ? { activityId } : {}) });
}

/** Freezes the timer with the time left at `now`. Does nothing if there is no running timer. */
export function pauseTimer(doc: Y.Doc, now: number = Date.now()): void {
  const timer = readTimer(controlMap(doc).get("timer"));
  if (!timer || timer.startedAt === null) return;
  writeTimer(doc, { ...timer, startedAt: null, remainingMs: timerRemainingMs(timer, now) });
}

/** Continues a paused timer from `now`. Does nothing if there is no paused timer. */
export function resumeTimer(doc: Y.Doc, now: number = Date.now()): void {
  const timer = readTimer(controlMap(doc).get("timer"));
  if (!timer || timer.startedAt !== null) return;
  writeTimer(doc, { ...timer, startedAt: now });
}

/** Removes the timer. */
export function clearTimer(doc: Y.Doc): void {
  writeTimer(doc, null);
}
