import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  addAspect,
  addChartActivity,
  addColumn,
  addScaleActivity,
  getActivity,
  moveColumn,
  removeAspect,
  removeColumn,
  renameAspect,
  renameColumn,
} from "../src/index.ts";

const titles = (doc: Y.Doc, id: ActivityId) => {
  const a = getActivity(doc, id);
  return a?.kind === "chart" || a?.kind === "board" ? a.columns.map((c) => c.title) : [];
};
const aspects = (doc: Y.Doc, id: ActivityId) => {
  const a = getActivity(doc, id);
  return a?.kind === "scale" ? a.aspects.map((x) => x.text) : [];
};

describe("aspects", () => {
  it("adds, renames and removes aspects of a scale only", () => {
    const doc = new Y.Doc();
    const s = addScaleActivity(doc, { title: "S", aspects: ["One"] });
    const c = addChartActivity(doc, { title: "C" });
    const id = addAspect(doc, s, "Two");
    expect(() => addAspect(doc, c, "x")).toThrow(/no scale activity/);
    expect(aspects(doc, s)).toEqual(["One", "Two"]);
    expect(renameAspect(doc, s, id, "Deux")).toBe(true);
    expect(aspects(doc, s)).toEqual(["One", "Deux"]);
    expect(removeAspect(doc, s, id)).toBe(true);
    expect(removeAspect(doc, s, id)).toBe(false);
    expect(aspects(doc, s)).toEqual(["One"]);
  });
});

describe("columns", () => {
  it("adds, renames, moves and removes columns", () => {
    const doc = new Y.Doc();
    const c = addChartActivity(doc, { title: "C" });
    const s = addScaleActivity(doc, { title: "S" });
    expect(() => addColumn(doc, s, "x")).toThrow(/no chart or board/);
    const q = addColumn(doc, c, "Questions");
    addColumn(doc, c, "First", 0);
    expect(titles(doc, c)).toEqual(["First", "Pros", "Cons", "Implications", "Questions"]);
    renameColumn(doc, c, q, "Open questions");
    moveColumn(doc, c, q, 1);
    expect(titles(doc, c)).toEqual(["First", "Open questions", "Pros", "Cons", "Implications"]);
    moveColumn(doc, c, q, 99);
    expect(titles(doc, c)).toEqual(["First", "Pros", "Cons", "Implications", "Open questions"]);
    moveColumn(doc, c, q, 0);
    expect(titles(doc, c)).toEqual(["Open questions", "First", "Pros", "Cons", "Implications"]);
    const before = getActivity(doc, c);
    expect(before?.kind === "chart" && before.columns[0]?.id).toBe(q);
    expect(removeColumn(doc, c, q)).toBe(true);
    expect(titles(doc, c)).toEqual(["First", "Pros", "Cons", "Implications"]);
  });

  it("concurrent moves of one column converge on one copy, and the next move cleans up", () => {
    const a = new Y.Doc();
    const c = addChartActivity(a, { title: "C" });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const activity = getActivity(a, c);
    const pros = activity?.kind === "chart" ? activity.columns[0] : undefined;
    if (!pros) throw new Error("no column");
    moveColumn(a, c, pros.id, 2);
    moveColumn(b, c, pros.id, 1);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(titles(a, c)).toEqual(titles(b, c));
    expect(titles(a, c).filter((t) => t === "Pros")).toHaveLength(1);
    moveColumn(a, c, pros.id, 0);
    expect(titles(a, c)).toEqual(["Pros", "Cons", "Implications"]);
    const raw = (a.getMap("activities").get(c) as Y.Map<unknown>).get("columns") as Y.Array<unknown>;
    expect(raw.length).toBe(3);
  });
});
