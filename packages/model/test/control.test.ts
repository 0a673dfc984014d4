import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  clearTimer,
  type GroupId,
  isLocked,
  isRevealed,
  pauseTimer,
  readControl,
  resumeTimer,
  setCurrentActivity,
  setLocked,
  setRevealed,
  setRoomView,
  startTimer,
  timerFor,
  timerRemainingMs,
  timerRunning,
} from "../src/index.ts";

const A = "act1" as ActivityId;
const G = "grp1" as GroupId;
const T0 = 1_000_000;

describe("control", () => {
  it("sets the current activity, locks and reveals", () => {
    const doc = new Y.Doc();
    setCurrentActivity(doc, A);
    setLocked(doc, A, true);
    setRevealed(doc, A, G, true);
    setRevealed(doc, A, "grp0" as GroupId, true);
    expect(isLocked(doc, A)).toBe(true);
    expect(isRevealed(doc, A, G)).toBe(true);
    expect(readControl(doc)).toEqual({
      currentActivity: A,
      timer: null,
      locked: { [A]: true },
      revealed: { [A]: ["grp0", G] },
      meetingEnded: false,
      view: "board",
    });
    setLocked(doc, A, false);
    setRevealed(doc, A, G, false);
    setCurrentActivity(doc, null);
    expect(isLocked(doc, A)).toBe(false);
    expect(isRevealed(doc, A, G)).toBe(false);
    expect(readControl(doc)).toMatchObject({
      currentActivity: null,
      locked: {},
      revealed: { [A]: ["grp0"] },
    });
  });
});

describe("timer", () => {
  it("counts down from a shared start time, pauses and resumes", () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, T0);
    let t = readControl(doc).timer;
    expect(t).toEqual({ durationMs: 60_000, startedAt: T0, remainingMs: 60_000 });
    expect(timerRemainingMs(t, T0 + 10_000)).toBe(50_000);
    expect(timerRunning(t, T0 + 10_000)).toBe(true);
    pauseTimer(doc, T0 + 10_000);
    t = readControl(doc).timer;
    expect(t).toEqual({ durationMs: 60_000, startedAt: null, remainingMs: 50_000 });
    // Paused: time passing changes nothing.
    expect(timerRemainingMs(t, T0 + 999_999)).toBe(50_000);
    pauseTimer(doc, T0 + 20_000); // already paused: no-op
    expect(readControl(doc).timer).toEqual(t);
    resumeTimer(doc, T0 + 100_000);
    t = readControl(doc).timer;
    expect(timerRemainingMs(t, T0 + 130_000)).toBe(20_000);
    expect(timerRemainingMs(t, T0 + 200_000)).toBe(0);
    expect(timerRunning(t, T0 + 200_000)).toBe(false);
    // A client whose clock is behind the start sees the full remaining time, never more.
    expect(timerRemainingMs(t, T0)).toBe(50_000);
    resumeTimer(doc, T0 + 300_000); // already running: no-op
    expect(readControl(doc).timer).toEqual(t);
    clearTimer(doc);
    expect(readControl(doc).timer).toBeNull();
    expect(timerRemainingMs(null, T0)).toBe(0);
  });

  it("every replica computes the same remaining time", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    startTimer(a, 30_000, T0);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(timerRemainingMs(readControl(b).timer, T0 + 12_345)).toBe(
      timerRemainingMs(readControl(a).timer, T0 + 12_345),
    );
  });
});

describe("what the room's screen follows", () => {
  const B = "act2" as ActivityId;

  it("reads as the board when absent, and follows only the activity it was chosen for", () => {
    const doc = new Y.Doc();
    expect(readControl(doc).view).toBe("board");
    setCurrentActivity(doc, A);
    setRoomView(doc, A, "compare");
    expect(readControl(doc).view).toBe("compare");
    // Another activity made current starts on its board again, without anyone clearing the field.
    setCurrentActivity(doc, B);
    expect(readControl(doc).view).toBe("board");
    setCurrentActivity(doc, A);
    expect(readControl(doc).view).toBe("compare");
  });

  it("ignores anything but a literal known view", () => {
    const doc = new Y.Doc();
    setCurrentActivity(doc, A);
    for (const bad of ["Compare", 3, null, { activityId: A }, { activityId: A, view: "chart" }]) {
      doc.getMap("control").set("view", bad);
      expect(readControl(doc).view).toBe("board");
    }
  });
});

describe("a timer belongs to its activity", () => {
  it("is shown with the activity it was started for only; an older timer with every one", () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, T0, A);
    const t = readControl(doc).timer;
    expect(t?.activityId).toBe(A);
    expect(timerFor(t, A)).toEqual(t);
    expect(timerFor(t, "act2" as ActivityId)).toBeNull();
    pauseTimer(doc, T0 + 1_000);
    expect(readControl(doc).timer?.activityId).toBe(A);
    startTimer(doc, 60_000, T0);
    const old = readControl(doc).timer;
    expect(old).not.toHaveProperty("activityId");
    expect(timerFor(old, "act2" as ActivityId)).toEqual(old);
  });
});
