import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addBoardActivity,
  addChartActivity,
  type ColumnId,
  getActivity,
  readBoardMaterial,
  setBoardMaterial,
  setColumnInstructions,
} from "../src/index.ts";

describe("a prompt board's material and instructions", () => {
  it("reads as none when absent, and keeps material and each question's instructions", () => {
    const doc = new Y.Doc();
    const board = addBoardActivity(doc, {
      title: "Vignettes",
      prompts: ["What stands out?", "What would you do?"],
    });
    const a = getActivity(doc, board);
    const [q1, q2] = (a?.kind === "board" ? a.columns : []).map((c) => c.id) as [ColumnId, ColumnId];
    expect(readBoardMaterial(doc, board)).toEqual({ material: "", instructions: {} });

    setBoardMaterial(doc, board, "Mrs A, 78, lives alone…");
    setColumnInstructions(doc, board, q1, "One thing, in a few words.");
    setColumnInstructions(doc, board, q2, "Say what you would do first.");
    setColumnInstructions(doc, board, q2, "");
    expect(readBoardMaterial(doc, board)).toEqual({
      material: "Mrs A, 78, lives alone…",
      instructions: { [q1]: "One thing, in a few words." },
    });

    // Another device's edits of another question merge.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setColumnInstructions(other, board, q2, "Either way is fine.");
    setColumnInstructions(doc, board, q1, "A word or a phrase.");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readBoardMaterial(doc, board).instructions).toEqual({
      [q1]: "A word or a phrase.",
      [q2]: "Either way is fine.",
    });

    // Not a board: nothing written, nothing read.
    const chart = addChartActivity(doc, { title: "Chart" });
    expect(setBoardMaterial(doc, chart, "x")).toBe(false);
    expect(readBoardMaterial(doc, chart).material).toBe("");
  });
});
