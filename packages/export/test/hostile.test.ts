/**
 * Every text export of one hostile workshop (hostile.ts): whatever people typed comes out as text, never as
 * a formula, HTML, a script, a link or a broken table.
 */
import { describe, expect, it } from "vitest";
import {
  codebook,
  importArchive,
  parseArchive,
  renderActivitySvg,
  renderTextExport,
  snapshotFromDocs,
  TEXT_EXPORT_FORMATS,
  toComparisonCsv,
  toCsv,
  toJson,
  toMarkdown,
  toMovesCsv,
  toReasonsCsv,
} from "../src/index.ts";
import { EXPORTED_AT } from "./fixture.ts";
import { HOSTILE, HOSTILE_ACTIVITIES, hostileSnapshot } from "./hostile.ts";
import { parseCsv } from "./parseCsv.ts";

const s = hostileSnapshot();

/** A text cell a spreadsheet would run: it starts like a formula and is not a plain number. */
const runs = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

function expectInertCsv(csv: string): void {
  const rows = parseCsv(csv);
  const width = rows[0]?.length;
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows) {
    expect(row).toHaveLength(width as number);
    for (const cell of row) expect({ cell, runs: runs(cell) }).toEqual({ cell, runs: false });
  }
}

/** What Markdown reads as markup: the line with every backslash-escaped character taken out. */
const unescaped = (line: string): string => line.replace(/\\./g, "");

function expectInertMarkdown(md: string): void {
  const lines = md.split("\n");
  let tableWidth: number | null = null;
  for (const line of lines) {
    const raw = unescaped(line);
    // No HTML (`<img`, `<script`), no autolink (`<javascript:…>`), no link or image (`[…](…)`).
    expect({ line, markup: raw.match(/[<[\]]/g) }).toEqual({ line, markup: null });
    // A `>` only as the report's own quote at the start of a line.
    expect({ line, quote: raw.slice(2).includes(">") }).toEqual({ line, quote: false });
    // Every row of a table has as many cells as its header: a pipe people typed does not add one.
    if (raw.startsWith("|")) {
      const pipes = raw.split("|").length;
      tableWidth ??= pipes;
      expect({ line, pipes }).toEqual({ line, pipes: tableWidth });
    } else tableWidth = null;
  }
}

function expectInertSvg(svg: string): void {
  const tags = svg.match(/<[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(5);
  for (const tag of tags) {
    expect(tag).toMatch(/^<\/?(svg|title|rect|line|polygon|text)[\s/>]/);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
  }
  expect(svg).not.toMatch(/<(script|img|a|foreignObject)\b/i);
}

describe("text exports of a hostile workshop", () => {
  it("one function renders every text format", () => {
    expect(TEXT_EXPORT_FORMATS).toEqual([
      "csv",
      "comparison-csv",
      "codebook",
      "json",
      "md",
      "svg",
      "moves-csv",
      "reasons-csv",
      "rounds-csv",
    ]);
    expect(renderTextExport(s, "csv")).toBe(toCsv(s));
    expect(renderTextExport(s, "comparison-csv")).toBe(toComparisonCsv(s));
    expect(renderTextExport(s, "codebook")).toBe(codebook(s));
    expect(renderTextExport(s, "json")).toBe(toJson(s));
    expect(renderTextExport(s, "md")).toBe(toMarkdown(s));
    expect(renderTextExport(s, "svg", HOSTILE_ACTIVITIES[0])).toBe(
      renderActivitySvg(s, HOSTILE_ACTIVITIES[0]),
    );
    expect(() => renderTextExport(s, "svg")).toThrow(RangeError);
    expect(() => renderTextExport(s, "svg", "anone")).toThrow(RangeError);
  });

  it("CSV: every row has every cell, and no text cell runs as a formula", () => {
    const csv = toCsv(s);
    expectInertCsv(csv);
    // The texts are there, neutralised, not dropped.
    expect(csv).toContain(`'${HOSTILE.formula}`);
    expect(csv).toContain(`'${HOSTILE.atFormula}`);
    expect(csv).toContain(HOSTILE.html);
  });

  it("reasons and moves CSV: every row has every cell, and no text cell runs as a formula", () => {
    const reasons = toReasonsCsv(s);
    expectInertCsv(reasons);
    expect(reasons).toContain(`'${HOSTILE.formula}`);
    // Without a history the moves file is its header alone, still a valid CSV.
    expect(parseCsv(toMovesCsv(s))).toHaveLength(1);
  });

  it("comparison CSV: a hostile group name as a header is neutralised too", () => {
    const csv = toComparisonCsv(s);
    expectInertCsv(csv);
    expect(parseCsv(csv)[0]).toContain(`'${HOSTILE.formula}`);
  });

  it("codebook: the title and group names are escaped Markdown", () => {
    const md = codebook(s);
    expectInertMarkdown(md);
    expect(md).toContain("# Codebook: \\<img src=x onerror=alert(1)\\>\\<script\\>");
  });

  it("Markdown report: no HTML, link, image, heading or table cell comes from people's text", () => {
    const md = toMarkdown(s);
    expectInertMarkdown(md);
    expect(md).toContain("\\[click me\\](javascript:alert(1))");
    // Line breaks people typed are spaces: their "# heading" is not a heading.
    expect(
      md
        .split("\n")
        .filter((l) => l.startsWith("#"))
        .every((l) => /^#{1,4} /.test(l)),
    ).toBe(true);
    expect(md).not.toMatch(/^#+ heading/m);
  });

  it("SVG: only the drawing's own elements, with every text escaped", () => {
    for (const id of HOSTILE_ACTIVITIES) {
      const svg = renderActivitySvg(s, id);
      expectInertSvg(svg);
      expect(svg).toContain("&lt;");
    }
  });

  it("JSON: the texts are data, kept exactly, and survive an import", () => {
    const json = toJson(s);
    expect(JSON.parse(json)).toEqual(s);
    expect(parseArchive(json)).toEqual(s);
    const imported = importArchive(json);
    expect(toJson(snapshotFromDocs(imported.workshopDoc, imported.docs, { now: EXPORTED_AT }))).toBe(json);
  });
});
