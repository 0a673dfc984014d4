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
  SCHEMA_VERSION,
} from "../src/index.ts";

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
    expect(migrateDoc(doc)).toEqual({ from: 0, to: 1 });
    expect(doc.getMap("meta").get("kind")).toBe("workshop");
    expect(readMeta(doc)).toMatchObject({
      schemaVersion: 1,
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
    expect(readSchemaVersion(a)).toBe(1);
    // Running the step again writes nothing.
    const before = Y.encodeStateVector(a);
    MIGRATIONS[0]?.up(a);
    expect(Y.encodeStateVector(a)).toEqual(before);
  });

  it("is not undone by a participant's undo", () => {
    const doc = unversionedWorkshop();
    const undo = new Y.UndoManager([doc.getMap("meta"), doc.getMap("groups")]);
    migrateDoc(doc);
    undo.undo();
    expect(readSchemaVersion(doc)).toBe(1);
  });

  it("stamps lane and chart documents, inferring or being told their kind", () => {
    const lane = new Y.Doc();
    lane.getMap("notes").set("n1", ymap({ text: "Walks", x: 20 }));
    expect(inferDocKind(lane)).toBe("lane");
    migrateDoc(lane);
    expect(lane.getMap("meta").toJSON()).toEqual({ kind: "lane", schemaVersion: 1 });
    expect(listNotes(lane).map((n) => n.text)).toEqual(["Walks"]);

    const chart = new Y.Doc();
    chart.getMap("notes").set("n1", ymap({ text: "Saves time", columnId: "pros" }));
    chart.getMap("votes").set("n1:ann", 1);
    expect(inferDocKind(chart)).toBe("chart");
    migrateDoc(chart);
    expect(chart.getMap("meta").toJSON()).toEqual({ kind: "chart", schemaVersion: 1 });
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
    expect(migrateDoc(doc)).toEqual({ from: 0, to: 1 });
    expect(doc.getMap("meta").toJSON()).toEqual({ schemaVersion: 1 });
  });
});
