/**
 * Garbage written with the raw Y API, as an old, buggy or hostile peer could: readers must not throw, and
 * must skip or clamp as documented.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  addChartActivity,
  addChartNote,
  addGroup,
  addNote,
  addScaleActivity,
  type ColumnId,
  castVote,
  type GroupId,
  initWorkshop,
  listChartNotes,
  listNotes,
  type NoteId,
  readControl,
  readWorkshop,
  type ScaleNote,
  voteCounts,
  type WorkshopId,
  workshopView,
} from "../src/index.ts";

const ymap = (entries: Record<string, unknown>): Y.Map<unknown> => {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
};

describe("workshop document garbage", () => {
  it("skips bad groups and activities and clamps meta", () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { id: "w1" as WorkshopId, title: "T" });
    const good = addGroup(doc, "Good", 0, "zgood" as GroupId);
    const scale = addScaleActivity(doc, { title: "S", aspects: ["a"] });
    const meta = doc.getMap("meta");
    meta.set("title", 42);
    meta.set("date", "yesterday");
    meta.set("anonymous", "true");
    meta.set("createdAt", -5);
    meta.set("id", "has/slash");
    meta.set("schemaVersion", "1");
    meta.set("futureField", { any: "thing" });
    const groups = doc.getMap("groups");
    groups.set("plain", { name: "not a Y.Map" });
    groups.set("bad/id", ymap({ name: "bad key" }));
    groups.set("weird", ymap({ name: ["x"], colour: "chartreuse", order: "first", extra: 1 }));
    const acts = doc.getMap("activities");
    acts.set("nokind", ymap({ title: "?" }));
    acts.set("future", ymap({ kind: "video", title: "from a newer client" }));
    acts.set("string", "scale");
    acts.set(
      "chart1",
      ymap({ kind: "chart", title: 7, order: Number.NaN, about: [1, 2], columns: "Pros,Cons" }),
    );
    const aspects = (acts.get(scale) as Y.Map<unknown>).get("aspects") as Y.Array<unknown>;
    aspects.push([
      ymap({ id: "bad id", text: "x" }),
      ymap({ text: "no id" }),
      "plain",
      ymap({ id: "a2", text: 5 }),
    ]);
    (acts.get(scale) as Y.Map<unknown>).set("leftLabel", null);

    const w = readWorkshop(doc);
    expect(w.meta).toEqual({
      schemaVersion: 0,
      id: null,
      title: "",
      date: "",
      description: "",
      anonymous: false,
      createdAt: 0,
      language: "en",
    });
    expect(w.groups.map((g) => g.id)).toEqual(["weird", good]);
    expect(w.groups[0]).toMatchObject({ name: "", colour: "yellow", order: 0 });
    expect(w.activities.map((a) => a.id).sort()).toEqual(["chart1", scale].sort());
    const chart = w.activities.find((a) => a.id === "chart1");
    expect(chart).toMatchObject({ kind: "chart", title: "", order: 0, about: { text: "" }, columns: [] });
    const s = w.activities.find((a) => a.id === scale);
    expect(s?.kind === "scale" && s.aspects.map((a) => [a.id.length > 0, a.text])).toEqual([
      [true, "a"],
      [true, ""],
    ]);
    expect(s?.kind === "scale" && s.leftLabel).toBe("About choice");
    const view = workshopView(doc);
    expect(view.activityKind("future" as ActivityId)).toBeUndefined();
    expect(view.activityKind("nokind" as ActivityId)).toBeUndefined();
    expect(view.hasGroup("plain" as GroupId)).toBe(false);
    expect(() => JSON.stringify(w)).not.toThrow();
  });

  it("only a literal true locks or reveals; bad timers read as none or clamp", () => {
    const doc = new Y.Doc();
    const a = addChartActivity(doc, { title: "C" });
    doc.getMap("locks").set(a, "yes");
    doc.getMap("locks").set("bad key!", true);
    doc.getMap("reveals").set(`${a}:g1`, 1);
    doc.getMap("reveals").set(`${a}:g2:extra`, true);
    doc.getMap("reveals").set("nocolon", true);
    doc.getMap("control").set("currentActivity", { id: a });
    doc.getMap("control").set("timer", "soon");
    expect(readControl(doc)).toEqual({
      currentActivity: null,
      timer: null,
      locked: {},
      revealed: {},
      meetingEnded: false,
      view: "board",
    });
    expect(workshopView(doc).isLocked(a)).toBe(false);
    expect(workshopView(doc).isRevealed(a, "g1" as GroupId)).toBe(false);

    doc.getMap("control").set("timer", { durationMs: 1e15, startedAt: "now", remainingMs: -10 });
    expect(readControl(doc).timer).toEqual({ durationMs: 86_400_000, startedAt: null, remainingMs: 0 });
    doc.getMap("control").set("timer", { durationMs: 60_000, startedAt: 5, remainingMs: 1e9 });
    expect(readControl(doc).timer).toEqual({ durationMs: 60_000, startedAt: 5, remainingMs: 60_000 });
    doc.getMap("control").set("timer", ymap({ durationMs: 1000, startedAt: null, remainingMs: 500 }));
    expect(readControl(doc).timer).toEqual({ durationMs: 1000, startedAt: null, remainingMs: 500 });
    doc.getMap("control").set("timer", { durationMs: Number.NaN });
    expect(readControl(doc).timer).toBeNull();
  });
});

describe("lane garbage", () => {
  it("clamps positions, truncates text, defaults colour, skips bad notes", () => {
    const doc = new Y.Doc();
    const good = addNote(doc, { text: "ok", x: 10, author: "A", now: 5 });
    const notes = doc.getMap("notes");
    notes.set("far", ymap({ text: "far", x: 150, y: -20, colour: "chartreuse", createdAt: 6 }));
    notes.set("nan", ymap({ text: "nan", x: Number.NaN, y: "abc", createdAt: 7 }));
    notes.set("abc", ymap({ text: "abc", x: "abc", createdAt: 8 }));
    notes.set("inf", ymap({ text: "inf", x: Number.NEGATIVE_INFINITY, createdAt: 9 }));
    notes.set("long", ymap({ text: "€".repeat(900), x: 1, createdAt: 10, aspectId: "not an id", author: 3 }));
    notes.set("emoji", ymap({ text: `${"a".repeat(499)}😀😀`, x: 1, createdAt: 11 }));
    notes.set("nottext", ymap({ text: { rich: true }, x: 1, createdAt: 12, updatedAt: "later" }));
    notes.set("plain", { text: "plain object", x: 1 });
    notes.set("bad key/", ymap({ text: "bad key", x: 1 }));
    notes.set("nullish", null);

    let read: ScaleNote[] = [];
    expect(() => {
      read = listNotes(doc);
    }).not.toThrow();
    const byId = new Map(read.map((n) => [n.id as string, n]));
    expect([...byId.keys()]).toEqual([good, "far", "nan", "abc", "inf", "long", "emoji", "nottext"]);
    expect(byId.get("far")).toMatchObject({ x: 100, y: 0, colour: "yellow" });
    expect(byId.get("nan")).toMatchObject({ x: 50, y: 50 });
    expect(byId.get("abc")?.x).toBe(50);
    expect(byId.get("inf")?.x).toBe(50);
    expect(byId.get("long")).toMatchObject({ aspectId: null, author: "" });
    expect(byId.get("long")?.text).toHaveLength(500);
    // Truncation never splits a surrogate pair.
    expect(byId.get("emoji")?.text).toBe(`${"a".repeat(499)}😀`);
    expect(byId.get("nottext")).toMatchObject({ text: "", updatedAt: 0 });
  });
});

describe("chart garbage", () => {
  it("skips notes without a valid column and ignores bad votes", () => {
    const doc = new Y.Doc();
    const good = addChartNote(doc, { columnId: "pros" as ColumnId, text: "ok", author: "A", groupId: null });
    const notes = doc.getMap("notes");
    notes.set("nocol", ymap({ text: "x", order: 1 }));
    notes.set("badorder", ymap({ text: "y", columnId: "pros", order: "top", groupId: "no/group" }));
    castVote(doc, good, "ann");
    const votes = doc.getMap("votes");
    votes.set(`${good}:bob`, 1e9);
    votes.set(`${good}:eve`, -4);
    votes.set(`${good}:mal`, "lots");
    votes.set(`${good}:frac`, 2.7);
    votes.set("nope", 3);
    votes.set("ghost:ann", 3);
    const list = listChartNotes(doc);
    expect(list.map((n) => n.id).sort()).toEqual(["badorder", good].sort());
    expect(list.find((n) => n.id === "badorder")).toMatchObject({ order: 0, groupId: null });
    expect(voteCounts(doc)).toEqual(new Map([[good, 1 + 99 + 2]]));
    expect(voteCounts(doc).has("ghost" as NoteId)).toBe(false);
  });
});
