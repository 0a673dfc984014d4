import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  addChartNote,
  type ChartNote,
  type ColumnId,
  castVote,
  clearVotes,
  creditedName,
  dotsUsed,
  editChartNote,
  type GroupId,
  getChartNote,
  groupChartNotes,
  initChart,
  LIMITS,
  listChartNotes,
  moveChartNote,
  type NoteId,
  placeDot,
  readChartMeta,
  removeChartNote,
  retractVote,
  sortByVotes,
  takeBackDot,
  voteCounts,
  voterCount,
  votesBy,
  type WorkshopId,
} from "../src/index.ts";

const NOW = 1_700_000_000_000;
const PROS = "pros" as ColumnId;
const CONS = "cons" as ColumnId;
const LW = "linkw" as GroupId;

function chart(kind: "chart" | "board" = "chart"): Y.Doc {
  const doc = new Y.Doc();
  initChart(doc, { workshopId: "w1" as WorkshopId, activityId: "c1" as ActivityId, kind });
  return doc;
}
const add = (doc: Y.Doc, columnId: ColumnId, text: string) =>
  addChartNote(doc, { columnId, text, author: "Ann", groupId: LW, now: NOW });
const column = (doc: Y.Doc, c: ColumnId) =>
  listChartNotes(doc)
    .filter((n) => n.columnId === c)
    .map((n) => n.text);

describe("chart", () => {
  it("stamps its meta and kind", () => {
    expect(readChartMeta(chart())).toMatchObject({ kind: "chart", workshopId: "w1", activityId: "c1" });
    expect(readChartMeta(chart("board")).kind).toBe("board");
  });

  it("appends notes at the end of their column and records the author's group", () => {
    const doc = chart();
    const a = add(doc, PROS, "Saves time");
    add(doc, PROS, "More awareness");
    add(doc, CONS, "Waiting lists");
    expect(column(doc, PROS)).toEqual(["Saves time", "More awareness"]);
    expect(getChartNote(doc, a)).toEqual({
      id: a,
      text: "Saves time",
      colour: "yellow",
      columnId: PROS,
      order: 0,
      author: "Ann",
      groupId: LW,
      createdAt: NOW,
      updatedAt: NOW,
      // Stamped by the server (OWN-1), never by the client that adds it.
      participantId: null,
    });
  });

  it("moves notes within and across columns by fractional order", () => {
    const doc = chart();
    const a = add(doc, PROS, "a");
    const b = add(doc, PROS, "b");
    const c = add(doc, PROS, "c");
    moveChartNote(doc, c, PROS, 0);
    expect(column(doc, PROS)).toEqual(["c", "a", "b"]);
    moveChartNote(doc, c, PROS, 1);
    expect(column(doc, PROS)).toEqual(["a", "c", "b"]);
    moveChartNote(doc, a, PROS, 10);
    expect(column(doc, PROS)).toEqual(["c", "b", "a"]);
    moveChartNote(doc, b, CONS, 0);
    expect(column(doc, PROS)).toEqual(["c", "a"]);
    expect(column(doc, CONS)).toEqual(["b"]);
    expect(moveChartNote(doc, "gone" as NoteId, PROS, 0)).toBe(false);
  });

  it("edits and removes notes", () => {
    const doc = chart();
    const a = add(doc, PROS, "a");
    expect(editChartNote(doc, a, { text: "A", colour: "blue" }, NOW + 1)).toBe(true);
    expect(getChartNote(doc, a)).toMatchObject({ text: "A", colour: "blue", updatedAt: NOW + 1 });
    expect(removeChartNote(doc, a)).toBe(true);
    expect(listChartNotes(doc)).toEqual([]);
  });

  it("groups notes under columns and keeps orphans of removed columns", () => {
    const doc = chart();
    add(doc, PROS, "p");
    add(doc, "gone" as ColumnId, "o");
    const grouped = groupChartNotes([{ id: PROS, title: "Pros" }], listChartNotes(doc));
    expect(grouped.columns.map((c) => c.notes.map((n) => n.text))).toEqual([["p"]]);
    expect(grouped.orphans.map((n) => n.text)).toEqual(["o"]);
  });

  it("casts, retracts and counts dot votes", () => {
    const doc = chart();
    const a = add(doc, PROS, "a");
    const b = add(doc, CONS, "b");
    expect(castVote(doc, a, "ann")).toBe(1);
    expect(castVote(doc, a, "ann")).toBe(2);
    castVote(doc, a, "bob");
    castVote(doc, b, "bob");
    expect(castVote(doc, b, "not:valid")).toBe(0);
    expect(castVote(doc, "gone" as NoteId, "ann")).toBe(0);
    expect(voteCounts(doc)).toEqual(
      new Map([
        [a, 3],
        [b, 1],
      ]),
    );
    expect(votesBy(doc, "bob")).toEqual(
      new Map([
        [a, 1],
        [b, 1],
      ]),
    );
    expect(retractVote(doc, a, "ann")).toBe(1);
    expect(retractVote(doc, a, "ann")).toBe(0);
    expect(retractVote(doc, a, "ann")).toBe(0);
    expect(voteCounts(doc).get(a)).toBe(1);
    removeChartNote(doc, a);
    expect(voteCounts(doc)).toEqual(new Map([[b, 1]]));
    expect(doc.getMap("votes").size).toBe(1);
  });
});

