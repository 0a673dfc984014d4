import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  inferDocKind,
  isNewerThanSupported,
  listChartNotes,
  listGroups,
  listNotes,
  MIGRATIONS,
  migrateDoc,
  readMeta,
  readSchemaVersion,
  readWorkshop,
  SCHEMA_VERSION,
} from "../src/index.ts";
import { WORKSHOP_KEYS } from "../src/schema.ts";

const ymap = (entries: Record<string, unknown>): Y.Map<unknown> => {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
};

/** A workshop document as a client that wrote no version would have left it (version 0). */
function unversionedWorkshop(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap("meta").set("title", "Old workshop");
  doc.getMap("groups").set("grp1", ymap({ name: "Link workers", colour: "blue", order: 0 }));
  return doc;
}

describe("schema", () => {
  it("the migration list is numbered 1..SCHEMA_VERSION", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it("leaves a document newer than this code alone and reports it", () => {
    const doc = new Y.Doc();
    doc.getMap("meta").set("schemaVersion", SCHEMA_VERSION + 1);
    expect(isNewerThanSupported(doc)).toBe(true);
    const before = Y.encodeStateVector(doc);
    expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1 });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("does nothing to a current document", () => {
    const doc = new Y.Doc();
    doc.getMap("meta").set("schemaVersion", SCHEMA_VERSION);
    const before = Y.encodeStateVector(doc);
    expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(isNewerThanSupported(doc)).toBe(false);
  });
});

describe("migration 1: stamp unversioned documents", () => {
  it("stamps a workshop document, fills missing meta and keeps its content", () => {
    const doc = unversionedWorkshop();
    expect(readSchemaVersion(doc)).toBe(0);
    expect(migrateDoc(doc)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(doc.getMap("meta").get("kind")).toBe("workshop");
    expect(readMeta(doc)).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      title: "Old workshop",
      date: "",
      anonymous: false,
    });
    expect(doc.getMap("meta").get("description")).toBe("");
    expect(listGroups(doc).map((g) => g.name)).toEqual(["Link workers"]);
    for (const key of ["groups", "activities", "control", "locks", "reveals"])
      expect(doc.share.has(key)).toBe(true);
  });

  it("is idempotent and converges when two replicas migrate concurrently", () => {
    const a = unversionedWorkshop();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateDoc(a);
    migrateDoc(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(readSchemaVersion(a)).toBe(SCHEMA_VERSION);
    // Running the step again writes nothing.
    const before = Y.encodeStateVector(a);
    for (const m of MIGRATIONS) m.up(a);
    expect(Y.encodeStateVector(a)).toEqual(before);
  });

  it("is not undone by a participant's undo", () => {
    const doc = unversionedWorkshop();
    const undo = new Y.UndoManager([doc.getMap("meta"), doc.getMap("groups")]);
    migrateDoc(doc);
    undo.undo();
    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION);
  });

  it("stamps lane and chart documents, inferring or being told their kind", () => {
    const lane = new Y.Doc();
    lane.getMap("notes").set("n1", ymap({ text: "Walks", x: 20 }));
    expect(inferDocKind(lane)).toBe("lane");
    migrateDoc(lane);
    expect(lane.getMap("meta").toJSON()).toEqual({ kind: "lane", schemaVersion: SCHEMA_VERSION });
    expect(listNotes(lane).map((n) => n.text)).toEqual(["Walks"]);

    const chart = new Y.Doc();
    chart.getMap("notes").set("n1", ymap({ text: "Saves time", columnId: "pros" }));
    chart.getMap("votes").set("n1:ann", 1);
    expect(inferDocKind(chart)).toBe("chart");
    migrateDoc(chart);
    expect(chart.getMap("meta").toJSON()).toEqual({ kind: "chart", schemaVersion: SCHEMA_VERSION });
    expect(listChartNotes(chart)).toHaveLength(1);

    const board = new Y.Doc();
    board.getMap("notes").set("n1", ymap({ text: "x", columnId: "c1" }));
    migrateDoc(board, { kind: "board" });
    expect(board.getMap("meta").get("kind")).toBe("board");
    expect(board.share.has("votes")).toBe(true);
  });

  it("stamps only the version when the kind cannot be told", () => {
    const doc = new Y.Doc();
    expect(inferDocKind(doc)).toBeNull();
    expect(migrateDoc(doc)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(doc.getMap("meta").toJSON()).toEqual({ schemaVersion: SCHEMA_VERSION });
  });
});

/** A workshop document as schema version 1 left it: no meeting state, charts and boards without voting. */
function v1Workshop(): Y.Doc {
  const doc = new Y.Doc();
  const meta = doc.getMap("meta");
  meta.set("schemaVersion", 1);
  meta.set("kind", "workshop");
  meta.set("title", "February");
  meta.set("anonymous", false);
  doc.getMap("groups").set("grp1", ymap({ name: "Link workers", colour: "blue", order: 0 }));
  doc.getMap("activities").set("sc1", ymap({ kind: "scale", title: "Scale", order: 0 }));
  doc
    .getMap("activities")
    .set("ch1", ymap({ kind: "chart", title: "Chart", order: 1, about: { text: "X" } }));
  doc.getMap("activities").set("bd1", ymap({ kind: "board", title: "Board", order: 2 }));
  doc.getMap("locks").set("ch1", true);
  return doc;
}

describe("migration 2: agenda and voting", () => {
  it("upgrades a version 1 workshop document and keeps its content", () => {
    const doc = v1Workshop();
    expect(migrateDoc(doc, { kind: "workshop" })).toEqual({ from: 1, to: 2 });
    expect(readSchemaVersion(doc)).toBe(2);
    expect(doc.getMap("control").get("meetingEnded")).toBe(false);
    const acts = doc.getMap("activities");
    expect((acts.get("ch1") as Y.Map<unknown>).get("voting")).toEqual({
      open: false,
      revealed: false,
      budget: 3,
    });
    expect((acts.get("bd1") as Y.Map<unknown>).get("voting")).toEqual({
      open: false,
      revealed: false,
      budget: 3,
    });
    expect((acts.get("sc1") as Y.Map<unknown>).has("voting")).toBe(false);
    const w = readWorkshop(doc);
    expect(w.meta.title).toBe("February");
    expect(w.activities.map((a) => [a.id, a.takingPart, a.openBetweenMeetings])).toEqual([
      ["sc1", null, false],
      ["ch1", null, false],
      ["bd1", null, false],
    ]);
    expect(w.control.locked).toEqual({ ch1: true });
    expect(w.control.meetingEnded).toBe(false);
  });

  it("is idempotent, keeps a valid voting state, and converges when two replicas migrate at once", () => {
    const a = v1Workshop();
    (a.getMap("activities").get("bd1") as Y.Map<unknown>).set("voting", {
      open: true,
      revealed: false,
      budget: 5,
    });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateDoc(a);
    migrateDoc(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const json = (d: Y.Doc) => WORKSHOP_KEYS.map((k) => d.getMap(k).toJSON());
    expect(json(a)).toEqual(json(b));
    expect((a.getMap("activities").get("bd1") as Y.Map<unknown>).get("voting")).toEqual({
      open: true,
      revealed: false,
      budget: 5,
    });
    const before = Y.encodeStateVector(a);
    MIGRATIONS[1]?.up(a, { kind: "workshop" });
    expect(Y.encodeStateVector(a)).toEqual(before);
  });

  it("only restamps version 1 lane and chart documents", () => {
    const chart = new Y.Doc();
    chart.getMap("meta").set("schemaVersion", 1);
    chart.getMap("meta").set("kind", "chart");
    chart.getMap("notes").set("n1", ymap({ text: "Saves time", columnId: "pros" }));
    expect(migrateDoc(chart)).toEqual({ from: 1, to: 2 });
    expect(chart.getMap("meta").toJSON()).toEqual({ kind: "chart", schemaVersion: 2 });
    expect(listChartNotes(chart).map((n) => n.text)).toEqual(["Saves time"]);
  });
});
