import type { ActivityId, NoteId, ParticipantId, WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  ballotDots,
  ballotIsValid,
  ballotTotal,
  initBallot,
  placeBallotDot,
  publishTally,
  readBallotDotCount,
  readBallotVoters,
  readTally,
  sumBallots,
  takeBackBallotDot,
} from "../src/index.ts";

const n1 = "note1" as NoteId;
const n2 = "note2" as NoteId;

function ballot(): Y.Doc {
  const doc = new Y.Doc();
  initBallot(doc, {
    workshopId: "w1" as WorkshopId,
    activityId: "c1" as ActivityId,
    participantId: "pabc" as ParticipantId,
  });
  return doc;
}

describe("ballots", () => {
  it("places dots up to the budget and takes them back", () => {
    const doc = ballot();
    expect(placeBallotDot(doc, n1, 3)).toBe(true);
    expect(placeBallotDot(doc, n1, 3)).toBe(true);
    expect(placeBallotDot(doc, n2, 3)).toBe(true);
    expect(placeBallotDot(doc, n2, 3)).toBe(false);
    expect(ballotTotal(doc)).toBe(3);
    expect(takeBackBallotDot(doc, n1)).toBe(true);
    expect([...ballotDots(doc)]).toEqual([
      [n1, 1],
      [n2, 1],
    ]);
    expect(takeBackBallotDot(doc, "nothere" as NoteId)).toBe(false);
  });

  it("tells a ballot within its budget from one over it or with garbage in it", () => {
    const doc = ballot();
    placeBallotDot(doc, n1, 3);
    expect(ballotIsValid(doc, 3)).toBe(true);
    doc.getMap("dots").set(n2, 5);
    expect(ballotIsValid(doc, 3)).toBe(false);
    doc.getMap("dots").set(n2, 1.5);
    expect(ballotIsValid(doc, 3)).toBe(false);
    doc.getMap("dots").set(n2, "lots");
    expect(ballotIsValid(doc, 3)).toBe(false);
    doc.getMap("dots").delete(n2);
    doc.getMap("dots").set("not an id!", 1);
    expect(ballotIsValid(doc, 3)).toBe(false);
  });

  it("sums ballots, each counting at most the budget, and publishes the totals only while revealed", () => {
    const a = new Map([[n1, 2]]);
    const b = new Map([
      [n1, 1],
      [n2, 5],
    ]);
    const { counts, voters } = sumBallots([a, b, new Map()], 3);
    expect([...counts].sort()).toEqual([
      [n1, 3],
      [n2, 2],
    ]);
    expect(voters).toBe(2);
    const chart = new Y.Doc();
    expect(readTally(chart)).toBeNull();
    publishTally(chart, null, { voters: 2, dots: 3 });
    expect(readTally(chart)).toBeNull();
    expect(readBallotVoters(chart)).toBe(2);
    expect(readBallotDotCount(chart)).toBe(3);
    publishTally(chart, counts, { voters: 2, dots: 5 });
    expect(readTally(chart)?.get(n1)).toBe(3);
    publishTally(chart, new Map([[n2, 1]]), { voters: 1, dots: 1 });
    expect([...(readTally(chart) ?? [])]).toEqual([[n2, 1]]);
    publishTally(chart, null, { voters: 1, dots: 1 });
    expect(readTally(chart)).toBeNull();
  });
});
