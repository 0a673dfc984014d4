import type { Column, ColumnId, NoteId } from "@continuum/model";
import { describe, expect, it } from "vitest";
import { byColumnOf, dropIndex, keyboardMove } from "../../src/activities/chart/reorder.ts";

const id = (s: string) => s as NoteId;
const col = (s: string) => ({ id: s as ColumnId, title: s.toUpperCase() }) as Column;
const columns = [col("pros"), col("cons"), col("impl")];
const layout = byColumnOf([
  { id: id("a"), columnId: "pros" },
  { id: id("b"), columnId: "pros" },
  { id: id("c"), columnId: "pros" },
  { id: id("d"), columnId: "cons" },
  { id: id("z"), columnId: "gone" },
]);

describe("moving a chart note with the keyboard", () => {
  it("moves up and down within its column, and says when it is at an end", () => {
    expect(keyboardMove(columns, layout, id("b"), "pros", "ArrowUp")).toEqual({
      kind: "move",
      column: columns[0],
      index: 0,
    });
    expect(keyboardMove(columns, layout, id("b"), "pros", "End")).toMatchObject({ kind: "move", index: 2 });
    expect(keyboardMove(columns, layout, id("a"), "pros", "ArrowUp")).toEqual({ kind: "edge", edge: "top" });
    expect(keyboardMove(columns, layout, id("c"), "pros", "ArrowDown")).toEqual({
      kind: "edge",
      edge: "bottom",
    });
  });

  it("moves left and right to the next column at the same height, or its end", () => {
    expect(keyboardMove(columns, layout, id("c"), "pros", "ArrowRight")).toEqual({
      kind: "move",
      column: columns[1],
      index: 1,
    });
    expect(keyboardMove(columns, layout, id("d"), "cons", "ArrowRight")).toMatchObject({
      column: columns[2],
      index: 0,
    });
    expect(keyboardMove(columns, layout, id("a"), "pros", "ArrowLeft")).toEqual({ kind: "none" });
    expect(keyboardMove(columns, layout, id("d"), "cons", "ArrowLeft")).toMatchObject({ column: columns[0] });
  });

  it("moves a note of a removed column into the last column with left, the first with right", () => {
    expect(keyboardMove(columns, layout, id("z"), "gone", "ArrowLeft")).toMatchObject({ column: columns[2] });
    expect(keyboardMove(columns, layout, id("z"), "gone", "ArrowRight")).toMatchObject({
      column: columns[0],
    });
  });
});

describe("dropping a chart note", () => {
  it("lands before the note it is dropped on, after it when dragged down its own column", () => {
    expect(dropIndex(layout, id("c"), "pros", { columnId: "pros" as ColumnId, noteId: id("a") })).toBe(0);
    expect(dropIndex(layout, id("a"), "pros", { columnId: "pros" as ColumnId, noteId: id("c") })).toBe(2);
    expect(dropIndex(layout, id("d"), "cons", { columnId: "pros" as ColumnId, noteId: id("b") })).toBe(1);
  });

  it("lands at the end of a column dropped on, and nowhere when dropped on itself", () => {
    expect(dropIndex(layout, id("a"), "pros", { columnId: "cons" as ColumnId })).toBe(1);
    expect(dropIndex(layout, id("a"), "pros", { columnId: "pros" as ColumnId })).toBe(2);
    expect(dropIndex(layout, id("a"), "pros", { columnId: "pros" as ColumnId, noteId: id("a") })).toBeNull();
  });
});