describe("dot voting with a budget", () => {
  it("the client places at most the budget; counts cap each voter at the budget for exports", () => {
    const doc = chart();
    const a = add(doc, PROS, "a");
    const b = add(doc, CONS, "b");
    expect(placeDot(doc, a, "ann", 3)).toBe(true);
    expect(placeDot(doc, a, "ann", 3)).toBe(true);
    expect(placeDot(doc, b, "ann", 3)).toBe(true);
    expect(placeDot(doc, b, "ann", 3)).toBe(false);
    expect(dotsUsed(doc, "ann")).toBe(3);
    expect(takeBackDot(doc, a, "ann")).toBe(true);
    expect(takeBackDot(doc, a, "bob")).toBe(false);
    expect(placeDot(doc, b, "ann", 3)).toBe(true);
    expect(votesBy(doc, "ann")).toEqual(
      new Map([
        [a, 1],
        [b, 2],
      ]),
    );
    // A modified client ignores the budget: the raw count shows it, the budgeted count does not.
    for (let i = 0; i < 5; i++) castVote(doc, b, "mallory");
    castVote(doc, a, "mallory");
    expect(voteCounts(doc).get(b)).toBe(7);
    const capped = voteCounts(doc, 3);
    // mallory's dots count in note-id order until the budget is spent.
    const [first, second] = [a, b].sort();
    const mallory = new Map<string, number>([
      [a, 1],
      [b, 5],
    ]);
    const firstDots = Math.min(3, mallory.get(first as string) ?? 0);
    const secondDots = Math.min(3 - firstDots, mallory.get(second as string) ?? 0);
    expect((capped.get(first as NoteId) ?? 0) - (first === a ? 1 : 2)).toBe(firstDots);
    expect((capped.get(second as NoteId) ?? 0) - (second === a ? 1 : 2)).toBe(secondDots);
    expect(voterCount(doc)).toBe(2);
    expect(sortByVotes(listChartNotes(doc), voteCounts(doc)).map((n) => n.text)).toEqual(["b", "a"]);
    clearVotes(doc);
    expect(voteCounts(doc).size).toBe(0);
  });
});

describe("a note written for someone else (OWN-4)", () => {
  const note = (doc: Y.Doc, id: NoteId) => doc.getMap<Y.Map<unknown>>("notes").get(id) as Y.Map<unknown>;

  it("keeps the name given, and reads nothing on a note without it", () => {
    const doc = chart();
    const plain = add(doc, PROS, "mine");
    const forAmira = addChartNote(doc, {
      columnId: PROS,
      text: "theirs",
      author: "Sam",
      groupId: LW,
      writtenFor: "  Amira ",
    });
    const unnamed = addChartNote(doc, {
      columnId: PROS,
      text: "x",
      author: "Sam",
      groupId: LW,
      writtenFor: "",
    });
    note(doc, forAmira).set("scribe", "participant");
    expect(getChartNote(doc, plain)).not.toHaveProperty("writtenFor");
    expect(getChartNote(doc, plain)).not.toHaveProperty("scribe");
    expect(getChartNote(doc, forAmira)).toMatchObject({ writtenFor: "Amira", scribe: "participant" });
    expect(creditedName(getChartNote(doc, forAmira) as ChartNote)).toBe("Amira");
    expect(creditedName(getChartNote(doc, plain) as ChartNote)).toBe("Ann");
    // Written for someone who gave no name: still marked, credited to no name.
    expect(getChartNote(doc, unnamed)?.writtenFor).toBe("");
    expect(creditedName(getChartNote(doc, unnamed) as ChartNote)).toBe("");
  });

  it("treats only literal values as meaningful", () => {
    const doc = chart();
    const a = add(doc, PROS, "a");
    note(doc, a).set("writtenFor", 42);
    note(doc, a).set("scribe", "participant");
    expect(getChartNote(doc, a)).not.toHaveProperty("writtenFor");
    expect(getChartNote(doc, a)).not.toHaveProperty("scribe");
    note(doc, a).set("writtenFor", "x".repeat(LIMITS.name + 10));
    note(doc, a).set("scribe", "someone");
    expect(getChartNote(doc, a)?.writtenFor).toHaveLength(LIMITS.name);
    expect(getChartNote(doc, a)).not.toHaveProperty("scribe");
  });
});
