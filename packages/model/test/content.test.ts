/**
 * Reading and writing a whole workshop (content.ts), beside the migrations: when the schema changes, the
 * writer must write the new layout, and these tests fail until it does.
 */
import { boardDocName, chartDocName, laneDocName, workshopDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  type AspectId,
  addAspect,
  addBoardActivity,
  addChartActivity,
  addChartNote,
  addColumn,
  addGroup,
  addNote,
  addScaleActivity,
  type ColumnId,
  castVote,
  type GroupId,
  importableVotes,
  initChart,
  initLane,
  initWorkshop,
  LIMITS,
  MIGRATIONS,
  type ModelDocKind,
  type NoteId,
  placeAspect,
  readSchemaVersion,
  readWorkshopContent,
  SCHEMA_VERSION,
  setBoardMaterial,
  setColumnInstructions,
  setLocked,
  setMeetingEnded,
  setMeta,
  setOpenBetweenMeetings,
  setPlannedDuration,
  setRevealed,
  setTakingPart,
  setVoting,
  voteCounts,
  type WorkshopContent,
  type WorkshopId,
  writeWorkshopContent,
} from "../src/index.ts";

const W = "wcontent" as WorkshopId;
const G1 = "gone" as GroupId;
const G2 = "gtwo" as GroupId;
const SCALE = "ascale" as ActivityId;
const CHART = "achart" as ActivityId;
const BOARD = "aboard" as ActivityId;
const T = Date.UTC(2024, 4, 1, 9);

/** A workshop built with the model's own writers, touching every field the layout has. */
function buildWorkshop(): Map<string, Y.Doc> {
  const ws = new Y.Doc();
  initWorkshop(ws, {
    id: W,
    title: "Content",
    template: "blank",
    date: "2024-05-01",
    description: "D",
    now: T,
  });
  setMeta(ws, { anonymous: true });
  addGroup(ws, "One", T, G1);
  addGroup(ws, "Two", T + 1, G2);
  addScaleActivity(ws, { id: SCALE, title: "Scale", prompt: "P", leftLabel: "L", rightLabel: "R" });
  const aspect = addAspect(ws, SCALE, "An aspect", "xasp" as AspectId);
  addChartActivity(ws, {
    id: CHART,
    title: "Chart",
    about: { text: "About", activityId: SCALE, aspectId: aspect },
    columns: [],
  });
  const pros = addColumn(ws, CHART, "Pros", undefined, "cpros" as ColumnId);
  addBoardActivity(ws, { id: BOARD, title: "Board", prompts: [] });
  const prompt = addColumn(ws, BOARD, "Prompt", undefined, "cprompt" as ColumnId);
  setBoardMaterial(ws, BOARD, "A vignette to read first.");
  setColumnInstructions(ws, BOARD, prompt, "Write one word.");
  setVoting(ws, CHART, { open: true, revealed: true, budget: 2 });
  setVoting(ws, BOARD, { budget: 5 });
  setTakingPart(ws, BOARD, [G2]);
  setOpenBetweenMeetings(ws, BOARD, true);
  setPlannedDuration(ws, SCALE, 600_000);
  setLocked(ws, SCALE, true);
  setRevealed(ws, SCALE, G1, true);
  setMeetingEnded(ws, true);
  const docs = new Map<string, Y.Doc>([[workshopDocName(W), ws]]);

  for (const g of [G1, G2]) {
    const lane = new Y.Doc();
    initLane(lane, { workshopId: W, activityId: SCALE, groupId: g });
    placeAspect(lane, { aspect: { id: aspect, text: "An aspect" }, x: 12.5, y: 40, author: "Sam", now: T });
    addNote(lane, { id: `n${g}` as NoteId, text: "Own", x: 90, author: "Ria", now: T + 5 });
    docs.set(laneDocName(W, SCALE, g), lane);
  }
  const chart = new Y.Doc();
  initChart(chart, { workshopId: W, activityId: CHART, kind: "chart" });
  const a = addChartNote(chart, {
    id: "na" as NoteId,
    columnId: pros,
    text: "A",
    author: "S",
    groupId: G1,
    now: T,
  });
  const b = addChartNote(chart, {
    id: "nb" as NoteId,
    columnId: pros,
    text: "B",
    author: "",
    groupId: null,
    now: T,
  });
  castVote(chart, a, "v1");
  castVote(chart, a, "v2");
  castVote(chart, b, "v1");
  castVote(chart, b, "v1"); // over v1's budget of 2: not counted
  docs.set(chartDocName(W, CHART), chart);
  const board = new Y.Doc();
  initChart(board, { workshopId: W, activityId: BOARD, kind: "board" });
  addChartNote(board, {
    id: "nc" as NoteId,
    columnId: prompt,
    text: "C",
    author: "P",
    groupId: G2,
    now: T,
    writtenFor: "Amira",
  });
  // The server stamps who typed a note written for someone (OWN-4).
  (board.getMap("notes").get("nc") as Y.Map<unknown>).set("scribe", "participant");
  docs.set(boardDocName(W, BOARD), board);
  return docs;
}

