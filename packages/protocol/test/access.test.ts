import { describe, expect, it } from "vitest";
import {
  type ActivityId,
  type ActivityKind,
  decideAccess,
  type GroupId,
  type ParticipantId,
  type Principal,
  parseDocName,
  type WorkshopId,
  type WorkshopView,
} from "../src/index.ts";

const W = "wshop1" as WorkshopId;
const SCALE = "scale1" as ActivityId;
const CHART = "chart1" as ActivityId;
const A = "groupa" as GroupId;
const B = "groupb" as GroupId;

const BOARD = "board1" as ActivityId;

function view(
  opts: {
    locked?: boolean;
    revealed?: GroupId[];
    /** Groups taking part, per activity; every group when absent. */
    takingPart?: Partial<Record<ActivityId, GroupId[]>>;
    ended?: boolean;
    openBetween?: ActivityId[];
    voting?: boolean;
  } = {},
): WorkshopView {
  const kinds: Record<string, ActivityKind> = { [SCALE]: "scale", [CHART]: "chart", [BOARD]: "board" };
  return {
    activityKind: (id) => kinds[id],
    hasGroup: (g) => g === A || g === B,
    isLocked: () => opts.locked ?? false,
    isRevealed: (_a, g) => (opts.revealed ?? []).includes(g),
    takesPart: (a, g) => opts.takingPart?.[a]?.includes(g) ?? true,
    meetingEnded: () => opts.ended ?? false,
    isOpenBetweenMeetings: (a) => (opts.openBetween ?? []).includes(a),
    votingOpen: () => opts.voting ?? false,
  };
}
const doc = (raw: string) => {
  const parsed = parseDocName(raw);
  if (!parsed) throw new Error(`bad name ${raw}`);
  return parsed;
};
const facilitator: Principal = { workshopId: W, role: "facilitator", group: null, name: "F" };
const observer: Principal = { workshopId: W, role: "observer", group: null, name: "Screen" };
const inA: Principal = { workshopId: W, role: "participant", group: A, name: "Ann" };
const inB: Principal = { workshopId: W, role: "participant", group: B, name: "Bob" };
const laneA = doc(`${W}/lane/${SCALE}/${A}`);

describe("document names", () => {
  it("round-trips every kind and rejects anything else", () => {
    expect(parseDocName("abc")).toEqual({ kind: "workshop", workshopId: "abc" });
    expect(parseDocName("abc/lane/s/g")).toEqual({
      kind: "lane",
      workshopId: "abc",
      activityId: "s",
      groupId: "g",
    });
    expect(parseDocName("abc/chart/c")).toEqual({ kind: "chart", workshopId: "abc", activityId: "c" });
    for (const bad of ["", "a//b", "a/lane/s", "a/chart/c/d", "a/other/c", "../x", "a b", "a/lane/s/g/h"]) {
      expect(parseDocName(bad)).toBeNull();
    }
  });
});

