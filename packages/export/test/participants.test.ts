/**
 * Participant ids in the exports (issue 13): the pseudonymous id the server stamped on a chart or board note
 * is in the notes CSV (`participant_id`, after the older columns) and the JSON archive, in anonymous workshops too,
 * while names are not; scale notes have none.
 */
import { chartDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { parseArchive, snapshotFromDocs, TIDY_COLUMNS, toCsv, toJson } from "../src/index.ts";
import { buildFixture, CHART, EXPORTED_AT, W } from "./fixture.ts";
import { parseCsv } from "./parseCsv.ts";

/** The fixture with the first chart note stamped as the server does (OWN-1), by two people's ids. */
function stamped(anonymous: boolean) {
  const { workshopDoc, docs } = buildFixture({ anonymous });
  const chart = docs.get(chartDocName(W, CHART)) as Y.Doc;
  const notes = chart.getMap<Y.Map<unknown>>("notes");
  const ids = [...notes.keys()];
  notes.get(ids[0] as string)?.set("participantId", "pann2345abcd");
  notes.get(ids[1] as string)?.set("participantId", "pbob2345abcd");
  return snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
}

describe("participant ids in the exports", () => {
  it("the notes CSV carries the stamped id after the older columns, blank where there is none; names go, ids stay when anonymous", () => {
    for (const anonymous of [false, true]) {
      const rows = parseCsv(toCsv(stamped(anonymous)).replace(/^\uFEFF/, ""));
      const header = rows[0] ?? [];
      // Last when it was added (issue 13); the columns of notes written for someone follow it (OWN-4).
      expect(header.indexOf("participant_id")).toBe(TIDY_COLUMNS.indexOf("written_for") - 1);
      expect(header).toEqual([...TIDY_COLUMNS]);
      const col = header.indexOf("participant_id");
      const author = header.indexOf("author");
      const kind = header.indexOf("activity_kind");
      const body = rows.slice(1);
      const ids = body.map((r) => r[col]).filter(Boolean);
      expect(ids.sort()).toEqual(["pann2345abcd", "pbob2345abcd"]);
      expect(body.filter((r) => r[kind] === "scale").every((r) => r[col] === "")).toBe(true);
      const named = body.filter((r) => r[author] !== "").length;
      if (anonymous) expect(named).toBe(0);
      else expect(named).toBeGreaterThan(0);
    }
  });

  it("the JSON archive carries the id on its note and reads it back", () => {
    const s = stamped(true);
    const archive = JSON.parse(toJson(s));
    const chart = archive.activities.find((a: { id: string }) => a.id === CHART);
    const withIds = chart.notes.filter((n: { participantId?: string }) => n.participantId);
    expect(withIds.map((n: { participantId: string }) => n.participantId).sort()).toEqual([
      "pann2345abcd",
      "pbob2345abcd",
    ]);
    expect(withIds.every((n: { author: string }) => n.author === "")).toBe(true);
    const back = parseArchive(archive);
    const again = back.activities.find((a) => a.id === CHART);
    expect(again?.kind === "chart" ? again.notes.filter((n) => n.participantId).length : -1).toBe(2);
    // A bad id in an archive is dropped, not kept.
    chart.notes[0].participantId = "not an id!";
    const cleaned = parseArchive(archive).activities.find((a) => a.id === CHART);
    expect(cleaned?.kind === "chart" ? cleaned.notes.filter((n) => n.participantId).length : -1).toBe(1);
  });
});
