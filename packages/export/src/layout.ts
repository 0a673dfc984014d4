/**
 * The geometry of one activity as it looks on screen, as a list of shapes. The SVG writer, the PNG (via
 * the SVG) and the PDF all draw this one scene, so the picture in the report is the picture of the board.
 *
 * Browser-safe: text is wrapped with an estimate of DejaVu Sans widths (the font the PDF and PNG embed),
 * not by measuring, so the layout is the same everywhere and needs no fonts to compute.
 */
import { COLOURS, type Colour, layoutNotes } from "@continuum/model";
import { type ExportText, exportText } from "./i18n.ts";
import { researchText } from "./i18nResearch.ts";
import {
  groupName,
  noteCredit,
  round1,
  type SnapshotActivity,
  type SnapshotBoardActivity,
  type SnapshotChartActivity,
  type SnapshotChartNote,
  type SnapshotScaleActivity,
  type WorkshopSnapshot,
} from "./snapshot.ts";

export interface RectShape {
  readonly type: "rect";
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly fill: string;
  readonly stroke?: string;
  readonly radius?: number;
}

export interface LineShape {
  readonly type: "line";
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stroke: string;
  readonly width: number;
}

export interface PolygonShape {
  readonly type: "polygon";
  readonly points: readonly (readonly [number, number])[];
  readonly fill: string;
}

/** One line of text; `y` is its baseline. */
export interface TextShape {
  readonly type: "text";
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size: number;
  readonly bold: boolean;
  readonly fill: string;
  readonly anchor: "start" | "middle" | "end";
}

export type Shape = RectShape | LineShape | PolygonShape | TextShape;

export interface Scene {
  readonly width: number;
  readonly height: number;
  /** What the picture shows, for the SVG title and alt text. */
  readonly title: string;
  readonly shapes: readonly Shape[];
}

export const SCENE_WIDTH = 1000;
const M = 24;
const INK = "#1a1a1a";
const MUTED = "#555555";
const RULE = "#9e9e9e";
const BAND = ["#f5f5f5", "#ebebeb"];

export const colourHex = (c: Colour): string => COLOURS.find((x) => x.id === c)?.hex ?? "#fff59d";

// ---------------------------------------------------------------------------------------------------------
// Text measurement and wrapping

const NARROW = new Set("iljtfr.,:;'|!()[]{}’‘ ");
const WIDE = new Set("mwMW@%");

/** Estimated advance of a text in DejaVu Sans, in units of the font size. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === " ") em += 0.32;
    else if (NARROW.has(ch)) em += 0.34;
    else if (WIDE.has(ch)) em += 0.9;
    else if (code >= 0x2e80) em += 1;
    else if (ch >= "A" && ch <= "Z") em += 0.7;
    else if (ch >= "0" && ch <= "9") em += 0.64;
    else em += 0.6;
  }
  return em * size * (bold ? 1.1 : 1);
}

/**
 * Splits text into lines no wider than `width`, breaking between words (inside a word only when one word is
 * too long). At most `maxLines`; the last line ends with "…" when text was cut.
 */
export function wrapText(text: string, width: number, size: number, bold = false, maxLines = 100): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const fits = (t: string) => textWidth(t, size, bold) <= width;
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    while (!fits(word)) {
      let cut = 1;
      const chars = Array.from(word);
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(""))) cut++;
      lines.push(chars.slice(0, cut).join(""));
      word = chars.slice(cut).join("");
    }
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? "";
  while (last && !fits(`${last}…`)) last = Array.from(last).slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

function textBlock(
  shapes: Shape[],
  lines: readonly string[],
  x: number,
  top: number,
  size: number,
  opts: { bold?: boolean; fill?: string; anchor?: TextShape["anchor"]; lineHeight?: number } = {},
): number {
  const lh = opts.lineHeight ?? size * 1.3;
  lines.forEach((text, i) => {
    shapes.push({
      type: "text",
      x,
      y: top + size + i * lh,
      text,
      size,
      bold: opts.bold ?? false,
      fill: opts.fill ?? INK,
      anchor: opts.anchor ?? "start",
    });
  });
  return top + lines.length * lh;
}