describe("access rules (SPEC.md)", () => {
  it("ACC-1 a token is only good for its own workshop", () => {
    expect(decideAccess(doc("other"), facilitator, view()).access).toBe("none");
  });
  it("ACC-2 only the facilitator writes the workshop document", () => {
    expect(decideAccess(doc(W), facilitator, view()).access).toBe("write");
    expect(decideAccess(doc(W), inA, view()).access).toBe("read");
    expect(decideAccess(doc(W), observer, view()).access).toBe("read");
  });
  it("ACC-3 unknown activities, wrong kinds and unknown groups are not found", () => {
    expect(decideAccess(doc(`${W}/lane/nope/${A}`), facilitator, view())).toEqual({
      access: "none",
      reason: "not-found",
    });
    expect(decideAccess(doc(`${W}/chart/${SCALE}`), inA, view()).access).toBe("none");
    expect(decideAccess(doc(`${W}/lane/${SCALE}/zzz`), facilitator, view()).access).toBe("none");
  });
  it("ACC-4 the facilitator writes every lane, even locked", () => {
    expect(decideAccess(laneA, facilitator, view({ locked: true })).access).toBe("write");
  });
  it("ACC-5 a participant writes their own lane unless locked", () => {
    expect(decideAccess(laneA, inA, view()).access).toBe("write");
    expect(decideAccess(laneA, inA, view({ locked: true })).access).toBe("read");
  });
  it("ACC-6 other groups and observers see a lane only after the reveal", () => {
    expect(decideAccess(laneA, inB, view())).toEqual({ access: "none", reason: "forbidden" });
    expect(decideAccess(laneA, observer, view()).access).toBe("none");
    expect(decideAccess(laneA, inB, view({ revealed: [A] })).access).toBe("read");
    expect(decideAccess(laneA, observer, view({ revealed: [A] })).access).toBe("read");
    expect(decideAccess(laneA, inB, view({ revealed: [B] })).access).toBe("none");
  });
  it("ACC-7 charts: participants write unless locked, observers read", () => {
    const chart = doc(`${W}/chart/${CHART}`);
    expect(decideAccess(chart, inA, view()).access).toBe("write");
    expect(decideAccess(chart, inB, view({ locked: true })).access).toBe("read");
    expect(decideAccess(chart, observer, view()).access).toBe("read");
  });
  it("ACC-9 a group that does not take part in an activity reads its documents but never writes", () => {
    const chart = doc(`${W}/chart/${CHART}`);
    const onlyB = view({ takingPart: { [CHART]: [B], [SCALE]: [B] } });
    expect(decideAccess(chart, inA, onlyB).access).toBe("read");
    expect(decideAccess(chart, inB, onlyB).access).toBe("write");
    expect(decideAccess(laneA, inA, onlyB).access).toBe("read");
    expect(decideAccess(doc(`${W}/lane/${SCALE}/${B}`), inB, onlyB).access).toBe("write");
    // Other rules still apply: B cannot see A's lane before the reveal; the facilitator writes everything.
    expect(decideAccess(laneA, inB, onlyB).access).toBe("none");
    expect(decideAccess(chart, facilitator, onlyB).access).toBe("write");
    // A participant token without a group (the server never issues one) only reads charts.
    expect(decideAccess(chart, { ...inA, group: null }, view()).access).toBe("read");
  });
  it("ACC-10 after the meeting only boards left open between meetings stay writable, until locked", () => {
    const board = doc(`${W}/board/${BOARD}`);
    const chart = doc(`${W}/chart/${CHART}`);
    const ended = view({ ended: true, openBetween: [BOARD] });
    expect(decideAccess(board, inA, ended).access).toBe("write");
    expect(decideAccess(chart, inA, ended).access).toBe("read");
    expect(decideAccess(laneA, inA, ended).access).toBe("read");
    expect(decideAccess(board, facilitator, ended).access).toBe("write");
    // Closing the board later is locking it.
    expect(decideAccess(board, inA, view({ ended: true, openBetween: [BOARD], locked: true })).access).toBe(
      "read",
    );
    // Left open but the meeting still running: an ordinary activity.
    expect(decideAccess(chart, inA, view({ openBetween: [CHART] })).access).toBe("write");
    expect(decideAccess(board, observer, ended).access).toBe("read");
  });
});

