import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { renderActivitySvg, snapshotFromDocs, type WorkshopSnapshot } from "../src/index.ts";
import { toPdf } from "../src/pdf.ts";
import { renderActivityPng } from "../src/png.ts";
import { BOARD, CHART, EXPORTED_AT, fixtureSnapshot, SCALE } from "./fixture.ts";

const has = (tool: string) => spawnSync(tool, ["-v"]).error === undefined;
const POPPLER = has("pdftotext") && has("pdftoppm");
if (!POPPLER) {
  console.warn(
    "SKIPPED: PDF text and rendering checks need poppler-utils (pdftotext, pdftoppm): apt-get install -y poppler-utils",
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "continuum-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Share of pixels that are not white in an RGBA or RGB buffer. */
function inked(pixels: Uint8Array, channels: number): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    if ((pixels[i] ?? 255) < 240 || (pixels[i + 1] ?? 255) < 240 || (pixels[i + 2] ?? 255) < 240) n++;
  }
  return n / (pixels.length / channels);
}

/** Pixels of a binary PPM (P6) as written by pdftoppm. */
function ppmPixels(file: Buffer): Uint8Array {
  const header = file.subarray(0, 50).toString("latin1");
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error("not a PPM");
  return new Uint8Array(file.subarray(m[0].length));
}

function withHostileNote(s: WorkshopSnapshot): WorkshopSnapshot {
  return {
    ...s,
    activities: s.activities.map((a) =>
      a.kind === "board"
        ? {
            ...a,
            notes: [
              ...a.notes,
              {
                ...(a.notes[0] as (typeof a.notes)[0]),
                id: "nxml",
                text: '<script>alert("x")</script> & ✓ \u0007',
              },
            ],
          }
        : a,
    ),
  } as WorkshopSnapshot;
}

describe("SVG", () => {
  it("draws every activity, with its text as text, escaped", () => {
    const s = withHostileNote(fixtureSnapshot());
    const scale = renderActivitySvg(s, SCALE);
    expect(scale).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(scale).toContain(">Link workers</text>");
    expect(scale).toContain("ŵyl, ŷd");
    expect(renderActivitySvg(s, CHART)).toContain("About: Patients may refer themselves");
    const board = renderActivitySvg(s, BOARD);
    expect(board).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ✓");
    expect(board).not.toContain("<script>");
    expect(board).not.toContain("\u0007");
    expect(() => renderActivitySvg(s, "nope")).toThrow(RangeError);
  });
});

describe("PNG", () => {
  it("renders a scale with the embedded font: a 2000 px wide image with ink on it", () => {
    const s = fixtureSnapshot();
    const png = renderActivityPng(s, SCALE);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(2000);
    writeFileSync(path.join(dir, "scale.png"), png);
    const pixels = new Resvg(renderActivitySvg(s, SCALE), { fitTo: { mode: "width", value: 500 } }).render()
      .pixels;
    expect(inked(new Uint8Array(pixels), 4)).toBeGreaterThan(0.05);
  });
});

describe.skipIf(!POPPLER)("PDF (checked with poppler-utils)", () => {
  it("has searchable text in an embedded font, Welsh included, and pages that draw", async () => {
    const pdf = await toPdf(fixtureSnapshot());
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    for (const expected of [
      "Discretion in the link worker role",
      "Where each group placed the aspects",
      "Link workers",
      "PPI contributors",
      "Cyfarfod â’r claf: ŵyl, ŷd",
      "About: Patients may refer themselves",
      "Saves patient and GP time",
      "How skilled link workers have to be",
      "page 4 of 4",
    ]) {
      expect(text).toContain(expected);
    }
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/DejaVuSans.*\byes\s+yes\s+yes\b/);

    execFileSync("pdftoppm", ["-f", "2", "-l", "2", "-r", "40", file, path.join(dir, "page")]);
    const ppm = readFileSync(path.join(dir, "page-2.ppm"));
    expect(inked(ppmPixels(ppm), 3)).toBeGreaterThan(0.03);
  });

  it("continues a long chart on further pages, every note searchable", async () => {
    const s = fixtureSnapshot();
    const long = {
      ...s,
      activities: s.activities.map((a) =>
        a.kind === "chart"
          ? {
              ...a,
              notes: Array.from({ length: 60 }, (_, i) => ({
                ...(a.notes[0] as (typeof a.notes)[0]),
                id: `n${i}`,
                columnId: a.columns[i % 3]?.id ?? (a.notes[0] as (typeof a.notes)[0]).columnId,
                text: `Comment number ${i} about waiting lists and caseloads for link workers`,
              })),
            }
          : a,
      ),
    } as WorkshopSnapshot;
    const file = path.join(dir, "long.pdf");
    writeFileSync(file, await toPdf(long));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Pros, cons and implications (continued)");
    for (let i = 0; i < 60; i++) expect(text).toContain(`Comment number ${i} about`);
  });

  it("an empty workshop makes a one-page PDF", async () => {
    const pdf = await toPdf(snapshotFromDocs(new Y.Doc(), new Map(), { now: EXPORTED_AT }));
    const file = path.join(dir, "empty.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("Untitled workshop");
    expect(text).toContain("page 1 of 1");
  });
});