/** Title and prompt of an activity; returns the y below them. */
function header(shapes: Shape[], a: SnapshotActivity, width: number, tx: ExportText): number {
  let y = textBlock(shapes, wrapText(a.title || tx.untitledActivity, width - 2 * M, 22, true), M, M, 22, {
    bold: true,
  });
  if (a.prompt)
    y = textBlock(shapes, wrapText(a.prompt, width - 2 * M, 14, false, 4), M, y + 6, 14, { fill: MUTED });
  if (a.kind === "board" && a.material) {
    // The vignette people read before answering: the report keeps it with what they wrote.
    y = textBlock(shapes, [tx.readFirst], M, y + 10, 14, { bold: true });
    y = textBlock(shapes, wrapText(a.material, width - 2 * M - 16, 13, false, 60), M + 16, y + 2, 13, {
      fill: INK,
    });
  }
  if (a.kind === "chart" && a.about.text) {
    y = textBlock(shapes, wrapText(tx.about(a.about.text), width - 2 * M, 16, true, 3), M, y + 8, 16, {
      bold: true,
    });
  }
  return y + 16;
}

// ---------------------------------------------------------------------------------------------------------
// Scale

const NOTE_W = 116;
const NOTE_H = 58;
const NOTE_TEXT = 11;
const SLOT_GAP = 8;
const SLOTS = 3;
const LABEL_W = 150;

function layoutScale(
  s: WorkshopSnapshot,
  a: SnapshotScaleActivity,
  pageHeight = Number.POSITIVE_INFINITY,
): Scene[] {
  const tx = exportText(s.workshop.language);
  let shapes: Shape[] = [];
  const pages: Scene[] = [];
  const width = SCENE_WIDTH;
  let y = header(shapes, a, width, tx);
  const x0 = M + LABEL_W + NOTE_W / 2;
  const x1 = width - M - NOTE_W / 2;
  const at = (x: number) => x0 + ((x1 - x0) * x) / 100;

  // The axis: the two labels, an arrow, ticks every 25; repeated on every page.
  const axis = () => {
    const labelW = (x1 - x0) / 2 - 10;
    const left = wrapText(a.leftLabel, labelW, 14, true, 2);
    const right = wrapText(a.rightLabel, labelW, 14, true, 2);
    const labelsBottom = Math.max(
      textBlock(shapes, left, x0, y, 14, { bold: true }),
      textBlock(shapes, right, x1, y, 14, { bold: true, anchor: "end" }),
    );
    y = labelsBottom + 10;
    shapes.push({ type: "line", x1: x0, y1: y, x2: x1, y2: y, stroke: INK, width: 1.5 });
    shapes.push({
      type: "polygon",
      points: [
        [x0 - 8, y],
        [x0, y - 5],
        [x0, y + 5],
      ],
      fill: INK,
    });
    shapes.push({
      type: "polygon",
      points: [
        [x1 + 8, y],
        [x1, y - 5],
        [x1, y + 5],
      ],
      fill: INK,
    });
    for (const t of [0, 25, 50, 75, 100]) {
      shapes.push({ type: "line", x1: at(t), y1: y - 4, x2: at(t), y2: y + 4, stroke: INK, width: 1 });
      shapes.push({
        type: "text",
        x: at(t),
        y: y + 18,
        text: String(t),
        size: 11,
        bold: false,
        fill: MUTED,
        anchor: "middle",
      });
    }
    y += 30;
  };
  axis();
  const legend = tx.legend(a.leftLabel || tx.left, a.rightLabel || tx.right);
  const LEGEND_H = 4 + 11 * 1.3;

  a.lanes.forEach((lane, gi) => {
    const group = s.groups.find((g) => g.id === lane.groupId);
    // The board's own rule (`layoutNotes` in the model): each note on its value, moved a little sideways or
    // to another row while notes at close positions would cover each other, so every note stays legible in
    // print, as on screen. Rows are added as needed; none ever overlaps.
    const scaleSpan = x1 - x0;
    const { spots } = layoutNotes(
      lane.notes.map((n, i) => ({ id: String(i), x: n.x, y: n.y })),
      {
        span: scaleSpan,
        noteWidth: NOTE_W,
        gap: 4,
        preferredRows: SLOTS,
        minLeft: -NOTE_W / 2,
        maxRight: scaleSpan + NOTE_W / 2 - 2,
      },
    );
    const placed = spots.map((spot) => {
      const n = lane.notes[Number(spot.id)] as (typeof lane.notes)[number];
      const leftEdge = x0 + spot.left;
      return { n, cx: leftEdge + NOTE_W / 2, leftEdge, slot: spot.row };
    });
    const rows = Math.max(SLOTS, ...placed.map((p) => p.slot + 1));
    const bandH = rows * NOTE_H + (rows + 1) * SLOT_GAP + 14;
    // A band that would run off the page starts a new one (not the first band of a page: it is scaled).
    if (gi > 0 && y + bandH + LEGEND_H + M > pageHeight) {
      y = textBlock(shapes, [legend], M, y + 4, 11, { fill: MUTED });
      pages.push({ width, height: Math.ceil(y + M), title: a.title, shapes });
      shapes = [];
      y =
        textBlock(
          shapes,
          wrapText(tx.continued(a.title || tx.untitledActivity), width - 2 * M, 16, true, 1),
          M,
          M,
          16,
          {
            bold: true,
          },
        ) + 12;
      axis();
    }
    const top = y;
    shapes.push({ type: "rect", x: M, y: top, w: width - 2 * M, h: bandH, fill: BAND[gi % 2] ?? "#f5f5f5" });
    for (const t of [0, 50, 100]) {
      shapes.push({
        type: "line",
        x1: at(t),
        y1: top,
        x2: at(t),
        y2: top + bandH,
        stroke: "#d0d0d0",
        width: 1,
      });
    }
    shapes.push({
      type: "rect",
      x: M + 8,
      y: top + 12,
      w: 14,
      h: 14,
      fill: colourHex(group?.colour ?? "yellow"),
      stroke: INK,
    });
    textBlock(
      shapes,
      wrapText(group?.name || tx.unnamedGroup, LABEL_W - 40, 14, true, 4),
      M + 28,
      top + 10,
      14,
      {
        bold: true,
      },
    );
    const noteCount = researchText(tx.lang).notes(lane.notes.length);
    textBlock(shapes, [noteCount], M + 28, top + bandH - 26, 11, { fill: MUTED });

    const baseline = top + bandH - 7;
    for (const { n, cx, leftEdge, slot } of placed) {
      const ny = top + SLOT_GAP + slot * (NOTE_H + SLOT_GAP);
      const mx = at(n.x);
      shapes.push({ type: "line", x1: cx, y1: ny + NOTE_H, x2: mx, y2: baseline, stroke: RULE, width: 1 });
      shapes.push({
        type: "polygon",
        points: [
          [mx, baseline - 5],
          [mx - 4, baseline + 2],
          [mx + 4, baseline + 2],
        ],
        fill: INK,
      });
      shapes.push({
        type: "rect",
        x: leftEdge,
        y: ny,
        w: NOTE_W,
        h: NOTE_H,
        fill: colourHex(n.colour),
        stroke: "#7a7a7a",
        radius: 3,
      });
      const lines = wrapText(n.text || "(empty note)", NOTE_W - 10, NOTE_TEXT, false, 3);
      textBlock(shapes, lines, leftEdge + 5, ny + 3, NOTE_TEXT, { lineHeight: 13 });
      shapes.push({
        type: "text",
        x: leftEdge + NOTE_W - 5,
        y: ny + NOTE_H - 4,
        text: String(round1(n.x)),
        size: 9,
        bold: true,
        fill: MUTED,
        anchor: "end",
      });
    }
    y += bandH + 6;
  });
  if (a.lanes.length === 0) {
    y = textBlock(shapes, [tx.noGroupsNothingPlaced], M, y, 14, { fill: MUTED });
  }
  y = textBlock(shapes, [legend], M, y + 4, 11, { fill: MUTED });
  pages.push({
    width,
    height: Math.ceil(y + M),
    title: pages.length ? tx.continued(a.title) : a.title,
    shapes,
  });
  return pages;
}

