/**
 * Issue 17: the exports in the workshop's language. The report's, the codebook's and the pictures' own words
 * come from the Welsh catalogue when the facilitator chose Welsh; what people wrote stays as written; the
 * CSV column names stay the same English identifiers for R and Python.
 */
import { removeGroup, setMeta } from "@continuum/model";
import { describe, expect, it } from "vitest";
import { researchText } from "../src/i18nResearch.ts";
import {
  codebook,
  importArchive,
  sharedResults,
  snapshotFromDocs,
  toCsv,
  toJson,
  toMarkdown,
} from "../src/index.ts";
import { layoutActivity } from "../src/layout.ts";
import { buildFixture, CHART, EXPORTED_AT, LW, SCALE } from "./fixture.ts";
import { withRounds } from "./withRounds.ts";

function welsh() {
  const { workshopDoc, docs } = buildFixture();
  setMeta(workshopDoc, { language: "cy" });
  return snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
}

describe("exports in Welsh", () => {
  it("the report's headings and sentences are Welsh, people's words are as written", () => {
    const s = welsh();
    const md = toMarkdown(s);
    expect(md).toContain("Dyddiad: 15 Chwefror 2023");
    expect(md).toContain("Graddfa symudol");
    expect(md).toContain("Mae'r raddfa'n mynd o");
    expect(md).toContain("| Agwedd |");
    expect(md).toContain("Allforiwyd o Continuum ar 16 Chwefror 2023.");
    expect(md).toContain("Discretion in the link worker role");
    expect(md).not.toContain("The scale runs from");
    expect(md).not.toContain("Groups taking part");
  });
  it("the codebook explains the same English column names in Welsh", () => {
    const s = welsh();
    const book = codebook(s);
    expect(book).toContain("# Llyfr codau: Discretion in the link worker role");
    expect(book).toContain("| colofn | ystyr |");
    expect(book).toContain("| activity_kind | `scale` (graddfa symudol");
    expect(toCsv(s).split("\r\n")[0]).toContain("workshop,workshop_date,activity,activity_kind");
  });
  it("the pictures' labels are Welsh", () => {
    const s = welsh();
    const scale = s.activities.find((a) => a.id === SCALE);
    if (!scale) throw new Error("no scale");
    const texts = layoutActivity(s, scale)
      .shapes.filter((x) => x.type === "text")
      .map((x) => (x as { text: string }).text)
      .join(" ");
    expect(texts).toContain("Safleoedd o 0");
  });
  it("the language travels through the archive; an English archive has no field for it", () => {
    const s = welsh();
    expect(s.workshop.language).toBe("cy");
    const again = importArchive(toJson(s));
    expect(snapshotFromDocs(again.workshopDoc, again.docs, { now: EXPORTED_AT }).workshop.language).toBe(
      "cy",
    );
    const { workshopDoc, docs } = buildFixture();
    expect(
      JSON.parse(toJson(snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT }))).workshop,
    ).not.toHaveProperty("language");
  });

  it("the reasons, moves, rounds and statistics are in Welsh too: no English sentence of theirs is left", () => {
    const { workshopDoc, docs } = withRounds();
    setMeta(workshopDoc, { language: "cy" });
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    const book = codebook(s);
    const md = toMarkdown(s);
    // Every English line of those codebook sections (headings, prose, each column's meaning) is gone.
    const english = researchText("en").codebook;
    const cells = {
      agreeWithin: "",
      middleBand: "",
      differBy: "",
      wideSpread: "",
      minPeople: "",
      movedBy: "",
    };
    const lines = [english.research, english.rounds, english.stats(cells)]
      .flatMap((section) => section.split("\n"))
      // A table row counts cell by cell (the column names stay English identifiers on purpose).
      .flatMap((l) => (l.startsWith("|") ? l.split("|") : [l]))
      .map((l) => l.trim())
      .filter((l) => !/^[a-z_, ]+$/.test(l) && (l.match(/[a-z]{3,}/g) ?? []).length >= 3);
    expect(lines.length).toBeGreaterThan(40);
    for (const line of lines) expect(book, line).not.toContain(line);
    for (const heading of [
      "## Reasons file",
      "## Moves file",
      "## Rounds file",
      "## Statistics and plain-language flags",
      "| column | meaning |",
      "As above.",
      "(the default)",
    ])
      expect(book).not.toContain(heading);
    expect(book).toContain("## Ffeil y rhesymau (`…-reasons.csv`)");
    expect(book).toContain("## Ffeil y symudiadau (`…-moves.csv`)");
    expect(book).toContain("## Ffeil y rowndiau (`…-rounds.csv`)");
    expect(book).toContain("## Ystadegau a brawddegau mewn iaith glir");
    expect(book).toContain("agreeWithin = 15 (y rhagosodiad)");
    // The report: the rounds' account and the flags under each aspect.
    for (const english of [
      "This scale was run in rounds",
      "each person on their own",
      "in round 1 to",
      "did not agree among themselves",
      "mostly agreed among themselves",
      "lean towards",
      "see this as",
      "put this in the middle",
      "points apart",
      "moved this towards",
      "Middle half",
    ])
      expect(md).not.toContain(english);
    expect(md).toContain(
      "Cynhaliwyd y raddfa hon mewn rowndiau: gosododd pob person yr agweddau ar ei raddfa ei hun (7 o bobl)",
    );
    expect(md).toContain(
      "- Link workers, pob person ar ei ben ei hun (3 pherson): yr un canol ar 40, yr hanner canol o 30 i 65.",
    );
    expect(md).toMatch(
      /- Symudodd PPI contributors hi o \d+ yn rownd 1 i 60 yn rownd 2 \(\d+ pwynt tuag at “Set in stone”\)\./,
    );
    expect(md).toContain("- Nid oedd Link workers yn cytuno â'i gilydd (gwasgariad eang).");
    expect(md).toMatch(/_Mae (Link workers|PPI contributors) yn pwyso tuag at “Set in stone”; /);
    // The share-back page's sentences for other readers, and the pictures' note counts.
    const results = sharedResults(s);
    expect(results.method).toContain("amrediad rhyngchwartel");
    const flags = results.activities.flatMap((a) =>
      a.kind === "scale" ? a.aspects.flatMap((x) => x.flags) : [],
    );
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(f).toMatch(/^(Mae['’ ]|Nid oedd |Roedd |Symudodd )/);
    const scale = s.activities.find((a) => a.id === SCALE);
    if (!scale) throw new Error("no scale");
    const texts = layoutActivity(s, scale)
      .shapes.filter((x) => x.type === "text")
      .map((x) => (x as { text: string }).text);
    expect(texts.some((t) => /^\d+ nodyn$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d+ notes?$/.test(t))).toBe(false);
  });

  it("Welsh joins two group names with “ac” before a vowel", () => {
    const cy = researchText("cy");
    const apart = (b: string) =>
      cy.flag(
        { kind: "apart", points: 20, groupIds: ["a", "b"], names: ["Gweithwyr", b] },
        { left: "L", right: "R" },
      );
    expect(apart("Ymchwilwyr")).toBe("Mae 20 pwynt rhwng Gweithwyr ac Ymchwilwyr");
    expect(apart("Cleifion")).toBe("Mae 20 pwynt rhwng Gweithwyr a Cleifion");
  });

  it("a note's byline names the facilitator, or a group since removed, in the workshop's language", () => {
    const { workshopDoc, docs } = buildFixture();
    removeGroup(workshopDoc, LW);
    const english = toMarkdown(snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT }));
    expect(english).toContain("“Bigger caseloads, then waiting lists” (Removed group, Ria, 2 votes)");
    expect(english).toContain("(Facilitator)");
    setMeta(workshopDoc, { language: "cy" });
    const s = snapshotFromDocs(workshopDoc, docs, { now: EXPORTED_AT });
    const md = toMarkdown(s);
    expect(md).toContain("“Bigger caseloads, then waiting lists” (Grŵp a dynnwyd, Ria, 2 bleidlais)");
    expect(md).not.toContain("Removed group");
    const chart = s.activities.find((a) => a.id === CHART);
    if (!chart) throw new Error("no chart");
    const texts = layoutActivity(s, chart)
      .shapes.filter((x) => x.type === "text")
      .map((x) => (x as { text: string }).text)
      .join(" ");
    expect(texts).toContain("Grŵp a dynnwyd");
    expect(texts).toContain("Hwylusydd");
  });
});
