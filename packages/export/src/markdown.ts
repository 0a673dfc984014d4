/**
 * The Markdown report: what the facilitator shares back with the group and pastes into a write-up. Plain
 * headings and sentences that a lay member can read; per activity, per aspect, where each group placed it,
 * the gap, and the pros, cons and implications charted about it, with the group of each comment. Its own
 * words are in the workshop's language (`i18n.ts`); what people wrote is as they wrote it.
 */
import { aspectFlags, DEFAULT_STATS_THRESHOLDS } from "@continuum/model";
import { type ComparisonRow, chartsAbout, compareScale, isChartUnderAspect } from "./compare.ts";
import { type ExportText, exportText } from "./i18n.ts";
import { researchText } from "./i18nResearch.ts";
import { reasonsForAspect } from "./research.ts";
import { roundsReport } from "./rounds.ts";
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

/** Escapes text typed by people so that it shows as typed, on one line. */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/([\\`*_[\]<>|#~])/g, "\\$1")
    .replace(/^([-+=]|\d+\.)(?=\s|$)/, "\\$1")
    .trim();
}

const quote = (text: string): string => `“${mdText(text)}”`;

/** Where a position is, in words, using the scale's own labels. */
export function placeInWords(
  v: number,
  left: string,
  right: string,
  x: ExportText = exportText("en"),
): string {
  const l = left || x.leftEnd;
  const r = right || x.rightEnd;
  if (v <= 15) return x.atEnd(mdText(l));
  if (v < 40) return x.towards(mdText(l));
  if (v <= 60) return x.inMiddle;
  if (v < 85) return x.towards(mdText(r));
  return x.atEnd(mdText(r));
}

/** How big a gap is, in words. */
export function gapInWords(gap: number, x: ExportText = exportText("en")): string {
  if (gap < 10) return x.gapWords.agree;
  if (gap < 25) return x.gapWords.some;
  if (gap < 50) return x.gapWords.clear;
  return x.gapWords.very;
}

/** The report's words in the workshop's language. */
const words = (s: WorkshopSnapshot): ExportText => exportText(s.workshop.language);

function noteLine(s: WorkshopSnapshot, n: SnapshotChartNote): string {
  const x = words(s);
  const credit = noteCredit(s, n);
  // A note without a group is the facilitator's; one whose group was since removed says so.
  const group = n.groupId === null ? x.facilitator : groupName(s, n.groupId) || x.removedGroupNote;
  const names = [group, credit.name].filter(Boolean);
  const who = [...new Set(names), ...(credit.typed ? [credit.typed] : [])].map(mdText).join(", ");
  const votes = n.votes > 0 ? `, ${x.votes(n.votes)}` : "";
  return `- ${quote(n.text)} (${who}${votes})`;
}

/** The columns of a chart or board, each with its notes; columns without notes say so. */
function columnsSection(
  s: WorkshopSnapshot,
  a: SnapshotChartActivity | SnapshotBoardActivity,
  level: string,
) {
  const x = words(s);
  const out: string[] = [];
  const known = new Set(a.columns.map((c) => c.id));
  const instructions: Readonly<Record<string, string>> = a.kind === "board" ? a.instructions : {};
  for (const c of a.columns) {
    out.push(`${level} ${mdText(c.title) || x.untitledColumn}`, "");
    const said = instructions[c.id];
    if (said) out.push(`_${mdText(said)}_`, "");
    const notes = a.notes.filter((n) => n.columnId === c.id);
    out.push(...(notes.length ? notes.map((n) => noteLine(s, n)) : [x.nothingHere]), "");
  }
  const orphans = a.notes.filter((n) => !known.has(n.columnId));
  if (orphans.length) {
    out.push(`${level} ${x.removedColumnNotes}`, "", ...orphans.map((n) => noteLine(s, n)), "");
  }
  return out;
}

function scaleSection(s: WorkshopSnapshot, a: SnapshotScaleActivity): string[] {
  const x = words(s);
  const out: string[] = [];
  const left = a.leftLabel || x.left;
  const right = a.rightLabel || x.right;
  const num = (v: number) => x.num(round1(v));
  out.push(x.scaleRuns(quote(left), quote(right)), "");
  const rounds = roundsReport(s, a);
  if (rounds) out.push(mdText(rounds.intro), "");
  const cmp = compareScale(s, a);
  if (cmp.rows.length === 0) return [...out, x.noAspects, ""];
  if (s.groups.length > 0) {
    out.push(
      `| ${x.aspect} | ${s.groups.map((g) => mdText(g.name) || x.unnamedGroup).join(" | ")} | ${x.gap} |`,
      `| --- | ${s.groups.map(() => "---:").join(" | ")} | ---: |`,
    );
    for (const r of cmp.rows) {
      const cells = r.positions.map((p) => (p === null ? "–" : num(p)));
      out.push(`| ${mdText(r.aspect)} | ${cells.join(" | ")} | ${r.gap === null ? "–" : num(r.gap)} |`);
    }
    out.push("", x.positionsNote, "");
  }
  for (const r of cmp.rows) {
    out.push(`### ${mdText(r.aspect) || x.untitledAspect}`, "");
    if (r.source === "group") out.push(x.groupAdded, "");
    r.positions.forEach((p, i) => {
      const name = mdText(s.groups[i]?.name ?? "") || x.unnamedGroup;
      out.push(
        p === null
          ? `- ${x.didNotPlace(name)}`
          : `- ${x.placedIt(name, placeInWords(p, left, right, x), num(p))}`,
      );
    });
    if (r.gap !== null) out.push(`- ${x.gapLine(num(r.gap), gapInWords(r.gap, x))}`);
    out.push("");
    const inRounds = rounds?.aspects.find((x) => r.source !== "group" && x.aspect === r.aspect)?.lines ?? [];
    if (inRounds.length > 0) out.push(`**${x.rounds}**`, "", ...inRounds.map((l) => `- ${mdText(l)}`), "");
    out.push(...whySection(s, a, r));
    for (const chart of chartsAbout(s, a.id, r.aspectId)) {
      out.push(
        `**${mdText(chart.title) || x.chart}**${chart.about.text ? `: ${quote(chart.about.text)}` : ""}`,
        "",
      );
      out.push(...columnsSection(s, chart, "####"));
    }
  }
  return out;
}

