import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  addChartNote,
  type ColumnId,
  castVote,
  editChartNote,
  type GroupId,
  getChartNote,
  groupChartNotes,
  initChart,
  listChartNotes,
  moveChartNote,
  type NoteId,
  readChartMeta,
  removeChartNote,
  retractVote,
  voteCounts,
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
