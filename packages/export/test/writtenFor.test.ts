/**
 * Notes typed for someone else (OWN-4, issue 17) in the exports: the notes CSV credits them to the person and
 * says who typed them, the report and the archive carry them, an import keeps them, and an anonymous workshop
 * shows no name, only that a note was written for someone.
 */
import { addChartNote, type ColumnId, getActivity, type NoteId } from "@continuum/model";
import { chartDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  codebook,
  importArchive,
  parseArchive,
  snapshotFromDocs,
  TIDY_COLUMNS,
  toCsv,
  toJson,
  toMarkdown,
} from "../src/index.ts";
import { buildFixture, CHART, EXPORTED_AT, LW, PPI, W } from "./fixture.ts";
import { parseCsv } from "./parseCsv.ts";

/** The fixture with two notes written for someone, stamped as the server stamps them. */
function withWrittenFor(anonymous: boolean) {
  const { workshopDoc, docs } = buildFixture({ anonymous });
  const chart = docs.get(chartDocName(W, CHART)) as Y.Doc;
  const activity = getActivity(workshopDoc, CHART);
  const pros = (activity?.kind === "chart" ? activity.columns[0]?.id : undefined) as ColumnId;
  const notes = chart.getMap<Y.Map<unknown>>("notes");
  const byFacilitator = addChartNote(chart, {
    id: "nforamira" as NoteId,
    columnId: pros,
    text: "The bus takes an hour",
    author: "Facilitator",
    groupId: PPI,
    writtenFor: "Amira",
  });
  notes.get(byFacilitator)?.set("scribe", "facilitator");
  const byNeighbour = addChartNote(chart, {
    id: "nforneighbour" as NoteId,
    columnId: pros,
    text: "Fewer forms",
    author: "Sam",
    groupId: LW,
    writtenFor: "",
  });
  notes.get(byNeighbour)?.set("scribe", "participant");
  notes.get(byNeighbour)?.set("participantId", "psam2345abcd");
  return snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
}

function rowsOf(csv: string) {
  const [header = [], ...body] = parseCsv(csv.replace(/^\uFEFF/, ""));
  const col = (name: string) => header.indexOf(name);
  return { header, body, col, row: (text: string) => body.find((r) => r[col("note")] === text) ?? [] };
}

describe("notes written for someone in the exports", () => {
  it("the notes CSV credits the person and names who typed it, after the older columns", () => {
    const { header, body, col, row } = rowsOf(toCsv(withWrittenFor(false)));
    expect(header).toEqual([...TIDY_COLUMNS]);
    expect(header.slice(-5)).toEqual([
      "participant_id",
      "written_for",
      "scribe_kind",
      "scribe",
      "scribe_participant_id",
    ]);
    const amira = row("The bus takes an hour");
    expect(amira[col("author")]).toBe("Amira");
    expect(amira[col("group")]).toBe("PPI contributors");
    expect(amira[col("written_for")]).toBe("Amira");
    expect(amira[col("scribe_kind")]).toBe("facilitator");
    expect(amira[col("scribe")]).toBe("Facilitator");
    expect(amira[col("scribe_participant_id")]).toBe("");
    const neighbour = row("Fewer forms");
    expect(neighbour[col("author")]).toBe("");
    expect(neighbour[col("participant_id")]).toBe("");
    expect(neighbour[col("written_for")]).toBe("");
    expect(neighbour[col("scribe_kind")]).toBe("participant");
    expect(neighbour[col("scribe")]).toBe("Sam");
    expect(neighbour[col("scribe_participant_id")]).toBe("psam2345abcd");
    // Every other note: the scribe columns are blank.
    const others = body.filter((r) => r[col("scribe_kind")] === "");
    expect(others.length).toBe(body.length - 2);
    expect(others.every((r) => r[col("written_for")] === "" && r[col("scribe")] === "")).toBe(true);
  });

  it("an anonymous workshop keeps the mark and the group, and no name", () => {
    const s = withWrittenFor(true);
    const { col, row } = rowsOf(toCsv(s));
    for (const text of ["The bus takes an hour", "Fewer forms"]) {
      const r = row(text);
      expect([r[col("author")], r[col("written_for")], r[col("scribe")]]).toEqual(["", "", ""]);
      expect(r[col("scribe_kind")]).not.toBe("");
    }
    const report = toMarkdown(s);
    expect(report).not.toMatch(/Amira|Sam/);
    expect(report).toContain(
      "“The bus takes an hour” (PPI contributors, written for someone by the facilitator)",
    );
    expect(report).toContain("“Fewer forms” (Link workers, written for someone)");
    expect(toJson(s)).not.toMatch(/Amira|"Sam"/);
  });

  it("the report credits the person and says who typed it", () => {
    const report = toMarkdown(withWrittenFor(false));
    expect(report).toContain("“The bus takes an hour” (PPI contributors, Amira, written by the facilitator)");
    expect(report).toContain("“Fewer forms” (Link workers, written for someone by Sam)");
  });

  it("the archive carries it, an import keeps it, and an older archive reads as notes their authors wrote", () => {
    const archive = JSON.parse(toJson(withWrittenFor(false)));
    const chart = archive.activities.find((a: { id: string }) => a.id === CHART);
    const amira = chart.notes.find((n: { id: string }) => n.id === "nforamira");
    expect(amira).toMatchObject({ writtenFor: "Amira", scribe: "facilitator", author: "Facilitator" });
    const imported = importArchive(archive);
    const again = snapshotFromDocs(imported.workshopDoc, imported.docs, { now: EXPORTED_AT });
    const notes = again.activities.find((a) => a.id === CHART);
    expect(notes?.kind === "chart" ? notes.notes.find((n) => n.id === "nforamira") : null).toMatchObject({
      writtenFor: "Amira",
      scribe: "facilitator",
    });
    // An archive from before: no field, no mark; a value that is not a name is dropped.
    for (const n of chart.notes) delete n.writtenFor;
    chart.notes[0].writtenFor = { participantId: "pforged12345" };
    const old = parseArchive(archive).activities.find((a) => a.id === CHART);
    expect(old?.kind === "chart" ? old.notes.filter((n) => "writtenFor" in n || "scribe" in n) : [1]).toEqual(
      [],
    );
  });

  it("the codebook explains the new columns in the workshop's language", () => {
    const s = withWrittenFor(false);
    for (const column of ["written_for", "scribe_kind", "scribe", "scribe_participant_id"])
      expect(codebook(s)).toContain(`| ${column} |`);
    const welsh = { ...s, workshop: { ...s.workshop, language: "cy" as const } };
    expect(codebook(welsh)).toContain("ysgrifennwyd ar ran rhywun");
    expect(toMarkdown(welsh)).toContain("Amira, ysgrifennwyd gan yr hwylusydd");
    expect(toMarkdown(welsh)).toContain("ysgrifennwyd ar ran rhywun gan Sam");
  });
});