/**
 * The flags in plain language and the reasons each group gave, side by side (a column per group, a row per
 * reason), as in the table of the February 2023 write-up.
 */
function whySection(s: WorkshopSnapshot, a: SnapshotScaleActivity, r: ComparisonRow): string[] {
  const x = words(s);
  const out: string[] = [];
  const thresholds = { ...DEFAULT_STATS_THRESHOLDS, ...(s.workshop.statsThresholds ?? {}) };
  const flags = aspectFlags(
    s.groups.map((g, i) => ({
      groupId: g.id,
      name: g.name || x.unnamedGroup,
      position: r.positions[i] ?? null,
    })),
    thresholds,
  );
  const labels = { left: a.leftLabel || x.leftEnd, right: a.rightLabel || x.rightEnd };
  const w = researchText(s.workshop.language);
  for (const f of flags) out.push(`_${mdText(w.flag(f, labels))}._`, "");
  const reasons = reasonsForAspect(s, a, r);
  const rows = Math.max(0, ...reasons.map((l) => l.length));
  if (rows === 0 || s.groups.length === 0) return out;
  out.push(
    `| ${s.groups
      .map((g, i) => {
        const p = r.positions[i];
        return `${x.whyHere(mdText(g.name) || x.unnamedGroup)}${p === null || p === undefined ? "" : ` (${x.num(round1(p))})`}`;
      })
      .join(" | ")} |`,
    `| ${s.groups.map(() => "---").join(" | ")} |`,
  );
  for (let i = 0; i < rows; i++) {
    const cells = reasons.map((list) => {
      const reason = list[i];
      if (!reason) return "";
      return reason.author ? `${quote(reason.text)} (${mdText(reason.author)})` : quote(reason.text);
    });
    out.push(`| ${cells.join(" | ")} |`);
  }
  out.push("");
  return out;
}

function activitySection(s: WorkshopSnapshot, a: SnapshotActivity, index: number): string[] {
  const x = words(s);
  const out = [`## ${index + 1}. ${mdText(a.title) || x.untitledActivity}`, "", `_${x.kind[a.kind]}_`, ""];
  if (a.prompt) out.push(`> ${mdText(a.prompt)}`, "");
  if (a.takingPart !== null) {
    const names = a.takingPart.map((g) => mdText(groupName(s, g)) || x.removedGroup);
    out.push(names.length ? x.takingPart(names.join(", ")) : x.noGroupTookPart, "");
  }
  if (a.kind === "scale") return [...out, ...scaleSection(s, a)];
  if (a.kind === "chart") {
    if (a.about.text) out.push(x.about(quote(a.about.text)), "");
    if (isChartUnderAspect(s, a)) {
      const scale = s.activities.find((x) => x.id === a.about.activityId) as SnapshotScaleActivity;
      const aspect = scale.aspects.find((x) => x.id === a.about.aspectId);
      return [...out, x.listedAbove(quote(aspect?.text ?? ""), quote(scale.title)), ""];
    }
  }
  if (a.kind === "board" && a.material) {
    out.push(x.readFirst, "", ...a.material.split(/\r?\n/).map((l) => `> ${mdText(l)}`), "");
  }
  if (a.notes.length === 0) return [...out, x.nothingOnBoard, ""];
  return [...out, ...columnsSection(s, a, "###")];
}

/** The whole report. */
export function toMarkdown(snapshot: WorkshopSnapshot): string {
  const w = snapshot.workshop;
  const x = words(snapshot);
  const out = [`# ${mdText(w.title) || x.untitledWorkshop}`, ""];
  // English keeps the ISO day it always had (goldens, scripts); another language writes the day its way.
  if (w.date) out.push(x.date(x.lang === "en" ? w.date : x.day(w.date)), "");
  if (w.description) out.push(mdText(w.description), "");
  out.push(
    snapshot.groups.length
      ? x.groups(snapshot.groups.map((g) => mdText(g.name) || x.unnamedGroup).join(", "))
      : x.noGroups,
    "",
  );
  if (w.anonymous) out.push(x.anonymous, "");
  if (snapshot.activities.length === 0) out.push(x.noActivities, "");
  snapshot.activities.forEach((a, i) => {
    out.push(...activitySection(snapshot, a, i));
  });
  const day = snapshot.exportedAt.slice(0, 10);
  out.push("---", "", x.exportedOn(x.lang === "en" ? day : x.day(day)), "");
  return out.join("\n");
}
