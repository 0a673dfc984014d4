import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  type AspectId,
  addBoardActivity,
  addChartActivity,
  addGroup,
  addScaleActivity,
  chartIdForAspect,
  type GroupId,
  getActivity,
  getGroup,
  initWorkshop,
  listActivities,
  listGroups,
  moveActivity,
  moveGroup,
  readMeta,
  readWorkshop,
  removeActivity,
  removeGroup,
  renameGroup,
  SCHEMA_VERSION,
  setCurrentActivity,
  setLocked,
  setMeta,
  setRevealed,
  updateActivity,
  type WorkshopId,
  workshopView,
} from "../src/index.ts";

const W = "wshop1" as WorkshopId;
const NOW = 1_700_000_000_000;

function discretion(): Y.Doc {
  const doc = new Y.Doc();
  initWorkshop(doc, { id: W, title: "Discretion", template: "discretion", date: "2023-02-14", now: NOW });
  return doc;
}

describe("initWorkshop", () => {
  it("reproduces the February 2023 meeting from the discretion template", () => {
    const w = readWorkshop(discretion());
    expect(w.meta).toEqual({
      schemaVersion: SCHEMA_VERSION,
      id: W,
      title: "Discretion",
      date: "2023-02-14",
      description: "",
      // Anonymous unless the facilitator asks to show names (issue 13).
      anonymous: true,
      createdAt: NOW,
      language: "en",
    });
    expect(w.groups.map((g) => g.name)).toEqual(["Link workers", "PPI contributors"]);
    expect(w.groups[0]?.colour).not.toBe(w.groups[1]?.colour);
    // Separate groups on the scale, then charts in mixed groups (every group takes part in each chart).
    expect(w.activities.map((a) => a.kind)).toEqual(["scale", "chart", "chart"]);
    const [scale, chart, second] = w.activities;
    if (scale?.kind !== "scale" || chart?.kind !== "chart" || second?.kind !== "chart")
      throw new Error("kinds");
    expect(w.activities.map((a) => a.takingPart)).toEqual([null, null, null]);
    expect(chart.voting).toEqual({ open: false, revealed: false, budget: 3 });
    expect(chart.id).toBe(chartIdForAspect(scale.id, chart.about.aspectId as AspectId));
    expect(second.about.aspectId).toBe(
      scale.aspects.find((a) => a.text === "Meeting in the patient's home")?.id,
    );
    expect(scale.title).toMatch(/link worker role are discretionary/);
    expect(scale.leftLabel).toBe("About choice");
    expect(scale.rightLabel).toBe("Set in stone");
    expect(scale.aspects.map((a) => a.text)).toContain("Location of meetings");
    expect(scale.aspects.map((a) => a.text)).toContain("Who can refer");
    expect(chart.title).toBe("Pros, cons and implications");
    expect(chart.columns.map((c) => c.title)).toEqual(["Pros", "Cons", "Implications"]);
    const whoCanRefer = scale.aspects.find((a) => a.text === "Who can refer");
    expect(chart.about).toEqual({
      text: "Patients may refer themselves",
      activityId: scale.id,
      aspectId: whoCanRefer?.id,
    });
    expect(w.control).toEqual({
      currentActivity: null,
      timer: null,
      locked: {},
      revealed: {},
      meetingEnded: false,
      view: "board",
    });
  });

  it("lets groups and aspects override the template's", () => {
    const doc = new Y.Doc();
    initWorkshop(doc, {
      id: W,
      title: "T",
      template: "discretion",
      groups: ["A", " ", "B"],
      aspects: ["One"],
    });
    const w = readWorkshop(doc);
    expect(w.groups.map((g) => g.name)).toEqual(["A", "B"]);
    const scale = w.activities[0];
    expect(scale?.kind === "scale" && scale.aspects.map((a) => a.text)).toEqual(["One"]);
    // The chart's aspect no longer exists: it is about the sentence alone.
    const chart = w.activities[1];
    expect(chart?.kind === "chart" && chart.about).toEqual({ text: "Patients may refer themselves" });
  });

  it("blank has a title only; a second init does nothing", () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { id: W, title: "Blank", now: NOW });
    initWorkshop(doc, { id: W, title: "Again", template: "discretion" });
    const w = readWorkshop(doc);
    expect(w.meta.title).toBe("Blank");
    expect(w.groups).toEqual([]);
    expect(w.activities).toEqual([]);
  });

  it("blank with aspects gets a scale so typed aspects are not lost", () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { id: W, title: "B", aspects: ["x"] });
    expect(listActivities(doc).map((a) => a.kind)).toEqual(["scale"]);
  });
});

describe("meta and groups", () => {
  it("setMeta validates what it writes", () => {
    const doc = discretion();
    setMeta(doc, { title: "x".repeat(1000), date: "14/02/2023", description: "d", anonymous: true });
    const m = readMeta(doc);
    expect(m.title).toHaveLength(200);
    expect(m.date).toBe("");
    expect(m.description).toBe("d");
    expect(m.anonymous).toBe(true);
  });

  it("adds, renames, moves and removes groups", () => {
    const doc = discretion();
    const id = addGroup(doc, "Mixed", NOW);
    expect(listGroups(doc).map((g) => g.name)).toEqual(["Link workers", "PPI contributors", "Mixed"]);
    expect(getGroup(doc, id)?.createdAt).toBe(NOW);
    expect(renameGroup(doc, id, "Mixed 1")).toBe(true);
    expect(renameGroup(doc, "nope" as GroupId, "x")).toBe(false);
    moveGroup(doc, id, 0);
    expect(listGroups(doc).map((g) => g.name)).toEqual(["Mixed 1", "Link workers", "PPI contributors"]);
    const scale = listActivities(doc)[0]?.id as ActivityId;
    setRevealed(doc, scale, id, true);
    expect(removeGroup(doc, id)).toBe(true);
    expect(listGroups(doc)).toHaveLength(2);
    expect(readWorkshop(doc).control.revealed).toEqual({});
  });
});