// ---------------------------------------------------------------------------------------------------------
// Chart and board

const CARD_TEXT = 13;
const CARD_META = 10;

function cardMeta(s: WorkshopSnapshot, n: SnapshotChartNote): string {
  const tx = exportText(s.workshop.language);
  const credit = noteCredit(s, n);
  const who = [
    ...new Set(
      [
        n.groupId === null ? tx.facilitator : groupName(s, n.groupId) || tx.removedGroupNote,
        credit.name,
      ].filter(Boolean),
    ),
    ...(credit.typed ? [credit.typed] : []),
  ].join(" · ");
  return n.votes > 0 ? `${who} · ${tx.votes(n.votes)}` : who;
}

function layoutColumns(
  s: WorkshopSnapshot,
  a: SnapshotChartActivity | SnapshotBoardActivity,
  pageHeight = Number.POSITIVE_INFINITY,
): Scene[] {
  const tx = exportText(s.workshop.language);
  const width = SCENE_WIDTH;
  const first: Shape[] = [];
  const top = header(first, a, width, tx);
  const known = new Set(a.columns.map((c) => c.id));
  const columns = a.columns.map((c) => ({
    title: c.title,
    instructions: a.kind === "board" ? (a.instructions[c.id] ?? "") : "",
    notes: a.notes.filter((n) => n.columnId === c.id),
  }));
  const orphans = a.notes.filter((n) => !known.has(n.columnId));
  if (orphans.length) columns.push({ title: "(removed column)", instructions: "", notes: orphans });
  if (columns.length === 0) {
    const y = textBlock(first, [tx.noColumns], M, top, 14, { fill: MUTED });
    return [{ width, height: Math.ceil(y + M), title: a.title, shapes: first }];
  }
  const gap = 12;
  const colW = (width - 2 * M - gap * (columns.length - 1)) / columns.length;
  const titles = columns.map((col) => wrapText(col.title || tx.untitledColumn, colW - 16, 15, true, 4));
  const said = columns.map((col) =>
    col.instructions ? wrapText(col.instructions, colW - 16, 12, false, 6) : [],
  );
  const headH = Math.max(...titles.map((t, i) => t.length * 19.5 + (said[i]?.length ?? 0) * 15.5)) + 14;

  // Pages after the first repeat a one-line title and the column headings.
  const pages: { shapes: Shape[]; bottom: number }[] = [];
  const page = (p: number) => {
    while (pages.length <= p) {
      const shapes: Shape[] = pages.length === 0 ? first : [];
      const y0 =
        pages.length === 0
          ? top
          : textBlock(
              shapes,
              wrapText(tx.continued(a.title || tx.untitledActivity), width - 2 * M, 16, true, 1),
              M,
              M,
              16,
              {
                bold: true,
              },
            ) + 12;
      columns.forEach((_, i) => {
        const x = M + i * (colW + gap);
        shapes.push({ type: "rect", x, y: y0, w: colW, h: headH, fill: "#e0e0e0", radius: 4 });
        const below = textBlock(shapes, titles[i] ?? [], x + 8, y0 + 6, 15, { bold: true });
        textBlock(shapes, said[i] ?? [], x + 8, below, 12, { fill: MUTED, lineHeight: 15.5 });
      });
      pages.push({ shapes, bottom: y0 + headH + 8 });
    }
    return pages[p] as { shapes: Shape[]; bottom: number };
  };
  const start = page(0).bottom;
  const ends: number[] = [];
  columns.forEach((col, i) => {
    const x = M + i * (colW + gap);
    let p = 0;
    let y = start;
    for (const n of col.notes) {
      const lines = wrapText(n.text || "(empty note)", colW - 20, CARD_TEXT, false, 12);
      const meta = wrapText(cardMeta(s, n), colW - 20, CARD_META, false, 3);
      const h = 10 + lines.length * 17 + 4 + meta.length * 13 + 6;
      if (y + h > pageHeight - M && y > page(p).bottom) {
        p++;
        y = page(p).bottom;
      }
      const shapes = page(p).shapes;
      shapes.push({
        type: "rect",
        x: x + 2,
        y,
        w: colW - 4,
        h,
        fill: colourHex(n.colour),
        stroke: "#7a7a7a",
        radius: 3,
      });
      const after = textBlock(shapes, lines, x + 10, y + 6, CARD_TEXT, { lineHeight: 17 });
      textBlock(shapes, meta, x + 10, after + 2, CARD_META, { fill: MUTED, lineHeight: 13 });
      y += h + 8;
      ends[p] = Math.max(ends[p] ?? 0, y);
    }
    if (col.notes.length === 0) {
      ends[0] = Math.max(
        ends[0] ?? 0,
        textBlock(first, [tx.nothingWrittenHere], x + 8, start, 12, { fill: MUTED }) + 8,
      );
    }
  });
  return pages.map((pg, i) => ({
    width,
    height: Math.ceil(Math.max(ends[i] ?? 0, pg.bottom) + M),
    title: i === 0 ? a.title : tx.continued(a.title),
    shapes: pg.shapes,
  }));
}

/** The scene of one activity, whole (for SVG and PNG). */
export function layoutActivity(snapshot: WorkshopSnapshot, activity: SnapshotActivity): Scene {
  const [scene] =
    activity.kind === "scale" ? layoutScale(snapshot, activity) : layoutColumns(snapshot, activity);
  return scene as Scene;
}

/**
 * The scene of one activity cut into pages no taller than `pageHeight` (scene units), for print: a chart's
 * columns continue on the next page under repeated headings; a scale's groups continue under a repeated axis
 * (a page with a single group too tall for it is scaled down).
 */
export function layoutActivityPages(
  snapshot: WorkshopSnapshot,
  activity: SnapshotActivity,
  pageHeight: number,
): Scene[] {
  if (activity.kind === "scale") return layoutScale(snapshot, activity, pageHeight);
  return layoutColumns(snapshot, activity, pageHeight);
}
