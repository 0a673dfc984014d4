/**
 * The Markdown report: what the facilitator shares back with the group and pastes into a write-up. Plain
 * headings and sentences that a lay member can read; per activity, per aspect, where each group placed it,
 * the gap, and the pros, cons and implications charted about it, with the group of each comment.
 */
import { aspectFlags, DEFAULT_STATS_THRESHOLDS } from "@continuum/model";
import { type ComparisonRow, chartsAbout, compareScale, isChartUnderAspect } from "./compare.ts";
import { reasonsForAspect } from "./research.ts";
import { roundsReport } from "./rounds.ts";
import {
  groupName,
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
export function placeInWords(x: number, left: string, right: string): string {
  const l = left || "the left end";
  const r = right || "the right end";
  if (x <= 15) return `at the “${mdText(l)}” end`;
  if (x < 40) return `towards “${mdText(l)}”`;
  if (x <= 60) return "in the middle";
  if (x < 85) return `towards “${mdText(r)}”`;
  return `at the “${mdText(r)}” end`;
}

/** How big a gap is, in words. */
export function gapInWords(gap: number): string {
  if (gap < 10) return "the groups broadly agree";
  if (gap < 25) return "some difference between the groups";
  if (gap < 50) return "a clear difference between the groups";
  return "the groups see this very differently";
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function noteLine(s: WorkshopSnapshot, n: SnapshotChartNote): string {
  const names = [groupName(s, n.groupId) || "Facilitator", n.author].filter(Boolean);
  const who = [...new Set(names)].map(mdText).join(", ");
  const votes = n.votes > 0 ? `, ${plural(n.votes, "vote", "votes")}` : "";
  return `- ${quote(n.text)} (${who}${votes})`;
}

/** The columns of a chart or board, each with its notes; columns without notes say so. */
function columnsSection(
  s: WorkshopSnapshot,
  a: SnapshotChartActivity | SnapshotBoardActivity,
  level: string,
) {
  const out: string[] = [];
  const known = new Set(a.columns.map((c) => c.id));
  const instructions: Readonly<Record<string, string>> = a.kind === "board" ? a.instructions : {};
  for (const c of a.columns) {
    out.push(`${level} ${mdText(c.title) || "Untitled column"}`, "");
    const said = instructions[c.id];
    if (said) out.push(`_${mdText(said)}_`, "");
    const notes = a.notes.filter((n) => n.columnId === c.id);
    out.push(...(notes.length ? notes.map((n) => noteLine(s, n)) : ["Nothing was written here."]), "");
  }
  const orphans = a.notes.filter((n) => !known.has(n.columnId));
  if (orphans.length) {
    out.push(`${level} Notes from a removed column`, "", ...orphans.map((n) => noteLine(s, n)), "");
  }
  return out;
}

function scaleSection(s: WorkshopSnapshot, a: SnapshotScaleActivity): string[] {
  const out: string[] = [];
  const left = a.leftLabel || "left";
  const right = a.rightLabel || "right";
  out.push(
    `The scale runs from ${quote(left)} (0) to ${quote(right)} (100). Each group placed the aspects on its own, so that the groups can be compared.`,
    "",
  );
  const rounds = roundsReport(s, a);
  if (rounds) out.push(mdText(rounds.intro), "");
  const cmp = compareScale(s, a);
  if (cmp.rows.length === 0) return [...out, "No aspects were placed on this scale.", ""];
  if (s.groups.length > 0) {
    out.push(
      `| Aspect | ${s.groups.map((g) => mdText(g.name) || "Unnamed group").join(" | ")} | Gap |`,
      `| --- | ${s.groups.map(() => "---:").join(" | ")} | ---: |`,
    );
    for (const r of cmp.rows) {
      const cells = r.positions.map((p) => (p === null ? "–" : String(round1(p))));
      out.push(`| ${mdText(r.aspect)} | ${cells.join(" | ")} | ${r.gap === null ? "–" : round1(r.gap)} |`);
    }
    out.push("", "Positions are from 0 to 100; “–” means the group did not place it.", "");
  }
  for (const r of cmp.rows) {
    out.push(`### ${mdText(r.aspect) || "Untitled aspect"}`, "");
    if (r.source === "group") out.push("A group added this aspect itself.", "");
    r.positions.forEach((p, i) => {
      const name = mdText(s.groups[i]?.name ?? "") || "Unnamed group";
      out.push(
        p === null
          ? `- **${name}** did not place it.`
          : `- **${name}** placed it ${placeInWords(p, left, right)} (${round1(p)}).`,
      );
    });
    if (r.gap !== null) out.push(`- **Gap:** ${round1(r.gap)} points out of 100: ${gapInWords(r.gap)}.`);
    out.push("");
    const inRounds = rounds?.aspects.find((x) => r.source !== "group" && x.aspect === r.aspect)?.lines ?? [];
    if (inRounds.length > 0) out.push("**Rounds**", "", ...inRounds.map((l) => `- ${mdText(l)}`), "");
    out.push(...whySection(s, a, r));
    for (const chart of chartsAbout(s, a.id, r.aspectId)) {
      out.push(
        `**${mdText(chart.title) || "Chart"}**${chart.about.text ? `: ${quote(chart.about.text)}` : ""}`,
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
  const out: string[] = [];
  const thresholds = { ...DEFAULT_STATS_THRESHOLDS, ...(s.workshop.statsThresholds ?? {}) };
  const flags = aspectFlags(
    s.groups.map((g, i) => ({
      groupId: g.id,
      name: g.name || "Unnamed group",
      position: r.positions[i] ?? null,
    })),
    { left: a.leftLabel || "the left end", right: a.rightLabel || "the right end" },
    thresholds,
  );
  for (const f of flags) out.push(`_${mdText(f.text)}._`, "");
  const reasons = reasonsForAspect(s, a, r);
  const rows = Math.max(0, ...reasons.map((l) => l.length));
  if (rows === 0 || s.groups.length === 0) return out;
  out.push(
    `| ${s.groups
      .map((g, i) => {
        const p = r.positions[i];
        return `Why here: ${mdText(g.name) || "Unnamed group"}${p === null || p === undefined ? "" : ` (${round1(p)})`}`;
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
  const kind = a.kind === "scale" ? "Sliding scale" : a.kind === "chart" ? "Chart" : "Prompt board";
  const out = [`## ${index + 1}. ${mdText(a.title) || "Untitled activity"}`, "", `_${kind}_`, ""];
  if (a.prompt) out.push(`> ${mdText(a.prompt)}`, "");
  if (a.takingPart !== null) {
    const names = a.takingPart.map((g) => mdText(groupName(s, g)) || "a removed group");
    out.push(names.length ? `Groups taking part: ${names.join(", ")}.` : "No group took part.", "");
  }
  if (a.kind === "scale") return [...out, ...scaleSection(s, a)];
  if (a.kind === "chart") {
    if (a.about.text) out.push(`About: ${quote(a.about.text)}`, "");
    if (isChartUnderAspect(s, a)) {
      const scale = s.activities.find((x) => x.id === a.about.activityId) as SnapshotScaleActivity;
      const aspect = scale.aspects.find((x) => x.id === a.about.aspectId);
      return [
        ...out,
        `The comments of this chart are listed above, under the aspect ${quote(aspect?.text ?? "")} of ${quote(scale.title)}.`,
        "",
      ];
    }
  }
  if (a.kind === "board" && a.material) {
    out.push("What people read first:", "", ...a.material.split(/\r?\n/).map((l) => `> ${mdText(l)}`), "");
  }
  if (a.notes.length === 0) return [...out, "Nothing was written on this board.", ""];
  return [...out, ...columnsSection(s, a, "###")];
}

/** The whole report. */
export function toMarkdown(snapshot: WorkshopSnapshot): string {
  const w = snapshot.workshop;
  const out = [`# ${mdText(w.title) || "Untitled workshop"}`, ""];
  if (w.date) out.push(`Date: ${w.date}`, "");
  if (w.description) out.push(mdText(w.description), "");
  out.push(
    snapshot.groups.length
      ? `Groups: ${snapshot.groups.map((g) => mdText(g.name) || "Unnamed group").join(", ")}.`
      : "This workshop has no groups.",
    "",
  );
  if (w.anonymous)
    out.push("Names are not shown: this workshop was anonymous. Each comment shows its group.", "");
  if (snapshot.activities.length === 0) out.push("This workshop has no activities yet.", "");
  snapshot.activities.forEach((a, i) => {
    out.push(...activitySection(snapshot, a, i));
  });
  out.push("---", "", `Exported from Continuum on ${snapshot.exportedAt.slice(0, 10)}.`, "");
  return out.join("\n");
}
