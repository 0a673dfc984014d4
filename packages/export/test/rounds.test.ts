/**
 * Rounds in the exports (issue 14), on the February 2023 fixture with an individual round added (three link
 * workers, four PPI contributors), the group round, the reveal and a second round: the rounds file against
 * hand-written rows, the archive's round trip (import then export gives the same archive, individual
 * scales included), and the share-back results built from it (no names, no participant ids).
 */
import { describe, expect, it } from "vitest";
import { importArchive, renderTextExport, sharedResults, snapshotFromDocs, toJson } from "../src/index.ts";
import { buildFixture, EXPORTED_AT } from "./fixture.ts";
import { parseCsv } from "./parseCsv.ts";
import { PEOPLE, withRounds } from "./withRounds.ts";

describe("rounds in the exports", () => {
  it("the rounds file has each person's placements, round 1 and round 2, in long format", () => {
    const { workshopDoc, docs } = withRounds();
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    const rows = parseCsv(renderTextExport(s, "rounds-csv"));
    const [header, ...body] = rows;
    expect(header).toEqual([
      "workshop",
      "activity",
      "round",
      "group",
      "participant_id",
      "aspect",
      "position",
      "activity_id",
      "group_id",
      "aspect_id",
      "note_id",
    ]);
    const individual = body.filter((r) => r[2] === "individual");
    expect(individual).toHaveLength(14);
    expect(
      individual.find((r) => r[4] === "pgus00000007" && r[5] === "Location of meetings")?.slice(2, 7),
    ).toEqual(["individual", "PPI contributors", "pgus00000007", "Location of meetings", "70"]);
    const ppiLocation = body.filter(
      (r) => r[3] === "PPI contributors" && r[5] === "Location of meetings" && r[4] === "",
    );
    const before = ppiLocation.find((r) => r[2] === "group")?.[6];
    expect(ppiLocation.find((r) => r[2] === "second")?.[6]).toBe("60");
    expect(Number(before)).not.toBe(60);
    // No names in the rounds file, even in a workshop that shows them.
    expect(renderTextExport(s, "rounds-csv")).not.toContain("Person ");
  });

  it("import then export gives the same archive, rounds and everyone's own scale included", () => {
    const { workshopDoc, docs } = withRounds();
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    const json = toJson(s);
    expect(json).toContain('"individual"');
    const imported = importArchive(JSON.parse(json));
    const again = snapshotFromDocs(imported.workshopDoc, imported.docs, { now: EXPORTED_AT });
    expect(toJson(again)).toBe(json);
    expect([...imported.docs.keys()].filter((n) => n.includes("/solo/"))).toHaveLength(PEOPLE.length);
  });

  it("a workshop without rounds has no rounds in its archive and no rows in the rounds file", () => {
    const { workshopDoc, docs } = buildFixture();
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    expect(toJson(s)).not.toContain('"rounds"');
    expect(parseCsv(renderTextExport(s, "rounds-csv"))).toHaveLength(1);
  });

  it("the share-back results give spreads, movement and flags, without names or participant ids", () => {
    const { workshopDoc, docs } = withRounds();
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    const results = sharedResults(s);
    const scale = results.activities.find((a) => a.kind === "scale");
    const location =
      scale?.kind === "scale" ? scale.aspects.find((a) => a.text === "Location of meetings") : undefined;
    // Link workers 20, 40, 90: median 40, quartiles 30 and 65 (R type 7).
    expect(location?.spreads?.[0]).toEqual({
      group: 0,
      n: 3,
      median: 40,
      q1: 30,
      q3: 65,
      values: [20, 40, 90],
    });
    // PPI contributors 10, 15, 20, 70: median 17.5 (shown as 18), quartiles 13.75 and 32.5.
    expect(location?.spreads?.[1]).toMatchObject({ group: 1, n: 4, median: 18, q1: 14, q3: 33 });
    expect(
      location?.flags.some((f) => f.startsWith("PPI contributors moved this towards set in stone")),
    ).toBe(true);
    // The same findings as data, which the page words in its reader's language: groups by index.
    expect(location?.flagData.find((f) => f.kind === "moved")).toMatchObject({ groups: [1], side: "right" });
    expect(location?.flagData).toHaveLength(location?.flags.length ?? -1);
    const text = JSON.stringify(results);
    for (const [p] of PEOPLE) expect(text).not.toContain(p);
    expect(text).not.toContain("Person ");
  });
});

describe("rounds in the reports", () => {
  it("the Markdown report says what the rounds were, each group's spread and how far it moved; the PDF renders them", async () => {
    const { workshopDoc, docs } = withRounds();
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    const md = renderTextExport(s, "md");
    expect(md).toContain(
      "This scale was run in rounds: each person placed the aspects on a scale of their own (7 people)",
    );
    expect(md).toContain(
      "- Link workers, each person on their own (3 people): the middle one at 40, the middle half from 30 to 65.",
    );
    expect(md).toMatch(/- PPI contributors moved it from \d+ in round 1 to 60 in round 2/);
    expect(md).toContain("- Link workers did not agree among themselves (wide spread).");
    const { toPdf } = await import("../src/pdf.ts");
    const pdf = await toPdf(s);
    expect(pdf.byteLength).toBeGreaterThan(1000);
  });
});