const read = (docs: Map<string, Y.Doc>, id: WorkshopId = W): WorkshopContent =>
  readWorkshopContent(docs.get(workshopDocName(id)) as Y.Doc, docs);

/** The kind of a document from its top-level types' content, for running migrations with the right context. */
function kindOf(doc: Y.Doc): ModelDocKind {
  return doc.getMap("meta").get("kind") as ModelDocKind;
}

describe("a workshop's content", () => {
  it("reads back the same after it is written: ids, texts, positions, orders, states and vote counts", () => {
    const content = read(buildWorkshop());
    expect(content.activities.map((a) => a.kind)).toEqual(["scale", "chart", "board"]);
    const chart = content.activities[1];
    expect(chart?.kind === "chart" && chart.notes.map((n) => [n.id, n.votes])).toEqual([
      ["na", 2],
      ["nb", 1],
    ]);
    expect(read(writeWorkshopContent(content, W))).toEqual(content);
    const other = "wother" as WorkshopId;
    const moved = writeWorkshopContent(content, other);
    expect([...moved.keys()].every((name) => name.startsWith(other))).toBe(true);
    expect(read(moved, other)).toEqual({ ...content, meta: { ...content.meta, id: other } });
  });

  it("writes the layout the model's own writers write (votes aside: their voters are made up)", () => {
    const built = buildWorkshop();
    const written = writeWorkshopContent(read(built), W);
    expect([...written.keys()].sort()).toEqual([...built.keys()].sort());
    for (const [name, doc] of written) {
      const original = built.get(name) as Y.Doc;
      const keys = [...new Set([...doc.share.keys(), ...original.share.keys()])].filter((k) => k !== "votes");
      for (const key of keys) {
        expect({ name, key, value: doc.getMap(key).toJSON() }).toEqual({
          name,
          key,
          value: original.getMap(key).toJSON(),
        });
      }
    }
  });

  it("writes documents in the current schema: stamped with SCHEMA_VERSION, and no migration changes them", () => {
    const written = writeWorkshopContent(read(buildWorkshop()), W);
    for (const [name, doc] of written) {
      expect({ name, version: readSchemaVersion(doc) }).toEqual({ name, version: SCHEMA_VERSION });
      const before = Y.encodeStateVector(doc);
      // Every step, as if the document were older: a step that would fill something in means the writer
      // misses a field that a migration adds.
      doc.transact(() => {
        for (const m of MIGRATIONS) m.up(doc, { kind: kindOf(doc) });
      });
      expect({ name, state: Y.encodeStateVector(doc) }).toEqual({ name, state: before });
    }
  });

  it("writes a count as a bounded number of vote entries, and cuts a count no voters could have cast", () => {
    const content = read(buildWorkshop());
    const withVotes = (votes: number[]): WorkshopContent => ({
      ...content,
      activities: content.activities.map((a) =>
        a.kind === "chart"
          ? {
              ...a,
              voting: { ...a.voting, budget: 1 },
              notes: a.notes.map((n, i) => ({ ...n, votes: votes[i] ?? 0 })),
            }
          : a,
      ),
    });
    const most = importableVotes(1);
    expect(most).toBe(LIMITS.voters);
    const exact = writeWorkshopContent(withVotes([most - 3, 3]), W);
    const chart = exact.get(chartDocName(W, CHART)) as Y.Doc;
    expect([...voteCounts(chart, 1).entries()]).toEqual([
      ["na", most - 3],
      ["nb", 3],
    ]);
    expect(chart.getMap("votes").size).toBe(most);

    const started = performance.now();
    const hostile = writeWorkshopContent(withVotes([1_000_000_000, 1_000_000_000]), W);
    expect(performance.now() - started).toBeLessThan(1000);
    const cut = hostile.get(chartDocName(W, CHART)) as Y.Doc;
    expect(cut.getMap("votes").size).toBeLessThanOrEqual(LIMITS.voters);
    expect([...voteCounts(cut, 1).values()].reduce((x, y) => x + y, 0)).toBe(most);
  });
});