describe("ballots", () => {
  const P1 = "pannannann1" as ParticipantId;
  const P2 = "pbobbobbob2" as ParticipantId;
  const ann: Principal = { ...inA, participant: P1 };
  const bob: Principal = { ...inB, participant: P2 };
  const ballot = doc(`${W}/ballot/${CHART}/${P1}`);

  it("ACC-11: only the voter and the facilitator open a ballot; the voter writes it while the vote is open", () => {
    expect(decideAccess(ballot, ann, view({ voting: true }))).toEqual({ access: "write" });
    expect(decideAccess(ballot, ann, view({ voting: false }))).toEqual({ access: "read" });
    expect(decideAccess(ballot, ann, view({ voting: true, locked: true }))).toEqual({ access: "read" });
    expect(decideAccess(ballot, bob, view({ voting: true }))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    // A participant token from before participant ids, with the same group and name, is not the voter.
    expect(decideAccess(ballot, inA, view({ voting: true }))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    expect(decideAccess(ballot, observer, view({ voting: true }))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    expect(decideAccess(ballot, facilitator, view({ voting: true }))).toEqual({ access: "read" });
    // Only charts and boards have ballots.
    expect(decideAccess(doc(`${W}/ballot/${SCALE}/${P1}`), ann, view({ voting: true }))).toEqual({
      access: "none",
      reason: "not-found",
    });
  });
});

describe("ACC-12: a prompt board's words, private first", () => {
  const P1 = "p1aaaaaaaaaa" as ParticipantId;
  const P2 = "p2bbbbbbbbbb" as ParticipantId;
  const ann: Principal = { ...inA, participant: P1 };
  const bob: Principal = { ...inB, participant: P2 };
  const annWords = doc(`${W}/words/${BOARD}/${P1}`);
  const shared = (on: boolean, opts: Parameters<typeof view>[0] = {}): WorkshopView => ({
    ...view(opts),
    wordsShared: () => on,
  });

  it("names round-trip", () => {
    expect(annWords).toEqual({ kind: "words", workshopId: W, activityId: BOARD, participantId: P1 });
  });

  it("only the person writes their words; nobody else opens them until the facilitator shares them", () => {
    expect(decideAccess(annWords, ann, shared(false))).toEqual({ access: "write" });
    expect(decideAccess(annWords, bob, shared(false))).toEqual({ access: "none", reason: "forbidden" });
    // Someone in the same group is still someone else.
    expect(decideAccess(annWords, { ...inA, name: "Ada", participant: P2 }, shared(false))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    expect(decideAccess(annWords, observer, shared(false))).toEqual({ access: "none", reason: "forbidden" });
    // An older token without a participant id is nobody's words.
    expect(decideAccess(annWords, inA, shared(false))).toEqual({ access: "none", reason: "forbidden" });
    // A view that does not know about sharing never shares.
    expect(decideAccess(annWords, bob, view())).toEqual({ access: "none", reason: "forbidden" });
    expect(decideAccess(annWords, facilitator, shared(false))).toEqual({ access: "write" });
  });

  it("once shared, everyone reads them; the person reads their own while the board is locked", () => {
    expect(decideAccess(annWords, bob, shared(true))).toEqual({ access: "read" });
    expect(decideAccess(annWords, observer, shared(true))).toEqual({ access: "read" });
    expect(decideAccess(annWords, ann, shared(false, { locked: true }))).toEqual({ access: "read" });
  });

  it("exists only for prompt boards", () => {
    expect(decideAccess(doc(`${W}/words/${CHART}/${P1}`), ann, shared(false))).toEqual({
      access: "none",
      reason: "not-found",
    });
  });
});

describe("ACC-13: a scale activity's individual round", () => {
  const P1 = "p1aaaaaaaaaa" as ParticipantId;
  const P2 = "p2bbbbbbbbbb" as ParticipantId;
  const ann: Principal = { ...inA, participant: P1 };
  const bob: Principal = { ...inB, participant: P2 };
  const annSolo = doc(`${W}/solo/${SCALE}/${P1}`);
  const rounds = (
    round: "individual" | "group" | "second",
    revealed: boolean,
    opts: Parameters<typeof view>[0] = {},
  ): WorkshopView => ({ ...view(opts), round: () => round, soloRevealed: () => revealed });

  it("names round-trip", () => {
    expect(annSolo).toEqual({ kind: "solo", workshopId: W, activityId: SCALE, participantId: P1 });
  });

  it("only the person writes their own scale, during the individual round; nobody else opens it before the reveal", () => {
    expect(decideAccess(annSolo, ann, rounds("individual", false))).toEqual({ access: "write" });
    expect(decideAccess(annSolo, bob, rounds("individual", false))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    // Someone in the same group is still someone else.
    expect(
      decideAccess(annSolo, { ...inA, name: "Ada", participant: P2 }, rounds("individual", false)),
    ).toEqual({ access: "none", reason: "forbidden" });
    expect(decideAccess(annSolo, observer, rounds("group", false))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    expect(decideAccess(annSolo, inA, rounds("individual", false))).toEqual({
      access: "none",
      reason: "forbidden",
    });
    // A view that knows nothing of rounds has no individual round open and nothing revealed.
    expect(decideAccess(annSolo, ann, view())).toEqual({ access: "read" });
    expect(decideAccess(annSolo, bob, view())).toEqual({ access: "none", reason: "forbidden" });
    expect(decideAccess(annSolo, facilitator, rounds("individual", false))).toEqual({ access: "write" });
  });

  it("closes for writing when the round moves on or the activity locks; once revealed everyone reads", () => {
    expect(decideAccess(annSolo, ann, rounds("group", false))).toEqual({ access: "read" });
    expect(decideAccess(annSolo, ann, rounds("individual", false, { locked: true }))).toEqual({
      access: "read",
    });
    expect(decideAccess(annSolo, bob, rounds("second", true))).toEqual({ access: "read" });
    expect(decideAccess(annSolo, observer, rounds("group", true))).toEqual({ access: "read" });
  });

  it("exists only for scale activities", () => {
    expect(decideAccess(doc(`${W}/solo/${CHART}/${P1}`), ann, rounds("individual", false))).toEqual({
      access: "none",
      reason: "not-found",
    });
  });
});
