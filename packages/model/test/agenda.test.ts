import { decideAccess, parseDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  addBoardActivity,
  addScaleActivity,
  addTemplateActivities,
  anonymise,
  attribute,
  chartIdForAspect,
  findChartForAspect,
  type GroupId,
  getActivity,
  getVoting,
  initWorkshop,
  listActivities,
  listGroups,
  openChartForAspect,
  openChartForText,
  readControl,
  readWorkshop,
  setLocked,
  setMeetingEnded,
  setOpenBetweenMeetings,
  setPlannedDuration,
  setTakingPart,
  setVoting,
  TEMPLATES,
  type WorkshopId,
  workshopView,
} from "../src/index.ts";

const W = "wshop1" as WorkshopId;

function workshop(template: "blank" | "discretion" | "word-association" | "between-meetings" = "discretion") {
  const doc = new Y.Doc();
  initWorkshop(doc, { id: W, title: "T", template, now: 1 });
  return doc;
}

describe("templates", () => {
  it("word-association reproduces the October 2022 meeting: word association, then vignettes", () => {
    const w = readWorkshop(workshop("word-association"));
    expect(w.groups.map((g) => g.name)).toEqual(["PPI contributors"]);
    expect(w.activities.map((a) => a.kind)).toEqual(["board", "board"]);
    const [words, vignettes] = w.activities;
    if (words?.kind !== "board" || vignettes?.kind !== "board") throw new Error("kinds");
    expect(words.columns.map((c) => c.title)).toEqual(["Holding", "Feedback loops", "Readiness"]);
    expect(vignettes.columns.map((c) => c.title)).toEqual([
      "What was interesting?",
      "What were the key themes or ideas?",
      "What did it suggest about benefits for patients?",
    ]);
    expect(words.durationMs).toBe(15 * 60_000);
  });

  it("between-meetings is one three-question board left open between meetings", () => {
    const w = readWorkshop(workshop("between-meetings"));
    expect(w.activities).toHaveLength(1);
    const [board] = w.activities;
    if (board?.kind !== "board") throw new Error("kind");
    expect(board.openBetweenMeetings).toBe(true);
    expect(board.columns.map((c) => c.title)).toEqual([
      "Surprising or interesting things",
      "Ways to improve",
      "Things we need to know more about",
    ]);
  });

  it("every template has a label and the facilitator can add a template's activities later", () => {
    for (const t of Object.values(TEMPLATES)) expect(t.label).not.toBe("");
    const doc = workshop("discretion");
    const ids = addTemplateActivities(doc, "word-association");
    expect(ids).toHaveLength(2);
    expect(listActivities(doc).map((a) => a.kind)).toEqual(["scale", "chart", "chart", "board", "board"]);
  });
});

describe("agenda settings", () => {
  it("stores who takes part, open between meetings and the planned length", () => {
    const doc = workshop();
    const [g1, g2] = listGroups(doc).map((g) => g.id) as [GroupId, GroupId];
    const scale = listActivities(doc)[0]?.id as ActivityId;
    expect(setTakingPart(doc, scale, [g2, g1, g2, "bad/id" as GroupId])).toBe(true);
    expect(getActivity(doc, scale)?.takingPart).toEqual([g1, g2].sort());
    setTakingPart(doc, scale, [g1]);
    const view = workshopView(doc);
    expect(view.takesPart(scale, g1)).toBe(true);
    expect(view.takesPart(scale, g2)).toBe(false);
    setTakingPart(doc, scale, null);
    expect(view.takesPart(scale, g2)).toBe(true);
    expect(view.takesPart("nosuch" as ActivityId, g2)).toBe(false);

    expect(setOpenBetweenMeetings(doc, scale, true)).toBe(true);
    expect(view.isOpenBetweenMeetings(scale)).toBe(true);
    setOpenBetweenMeetings(doc, scale, false);
    expect(view.isOpenBetweenMeetings(scale)).toBe(false);

    expect(setPlannedDuration(doc, scale, 90_000.7)).toBe(true);
    expect(getActivity(doc, scale)?.durationMs).toBe(90_000);
    setPlannedDuration(doc, scale, null);
    expect(getActivity(doc, scale)?.durationMs).toBeNull();
    expect(setTakingPart(doc, "nosuch" as ActivityId, null)).toBe(false);

    setMeetingEnded(doc, true);
    expect(readControl(doc).meetingEnded).toBe(true);
    expect(view.meetingEnded()).toBe(true);
  });

  it("garbage in the new fields reads as the defaults", () => {
    const doc = workshop();
    const chart = listActivities(doc)[1]?.id as ActivityId;
    const m = doc.getMap("activities").get(chart) as Y.Map<unknown>;
    m.set("groups", "everyone");
    m.set("openBetweenMeetings", "yes");
    m.set("durationMs", -5);
    m.set("voting", { open: "true", revealed: 1, budget: 1e9 });
    const a = getActivity(doc, chart);
    expect(a).toMatchObject({ takingPart: null, openBetweenMeetings: false, durationMs: null });
    expect(getVoting(doc, chart)).toEqual({ open: false, revealed: false, budget: 20 });
    doc.getMap("control").set("meetingEnded", "true");
    expect(readControl(doc).meetingEnded).toBe(false);
  });

  it("the model's view drives the protocol's rules: a board open between meetings outlives the meeting", () => {
    const doc = workshop("between-meetings");
    const board = listActivities(doc)[0]?.id as ActivityId;
    const scale = addScaleActivity(doc, { title: "S" });
    const g = listGroups(doc)[0]?.id as GroupId;
    const who = { workshopId: W, role: "participant" as const, group: g, name: "Pauline" };
    const boardDoc = parseDocName(`${W}/board/${board}`);
    const laneDoc = parseDocName(`${W}/lane/${scale}/${g}`);
    if (!boardDoc || !laneDoc) throw new Error("names");
    const view = workshopView(doc);
    setMeetingEnded(doc, true);
    expect(decideAccess(boardDoc, who, view).access).toBe("write");
    expect(decideAccess(laneDoc, who, view).access).toBe("read");
    setLocked(doc, board, true);
    expect(decideAccess(boardDoc, who, view).access).toBe("read");
  });

  it("voting state is the facilitator's, in the workshop document", () => {
    const doc = workshop();
    const chart = listActivities(doc)[1]?.id as ActivityId;
    expect(setVoting(doc, chart, { open: true, budget: 5 })).toBe(true);
    expect(getVoting(doc, chart)).toEqual({ open: true, revealed: false, budget: 5 });
    setVoting(doc, chart, { open: false, revealed: true });
    expect(getVoting(doc, chart)).toEqual({ open: false, revealed: true, budget: 5 });
    const scale = listActivities(doc)[0]?.id as ActivityId;
    expect(setVoting(doc, scale, { open: true })).toBe(false);
    const board = addBoardActivity(doc, { title: "B", prompts: ["Q"] });
    expect(setVoting(doc, board, { budget: 0 })).toBe(true);
    expect(getVoting(doc, board).budget).toBe(1);
  });
});

