/**
 * The printable report: A4 landscape, DejaVu Sans embedded (Latin, Latin Extended, Welsh ŵ ŷ â, Greek,
 * Cyrillic…), real text that can be selected and searched. A cover page with the comparison between groups,
 * then one page per activity with the same drawing as the SVG (layout.ts), as vector graphics.
 * Node only: `@continuum/export/pdf`.
 */
import PDFDocument from "pdfkit";
import { compareScale } from "./compare.ts";
import { FONT_FILES } from "./fonts.ts";
import { exportText } from "./i18n.ts";
import { researchText } from "./i18nResearch.ts";
import { layoutActivityPages, SCENE_WIDTH, type Scene, type Shape } from "./layout.ts";
import { reasonsTable } from "./research.ts";
import { roundsReport } from "./rounds.ts";
import { round1, type SnapshotScaleActivity, type WorkshopSnapshot } from "./snapshot.ts";

const PAGE_W = 841.89;
const PAGE_H = 595.28;
const MARGIN = 36;
const FOOTER = 22;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const BOTTOM = PAGE_H - MARGIN - FOOTER;
const INK = "#1a1a1a";
const MUTED = "#555555";

type Doc = InstanceType<typeof PDFDocument>;

const SANS = "Sans";
const BOLD = "Sans-Bold";

function drawShape(doc: Doc, s: Shape): void {
  switch (s.type) {
    case "rect": {
      const path = s.radius ? doc.roundedRect(s.x, s.y, s.w, s.h, s.radius) : doc.rect(s.x, s.y, s.w, s.h);
      if (s.stroke) path.lineWidth(0.8).fillAndStroke(s.fill, s.stroke);
      else path.fill(s.fill);
      return;
    }
    case "line":
      doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.width).stroke(s.stroke);
      return;
    case "polygon":
      doc.polygon(...s.points.map(([x, y]) => [x, y] as [number, number])).fill(s.fill);
      return;
    case "text": {
      doc
        .font(s.bold ? BOLD : SANS)
        .fontSize(s.size)
        .fillColor(s.fill);
      const w = doc.widthOfString(s.text);
      const x = s.anchor === "middle" ? s.x - w / 2 : s.anchor === "end" ? s.x - w : s.x;
      doc.text(s.text, x, s.y, { lineBreak: false, baseline: "alphabetic" });
      return;
    }
  }
}

/** Draws a scene at (x, y), scaled to fit `width` x `height`; returns the height used. */
export function drawScene(
  doc: Doc,
  scene: Scene,
  x: number,
  y: number,
  width: number,
  height: number,
): number {
  const k = Math.min(width / scene.width, height / scene.height);
  doc.save();
  doc.translate(x, y);
  doc.scale(k);
  for (const s of scene.shapes) drawShape(doc, s);
  doc.restore();
  return scene.height * k;
}

/** Flowing text at the cursor with a page break when needed; returns the y below it. */
function para(
  doc: Doc,
  text: string,
  y: number,
  opts: { size?: number; bold?: boolean; colour?: string } = {},
) {
  doc
    .font(opts.bold ? BOLD : SANS)
    .fontSize(opts.size ?? 11)
    .fillColor(opts.colour ?? INK);
  const h = doc.heightOfString(text, { width: CONTENT_W });
  let top = y;
  if (top + h > BOTTOM) {
    doc.addPage();
    top = MARGIN;
  }
  doc.text(text, MARGIN, top, { width: CONTENT_W });
  return top + h;
}

/** The comparison between groups as a table; returns the y below it. */
function comparisonTable(doc: Doc, s: WorkshopSnapshot, a: SnapshotScaleActivity, startY: number): number {
  const tx = exportText(s.workshop.language);
  const cmp = compareScale(s, a);
  let y = startY;
  if (cmp.rows.length === 0 || s.groups.length === 0) return para(doc, tx.nothingPlaced, y);
  const numW = Math.min(110, (CONTENT_W * 0.55) / (s.groups.length + 1));
  const aspectW = CONTENT_W - numW * (s.groups.length + 1);
  const cols = [aspectW, ...s.groups.map(() => numW), numW];
  const row = (cells: string[], bold: boolean, fill: string | null) => {
    doc.font(bold ? BOLD : SANS).fontSize(10);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (cols[i] ?? 60) - 8 }))) + 8;
    if (y + h > BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
    if (fill) doc.rect(MARGIN, y, CONTENT_W, h).fill(fill);
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = cols[i] ?? 60;
      doc
        .font(bold ? BOLD : SANS)
        .fontSize(10)
        .fillColor(INK);
      doc.text(c, x + 4, y + 4, { width: w - 8, align: i === 0 ? "left" : "right" });
      x += w;
    });
    y += h;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_W, y)
      .lineWidth(0.5)
      .stroke("#bdbdbd");
  };
  row([tx.aspect, ...s.groups.map((g) => g.name || tx.unnamedGroup), tx.gap], true, "#e0e0e0");
  cmp.rows.forEach((r, i) => {
    row(
      [
        r.source === "group" ? tx.addedByGroup(r.aspect) : r.aspect,
        ...r.positions.map((p) => (p === null ? "–" : tx.num(round1(p)))),
        r.gap === null ? "–" : tx.num(round1(r.gap)),
      ],
      false,
      i % 2 ? "#f5f5f5" : null,
    );
  });
  return para(doc, tx.pdfPositions(a.leftLabel || tx.left, a.rightLabel || tx.right), y + 6, {
    size: 9,
    colour: MUTED,
  });
}

