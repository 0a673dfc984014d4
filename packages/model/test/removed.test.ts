import type { ActivityId, ColumnId, WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addChartNote,
  getChartNote,
  initChart,
  listRemovedNotes,
  noteFields,
  putNoteBack,
  removeChartNote,
} from "../src/index.ts";

describe("undoing a removed note", () => {
  it("puts the note back with the same id and everything it had, once", () => {
    const doc = new Y.Doc();
    initChart(doc, { workshopId: "w1" as WorkshopId, activityId: "c1" as ActivityId });
    const id = addChartNote(doc, {
      columnId: "pros" as ColumnId,
      text: "Saves time",
      author: "Ann",
      groupId: null,
    });
    doc.getMap<Y.Map<unknown>>("notes").get(id)?.set("participantId", "p1");
    const before = getChartNote(doc, id);
    const fields = noteFields(doc, id);
    expect(fields).not.toBeNull();
    removeChartNote(doc, id);
    expect(getChartNote(doc, id)).toBeUndefined();
    expect(putNoteBack(doc, id, fields ?? {})).toBe(true);
    expect(getChartNote(doc, id)).toEqual(before);
    expect(putNoteBack(doc, id, fields ?? {})).toBe(false);
    expect(listRemovedNotes(doc)).toEqual([]);
  });
});
