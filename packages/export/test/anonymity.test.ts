/**
 * ANON-2: in an anonymous workshop the server keeps no names in the documents (every note's and reason's
 * `author`, a note's `writtenFor`, the removed-notes archive are ""). The exports must read such documents
 * exactly as they read an anonymous workshop whose documents still hold names (written before the server
 * blanked them, or from an older server): the same files, byte for byte, with every group kept.
 */
import { historyDocName } from "@continuum/model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  codebook,
  renderActivitySvg,
  snapshotFromDocs,
  toComparisonCsv,
  toCsv,
  toJson,
  toMarkdown,
  toMovesCsv,
  toReasonsCsv,
} from "../src/index.ts";
import { BOARD, buildFixture, CHART, EXPORTED_AT, SCALE, W } from "./fixture.ts";

/** What the server does to a workshop's documents when it is anonymous (apps/server/src/sync/anonymity.ts). */
function blankNames(doc: Y.Doc): void {
  for (const root of ["notes", "reasons"]) {
    for (const value of doc.getMap<unknown>(root).values()) {
      if (!(value instanceof Y.Map)) continue;
      for (const key of ["author", "writtenFor"])
        if (typeof value.get(key) === "string" && value.get(key) !== "") value.set(key, "");
    }
  }
}

const NAMES = ["Sam", "Ria", "Pauline", "Dylan", "Gwenllian"];

function exportsOf(blank: boolean) {
  const { workshopDoc, docs } = buildFixture({ anonymous: true });
  if (blank) for (const [name, doc] of docs) if (name !== historyDocName(W)) blankNames(doc);
  const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
  return {
    report: toMarkdown(s),
    notes: toCsv(s),
    archive: toJson(s),
    codebook: codebook(s),
    comparison: toComparisonCsv(s),
    reasons: toReasonsCsv(s),
    moves: toMovesCsv(s),
    pictures: [SCALE, CHART, BOARD].map((id) => renderActivitySvg(s, id)).join("\n"),
  };
}

describe("ANON-2: exports of documents that hold no names", () => {
  it("are the same as of an anonymous workshop whose documents still hold names, with no name and every group", () => {
    const named = exportsOf(false);
    const blanked = exportsOf(true);
    // The fixture's documents did hold names before blanking (so the comparison means something).
    const { docs } = buildFixture({ anonymous: true });
    expect(JSON.stringify([...docs.values()].map((d) => d.toJSON()))).toContain("Gwenllian");
    expect(blanked).toEqual(named);
    for (const [what, text] of Object.entries(blanked)) {
      for (const name of NAMES) expect(text, `${what} names ${name}`).not.toContain(name);
    }
    expect(blanked.notes).toContain("PPI contributors");
    expect(blanked.notes).toContain("Link workers");
  });
});