function cover(doc: Doc, s: WorkshopSnapshot): void {
  const w = s.workshop;
  const tx = exportText(w.language);
  let y = para(doc, w.title || tx.untitledWorkshop, MARGIN, { size: 24, bold: true });
  const facts = [
    w.date ? tx.date(tx.lang === "en" ? w.date : tx.day(w.date)) : "",
    s.groups.length ? tx.groups(s.groups.map((g) => g.name).join(", ")) : tx.noGroups,
  ];
  y = para(doc, facts.filter(Boolean).join("    "), y + 6, { size: 12, colour: MUTED });
  if (w.description) y = para(doc, w.description, y + 10, { size: 12 });
  if (w.anonymous) y = para(doc, tx.anonymousShort, y + 8, { size: 11, colour: MUTED });
  y = para(doc, tx.contents, y + 18, { size: 14, bold: true });
  if (s.activities.length === 0) y = para(doc, tx.noActivities, y + 4);
  s.activities.forEach((a, i) => {
    y = para(doc, `${i + 1}. ${a.title || tx.untitledActivity} (${tx.kind[a.kind].toLowerCase()})`, y + 4);
  });
  for (const a of s.activities) {
    if (a.kind !== "scale") continue;
    y = para(doc, tx.wherePlaced(a.title), y + 18, { size: 14, bold: true });
    y = comparisonTable(doc, s, a, y + 6);
    const rounds = roundsReport(s, a);
    if (rounds) {
      y = para(doc, rounds.intro, y + 10, { size: 10 });
      for (const x of rounds.aspects) {
        y = para(doc, x.aspect, y + 6, { size: 10, bold: true });
        for (const line of x.lines) y = para(doc, line, y + 2, { size: 10 });
      }
    }
    y = reasonsPdf(doc, s, a, y + 12);
  }
}

/**
 * The reasons each group gave, side by side: per aspect with any reason, a row with a cell per group
 * (its position, then its reasons), as in the write-up's table. Returns the y below it.
 */
function reasonsPdf(doc: Doc, s: WorkshopSnapshot, a: SnapshotScaleActivity, startY: number): number {
  const rows = reasonsTable(s, a);
  if (rows.length === 0 || s.groups.length === 0) return startY;
  const heading = researchText(s.workshop.language).whyHereHeading;
  let y = para(doc, heading, startY, { size: 12, bold: true });
  const colW = CONTENT_W / s.groups.length;
  for (const r of rows) {
    y = para(doc, r.aspect, y + 8, { size: 10, bold: true });
    const cells = s.groups.map((g, i) => {
      const p = r.positions[i];
      const head = `${g.name}${p === null || p === undefined ? "" : ` (${round1(p)})`}`;
      const list = (r.reasons[i] ?? []).map((x) => `• ${x.text}${x.author ? ` (${x.author})` : ""}`);
      return [head, ...(list.length ? list : ["–"])].join("\n");
    });
    doc.font(SANS).fontSize(10);
    const h = Math.max(...cells.map((c) => doc.heightOfString(c, { width: colW - 8 }))) + 8;
    if (y + h > BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
    cells.forEach((c, i) => {
      const x = MARGIN + i * colW;
      doc.rect(x, y, colW, h).lineWidth(0.5).stroke("#bdbdbd");
      doc
        .font(SANS)
        .fontSize(10)
        .fillColor(INK)
        .text(c, x + 4, y + 4, { width: colW - 8 });
    });
    y += h;
  }
  return y;
}

/** The whole report as PDF bytes. */
export function toPdf(snapshot: WorkshopSnapshot): Promise<Uint8Array> {
  const created = new Date(snapshot.exportedAt);
  const tx = exportText(snapshot.workshop.language);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    bufferPages: true,
    font: FONT_FILES.regular,
    lang: tx.lang,
    displayTitle: true,
    info: {
      Title: snapshot.workshop.title || tx.workshopReport,
      Subject: tx.workshopReport,
      Creator: "Continuum",
      Producer: "Continuum",
      CreationDate: created,
      ModDate: created,
    },
  });
  doc.registerFont(SANS, FONT_FILES.regular);
  doc.registerFont(BOLD, FONT_FILES.bold);
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (c: Uint8Array) => chunks.push(c));
    doc.on("end", () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    doc.on("error", reject);
  });

  cover(doc, snapshot);
  snapshot.activities.forEach((a, i) => {
    const label = `${i + 1}. ${tx.kind[a.kind]}`;
    // The label line takes the same height on every page; charts and boards continue on further pages.
    const labelH = 16;
    const k = CONTENT_W / SCENE_WIDTH;
    // A drawing may be shrunk to 70% of full width to stay on one page before it is cut into pages.
    const scenes = layoutActivityPages(snapshot, a, (BOTTOM - MARGIN - labelH) / (k * 0.7));
    for (const scene of scenes) {
      doc.addPage();
      para(doc, label, MARGIN, { size: 10, colour: MUTED });
      drawScene(doc, scene, MARGIN, MARGIN + labelH, CONTENT_W, BOTTOM - MARGIN - labelH);
    }
  });

  // Footers, now that the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    doc.font(SANS).fontSize(8).fillColor(MUTED);
    const day = snapshot.exportedAt.slice(0, 10);
    const footer = tx.footer(
      snapshot.workshop.title || tx.workshop,
      tx.lang === "en" ? day : tx.day(day),
      p + 1,
      range.count,
    );
    doc.text(footer, MARGIN, PAGE_H - MARGIN - 8, { lineBreak: false });
  }
  doc.end();
  return done;
}
