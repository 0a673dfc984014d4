/**
 * Issue 17: the exports in the workshop's language. The report's, the codebook's and the pictures' own words
 * come from the Welsh catalogue when the facilitator chose Welsh; what people wrote stays as written; the
 * CSV column names stay the same English identifiers for R and Python.
 */
import { setMeta } from "@continuum/model";
import { describe, expect, it } from "vitest";
import { codebook, importArchive, snapshotFromDocs, toCsv, toJson, toMarkdown } from "../src/index.ts";
import { layoutActivity } from "../src/layout.ts";
import { buildFixture, EXPORTED_AT, SCALE } from "./fixture.ts";

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
});
