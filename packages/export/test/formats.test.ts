import { initWorkshop, SCHEMA_VERSION, type WorkshopId } from "@continuum/model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  codebook,
  exportFileName,
  importArchive,
  parseArchive,
  snapshotFromDocs,
  toComparisonCsv,
  toCsv,
  toJson,
  toMarkdown,
  toMovesCsv,
  toReasonsCsv,
} from "../src/index.ts";
import { EXPORTED_AT, fixtureSnapshot } from "./fixture.ts";

/** The schema version follows the model's; the golden files name it, so a bump alone does not fail them. */
const versionless = (text: string) =>
  text
    .replace(`"schemaVersion": ${SCHEMA_VERSION},`, '"schemaVersion": "<SCHEMA_VERSION>",')
    .replace(`(schema version ${SCHEMA_VERSION})`, "(schema version <SCHEMA_VERSION>)");

describe("golden files of the February 2023 workshop", () => {
  const s = fixtureSnapshot();
  it("CSV", async () => {
    await expect(toCsv(s)).toMatchFileSnapshot("./golden/workshop-notes.csv");
  });
  it("comparison CSV", async () => {
    await expect(toComparisonCsv(s)).toMatchFileSnapshot("./golden/workshop-comparison.csv");
  });
  it("moves CSV (long format, one row per move)", async () => {
    await expect(toMovesCsv(s)).toMatchFileSnapshot("./golden/workshop-moves.csv");
  });
  it("reasons CSV (one row per reason)", async () => {
    await expect(toReasonsCsv(s)).toMatchFileSnapshot("./golden/workshop-reasons.csv");
  });
  it("codebook", async () => {
    await expect(versionless(codebook(s))).toMatchFileSnapshot("./golden/workshop-codebook.md.txt");
  });
  it("JSON archive", async () => {
    await expect(versionless(toJson(s))).toMatchFileSnapshot("./golden/workshop.continuum.json");
  });
  it("Markdown report", async () => {
    await expect(toMarkdown(s)).toMatchFileSnapshot("./golden/workshop-report.md.txt");
  });
  it("anonymous: Markdown and CSV without names, groups kept", async () => {
    const anon = fixtureSnapshot({ anonymous: true });
    await expect(toMarkdown(anon)).toMatchFileSnapshot("./golden/anonymous-report.md.txt");
    const csv = toCsv(anon);
    for (const name of ["Sam", "Ria", "Pauline", "Dylan", "Gwenllian"]) {
      expect(csv).not.toContain(name);
      expect(toJson(anon)).not.toContain(name);
      expect(toMarkdown(anon)).not.toContain(name);
    }
    expect(csv).toContain("PPI contributors");
  });
  it("file names", () => {
    expect(exportFileName(s, "csv")).toBe("discretion-in-the-link-worker-role-2023-02-15-notes.csv");
    expect(exportFileName(s, "svg", "ascale")).toBe(
      "discretion-in-the-link-worker-role-2023-02-15-what-aspects-of-the-link-worker-role-are.svg",
    );
  });
});

describe("JSON archive", () => {
  it("round trip: import then export gives the same archive", () => {
    const s = fixtureSnapshot();
    const json = toJson(s);
    const imported = importArchive(JSON.parse(json));
    const again = snapshotFromDocs(imported.workshopDoc, imported.docs, { now: EXPORTED_AT });
    expect(toJson(again)).toBe(json);
  });
  it("round trip survives Yjs encoding, and a new workshop id", () => {
    const s = fixtureSnapshot();
    const imported = importArchive(toJson(s), { workshopId: "wnew" as WorkshopId });
    const docs = new Map<string, Y.Doc>();
    for (const [name, doc] of imported.docs) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      docs.set(name, copy);
    }
    expect([...docs.keys()].every((n) => n.startsWith("wnew"))).toBe(true);
    const workshopDoc = docs.get("wnew") as Y.Doc;
    const again = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    expect(again).toEqual({ ...s, workshop: { ...s.workshop, id: "wnew" } });
  });
  it("refuses what is not an archive, or a newer one", () => {
    expect(() => parseArchive("{nope")).toThrow(/not valid JSON/);
    expect(() => parseArchive({ format: "other" })).toThrow(/not a Continuum workshop archive/);
    expect(() => parseArchive({ format: "continuum-workshop", schemaVersion: 999, workshop: {} })).toThrow(
      /newer version/,
    );
  });
  it("drops garbage items instead of failing", () => {
    const s = parseArchive({
      format: "continuum-workshop",
      schemaVersion: 1,
      workshop: { id: "w1", title: 42 },
      groups: [{ id: "bad id!" }, { id: "g1", name: "A" }, null],
      activities: [
        { id: "a1", kind: "weird" },
        { id: "a2", kind: "scale", lanes: [{ groupId: "g1", notes: [{ id: "n1", x: 1e9 }] }] },
      ],
    });
    expect(s.workshop.title).toBe("");
    expect(s.groups.map((g) => g.id)).toEqual(["g1"]);
    expect(s.activities).toHaveLength(1);
    const a = s.activities[0];
    expect(a?.kind === "scale" && a.lanes[0]?.notes[0]?.x).toBe(100);
  });
});

describe("an empty workshop", () => {
  it("exports every format without errors", () => {
    const doc = new Y.Doc();
    const s = snapshotFromDocs(doc, new Map(), { now: EXPORTED_AT });
    expect(toCsv(s)).toMatch(/^\uFEFFworkshop,/);
    expect(toComparisonCsv(s).split("\r\n")).toHaveLength(2);
    expect(toMarkdown(s)).toContain("no activities");
    expect(codebook(s)).toContain("none in this workshop");
    expect(() => importArchive(toJson(s))).toThrow(/no workshop id/);
    expect(exportFileName(s, "pdf")).toBe("workshop-2023-02-16-report.pdf");
    const blank = new Y.Doc();
    initWorkshop(blank, { id: "wblank" as WorkshopId, title: "Blank", template: "blank", now: EXPORTED_AT });
    const b = snapshotFromDocs(blank, new Map(), { now: EXPORTED_AT });
    expect(
      toJson(snapshotFromDocs(importArchive(toJson(b)).workshopDoc, new Map(), { now: EXPORTED_AT })),
    ).toBe(toJson(b));
  });
});
