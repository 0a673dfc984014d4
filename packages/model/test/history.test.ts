import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  type AspectId,
  addAspect,
  addGroup,
  addNote,
  addReason,
  addScaleActivity,
  appendMoves,
  type GroupId,
  historyDocName,
  initLane,
  initWorkshop,
  lanePositions,
  listMoves,
  listReasons,
  type Move,
  moveKind,
  moveNote,
  movesBetween,
  type NoteId,
  placeAspect,
  positionsAt,
  readActivityRound,
  readMove,
  readWorkshopContent,
  reasonsByNote,
  reasonsMap,
  removeNote,
  removeReason,
  type WorkshopId,
  writeWorkshopContent,
} from "../src/index.ts";

const W = "whist" as WorkshopId;
const A = "ascale" as ActivityId;
const G = "glw" as GroupId;
const about = { activityId: A, groupId: G, author: "Ann", round: "group" as const };

describe("reasons", () => {
  it("are added, listed oldest first, grouped by note and removed; bad values are skipped", () => {
    const lane = new Y.Doc();
    const n1 = "n1" as NoteId;
    addReason(lane, { noteId: n1, text: "  Depends on the patient  ", author: "Ann", now: 2, id: "r2" });
    addReason(lane, { noteId: n1, text: "Set by the commissioners", author: "Bo", now: 1, id: "r1" });
    expect(addReason(lane, { noteId: n1, text: "   " })).toBeNull();
    reasonsMap(lane).set("bad", "not a map");
    const bad = new Y.Map<unknown>();
    reasonsMap(lane).set("nonote", bad);
    bad.set("text", "no note id");
    const reasons = listReasons(lane);
    expect(reasons.map((r) => [r.id, r.text, r.author])).toEqual([
      ["r1", "Set by the commissioners", "Bo"],
      ["r2", "Depends on the patient", "Ann"],
    ]);
    expect(reasonsByNote(reasons).get(n1)?.length).toBe(2);
    expect(removeReason(lane, "r1")).toBe(true);
    expect(listReasons(lane).map((r) => r.id)).toEqual(["r2"]);
  });
});

describe("history", () => {
  it("computes place, move and remove from two readings of a lane; an edit of text is no move", () => {
    const ws = new Y.Doc();
    initWorkshop(ws, { id: W, title: "T", template: "blank", now: 0 });
    addScaleActivity(ws, { id: A, title: "Scale", prompt: "" });
    const aspect = { id: "asess" as AspectId, text: "Number of sessions" };
    const lane = new Y.Doc();
    initLane(lane, { workshopId: W, activityId: A, groupId: G });
    const history = new Y.Doc();
    const step = (at: number, change: () => void) => {
      const before = lanePositions(lane);
      change();
      const moves = movesBetweenNow(before, at);
      appendMoves(history, moves);
      return moves;
    };
    const movesBetweenNow = (before: ReturnType<typeof lanePositions>, at: number): Move[] =>
      movesBetween(before, lanePositions(lane), { ...about, at });
    const id = placeAspect(lane, { aspect, x: 20, y: 40, author: "Ann" });
    // placed before the history started: the first reading already has it
    const first = step(1000, () => moveNote(lane, id, 60, 40));
    expect(first.map((m) => [moveKind(m), m.fromX, m.toX])).toEqual([["move", 20, 60]]);
    const own = step(2000, () => addNote(lane, { text: "Own", x: 80, author: "Bo", id: "nown" as NoteId }));
    expect(own.map((m) => [moveKind(m), m.fromX, m.toX, m.aspectId])).toEqual([["place", null, 80, null]]);
    expect(step(3000, () => lane.getMap<Y.Map<unknown>>("notes").get(id)?.set("text", "Sessions"))).toEqual(
      [],
    );
    const gone = step(4000, () => removeNote(lane, "nown" as NoteId));
    expect(gone.map((m) => [moveKind(m), m.fromX, m.toX])).toEqual([["remove", 80, null]]);

    const moves = listMoves(history, A);
    expect(moves.map((m) => m.at)).toEqual([1000, 2000, 4000]);
    // Replay: where the notes were at each moment.
    expect(positionsAt(moves, 1500).map((n) => [n.noteId, n.x])).toEqual([[id, 60]]);
    expect(positionsAt(moves, 2500).map((n) => [n.noteId, n.x])).toEqual([
      [id, 60],
      ["nown", 80],
    ]);
    expect(positionsAt(moves, 5000).map((n) => n.noteId)).toEqual([id]);
    expect(readActivityRound(ws, A)).toBe("group");
  });

  it("reads stored moves leniently: bad entries are skipped, positions clamped", () => {
    expect(readMove({ activityId: A, groupId: G, noteId: "n", fromX: null, toX: 150, at: 5 })).toMatchObject({
      toX: 100,
      toY: 50,
      round: "group",
    });
    expect(readMove({ activityId: A, groupId: G, noteId: "n", fromX: null, toX: null })).toBeNull();
    expect(readMove({ activityId: "", groupId: G, noteId: "n", toX: 5 })).toBeNull();
    expect(readMove("move")).toBeNull();
  });

  it("travels through a workshop's content with its reasons, and reads back the same", () => {
    const ws = new Y.Doc();
    initWorkshop(ws, { id: W, title: "T", template: "blank", now: 0 });
    addGroup(ws, "Link workers", 0, G);
    addScaleActivity(ws, { id: A, title: "Scale", prompt: "" });
    const aspect = addAspect(ws, A, "Number of sessions", "asess" as AspectId);
    const lane = new Y.Doc();
    initLane(lane, { workshopId: W, activityId: A, groupId: G });
    const note = placeAspect(lane, {
      aspect: { id: aspect, text: "Number of sessions" },
      x: 30,
      author: "Ann",
      now: 5,
    });
    addReason(lane, {
      noteId: note,
      text: "Up to the person",
      author: "Ann",
      groupId: G,
      now: 6,
      id: "rone",
    });
    const history = new Y.Doc();
    appendMoves(history, [
      {
        ...about,
        at: 5,
        noteId: note,
        aspectId: aspect,
        text: "Number of sessions",
        fromX: null,
        fromY: null,
        toX: 30,
        toY: 50,
      },
      // A move of an activity the workshop does not have is not carried into an import.
      {
        ...about,
        activityId: "agone" as ActivityId,
        at: 6,
        noteId: note,
        aspectId: null,
        text: "",
        fromX: null,
        fromY: null,
        toX: 1,
        toY: 1,
      },
    ]);
    const docs = new Map<string, Y.Doc>([
      [`${W}/lane/${A}/${G}`, lane],
      [historyDocName(W), history],
    ]);
    const content = readWorkshopContent(ws, docs);
    expect(content.moves?.length).toBe(2);
    const written = writeWorkshopContent(content, W);
    expect(written.has(historyDocName(W))).toBe(true);
    const ws2 = written.get(W) as Y.Doc;
    const again = readWorkshopContent(ws2, written);
    expect(again.moves).toEqual(content.moves?.filter((m) => m.activityId === A));
    const scale = again.activities[0];
    expect(scale?.kind === "scale" && scale.lanes[0]?.reasons?.map((r) => [r.id, r.text, r.groupId])).toEqual(
      [["rone", "Up to the person", G]],
    );
  });
});