describe("charts about an aspect", () => {
  it("finds the template's chart, or creates one after the scale, converging across replicas", () => {
    const doc = workshop();
    const scale = listActivities(doc)[0];
    if (scale?.kind !== "scale") throw new Error("kind");
    const whoCanRefer = scale.aspects.find((a) => a.text === "Who can refer");
    const sessions = scale.aspects.find((a) => a.text === "Number of sessions");
    if (!whoCanRefer || !sessions) throw new Error("aspects");
    const existing = listActivities(doc)[1]?.id;
    expect(openChartForAspect(doc, scale.id, whoCanRefer.id)).toBe(existing);

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const a = openChartForAspect(doc, scale.id, sessions.id);
    const b = openChartForAspect(other, scale.id, sessions.id);
    expect(a).toBe(b);
    expect(a).toBe(chartIdForAspect(scale.id, sessions.id));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(listActivities(doc).filter((x) => x.kind === "chart")).toHaveLength(3);
    const chart = getActivity(doc, a);
    if (chart?.kind !== "chart") throw new Error("kind");
    expect(chart.about).toEqual({ text: "Number of sessions", activityId: scale.id, aspectId: sessions.id });
    expect(chart.columns.map((c) => c.title)).toEqual(["Pros", "Cons", "Implications"]);
    // After the scale and the charts that follow from it.
    expect(
      listActivities(doc)
        .map((x) => x.id)
        .slice(0, 1),
    ).toEqual([scale.id]);
    expect(findChartForAspect(doc, scale.id, sessions.id)?.id).toBe(a);
    expect(() => openChartForAspect(doc, scale.id, "gone" as never)).toThrow(/no aspect/);
  });

  it("opens a chart about a group's own note by its text", () => {
    const doc = workshop();
    const scale = listActivities(doc)[0]?.id as ActivityId;
    const id = openChartForText(doc, scale, "  Walking meetings ");
    expect(openChartForText(doc, scale, "Walking meetings")).toBe(id);
    expect(getActivity(doc, id)).toMatchObject({ kind: "chart", about: { text: "Walking meetings" } });
    expect(() => openChartForText(doc, "nosuch" as ActivityId, "x")).toThrow();
  });
});

describe("attribution", () => {
  it("always names the group, and the author only when the workshop is not anonymous", () => {
    const doc = workshop();
    const groups = listGroups(doc);
    const g = groups[0]?.id as GroupId;
    const note = { author: "Ann", groupId: g };
    expect(attribute(note, groups, false)).toEqual({
      group: "Link workers",
      groupKind: "group",
      author: "Ann",
      byline: "Ann, Link workers",
    });
    expect(attribute(note, groups, true)).toEqual({
      group: "Link workers",
      groupKind: "group",
      author: null,
      byline: "Link workers",
    });
    expect(attribute({ author: "F", groupId: null }, groups, false).group).toBe("Facilitator");
    expect(attribute({ author: "", groupId: "gone" as GroupId }, groups, false).byline).toBe("Removed group");
    // A reader in another language passes its own words for the two; the note's kind says which it is.
    const cy = { facilitator: "Hwylusydd", removedGroup: "Grŵp a dynnwyd" };
    expect(attribute({ author: "F", groupId: null }, groups, false, cy)).toMatchObject({
      group: "Hwylusydd",
      groupKind: "facilitator",
      byline: "F, Hwylusydd",
    });
    expect(attribute({ author: "", groupId: "gone" as GroupId }, groups, true, cy)).toMatchObject({
      groupKind: "removed",
      byline: "Grŵp a dynnwyd",
    });
    expect(anonymise([note], true)).toEqual([{ author: "", groupId: g }]);
    expect(anonymise([note], false)).toEqual([note]);
  });
});