describe("activities", () => {
  it("adds each kind with defaults", () => {
    const doc = new Y.Doc();
    const s = addScaleActivity(doc, { title: "S", aspects: ["a", "b"] });
    const c = addChartActivity(doc, { title: "C", about: "Self referral" });
    const b = addBoardActivity(doc, {
      title: "B",
      prompts: ["Surprising or interesting things", "Ways to improve"],
    });
    const [scale, chart, board] = listActivities(doc);
    expect(scale).toMatchObject({
      id: s,
      kind: "scale",
      leftLabel: "About choice",
      rightLabel: "Set in stone",
      prompt: "",
    });
    expect(scale?.kind === "scale" && scale.aspects.map((a) => a.text)).toEqual(["a", "b"]);
    expect(chart).toMatchObject({ id: c, kind: "chart", about: { text: "Self referral" } });
    expect(chart?.kind === "chart" && chart.columns.map((x) => x.title)).toEqual([
      "Pros",
      "Cons",
      "Implications",
    ]);
    expect(board?.kind === "board" && board.columns.map((x) => x.title)).toEqual([
      "Surprising or interesting things",
      "Ways to improve",
    ]);
    expect(board?.id).toBe(b);
  });

  it("updates only the fields that apply to the kind", () => {
    const doc = new Y.Doc();
    const s = addScaleActivity(doc, { title: "S" });
    const c = addChartActivity(doc, { title: "C" });
    updateActivity(doc, s, { title: "S2", leftLabel: "Open", about: "ignored" });
    updateActivity(doc, c, { prompt: "Why?", leftLabel: "ignored", about: { text: "X" } });
    expect(getActivity(doc, s)).toMatchObject({ title: "S2", leftLabel: "Open", rightLabel: "Set in stone" });
    expect(getActivity(doc, s)).not.toHaveProperty("about");
    expect(getActivity(doc, c)).toMatchObject({ prompt: "Why?", about: { text: "X" } });
    expect(getActivity(doc, c)).not.toHaveProperty("leftLabel");
    expect(updateActivity(doc, "nope" as ActivityId, { title: "x" })).toBe(false);
  });

  it("moves and removes activities, cleaning up control state", () => {
    const doc = new Y.Doc();
    const a = addScaleActivity(doc, { title: "A" });
    const b = addScaleActivity(doc, { title: "B" });
    const c = addScaleActivity(doc, { title: "C" });
    moveActivity(doc, c, 0);
    expect(listActivities(doc).map((x) => x.title)).toEqual(["C", "A", "B"]);
    moveActivity(doc, c, 1);
    expect(listActivities(doc).map((x) => x.title)).toEqual(["A", "C", "B"]);
    moveActivity(doc, a, 99);
    expect(listActivities(doc).map((x) => x.title)).toEqual(["C", "B", "A"]);
    setCurrentActivity(doc, b);
    setLocked(doc, b, true);
    setRevealed(doc, b, "g1" as GroupId, true);
    setRevealed(doc, a, "g1" as GroupId, true);
    expect(removeActivity(doc, b)).toBe(true);
    expect(readWorkshop(doc).control).toEqual({
      currentActivity: null,
      timer: null,
      locked: {},
      revealed: { [a]: ["g1"] },
      meetingEnded: false,
      view: "board",
    });
  });
});

describe("workshopView", () => {
  it("answers from the live document", () => {
    const doc = discretion();
    const view = workshopView(doc);
    const [scale, chart] = listActivities(doc);
    const [g] = listGroups(doc);
    if (!scale || !chart || !g) throw new Error("template");
    expect(view.activityKind(scale.id)).toBe("scale");
    expect(view.activityKind(chart.id)).toBe("chart");
    expect(view.activityKind("nope" as ActivityId)).toBeUndefined();
    expect(view.hasGroup(g.id)).toBe(true);
    expect(view.isLocked(scale.id)).toBe(false);
    setLocked(doc, scale.id, true);
    setRevealed(doc, scale.id, g.id, true);
    expect(view.isLocked(scale.id)).toBe(true);
    expect(view.isRevealed(scale.id, g.id)).toBe(true);
    removeGroup(doc, g.id);
    expect(view.hasGroup(g.id)).toBe(false);
    expect(view.isRevealed(scale.id, g.id)).toBe(false);
  });
});

describe("undo", () => {
  it("a default UndoManager tracks local edits", () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { id: W, title: "T" });
    const undo = new Y.UndoManager([doc.getMap("groups"), doc.getMap("meta")]);
    addGroup(doc, "G");
    expect(listGroups(doc)).toHaveLength(1);
    undo.undo();
    expect(listGroups(doc)).toHaveLength(0);
  });
});
