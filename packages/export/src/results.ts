/**
 * The share-back page's content (`GET /api/results/<slug>`): what came of a workshop, for the people who
 * took part, in plain language. Built from the export snapshot, keeping only what a lay reader needs and
 * nothing that identifies a person: no names, no participant ids, no tokens, no document ids. Groups are
 * named (what the research compares); notes and reasons are kept as written, without their authors.
 *
 * Per scale: each aspect's group positions (the final round), round 1's where there was a second round,
 * the spread of individual placements where the individual round was revealed, the plain-language flags
 * (stats.ts, with the workshop's thresholds), and the reasons when the lanes carry them. Per chart or
 * board: its notes by column, and dot totals only when the facilitator revealed them.
 */
import {
  aspectFlags,
  DEFAULT_STATS_THRESHOLDS,
  type FlagKind,
  noteIdForAspect,
  readRoundsFrom,
  type StatsThresholds,
  summarise,
} from "@continuum/model";
import { exportText } from "./i18n.ts";
import { researchText } from "./i18nResearch.ts";
import type { WorkshopSnapshot } from "./snapshot.ts";

export interface SharedGroup {
  /** "Link workers". */
  readonly name: string;
  readonly colour: string;
}

export interface SharedSpread {
  /** Index into `groups`. */
  readonly group: number;
  readonly n: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  /** Each person's placement, sorted (no order that could tell who is who). */
  readonly values: readonly number[];
}

export interface SharedAspect {
  readonly text: string;
  /** Each group's final position (0..100), rounded. */
  readonly positions: readonly { group: number; x: number }[];
  /** Where there was a second round: each group's position in round 1. */
  readonly round1?: readonly { group: number; x: number }[];
  /** Where the individual round was revealed: the spread of each group's individual placements. */
  readonly spreads?: readonly SharedSpread[];
  /**
   * Plain-language sentences in the workshop's language: "Both groups see this as about choice". For
   * readers without a catalogue; the web page words `flagData` in the reader's own language.
   */
  readonly flags: readonly string[];
  /** The same findings as data (the model's flags, with groups as indexes into `groups`). */
  readonly flagData: readonly SharedFlag[];
  /** "Why here", by group, without names. */
  readonly reasons: readonly { group: number; text: string }[];
}

/** A plain-language finding about an aspect, as data, for a page to word in its reader's language. */
export interface SharedFlag {
  readonly kind: FlagKind;
  /** Indexes into `groups`, in the flag's order ("differ": the group towards the right end first). */
  readonly groups: readonly number[];
  /** "agree" and "moved": towards which end. */
  readonly side?: "left" | "right";
  /** "apart" and "moved": how many points, a whole number. */
  readonly points?: number;
}

export interface SharedScale {
  readonly kind: "scale";
  readonly title: string;
  readonly prompt: string;
  readonly leftLabel: string;
  readonly rightLabel: string;
  readonly aspects: readonly SharedAspect[];
  /** Aspects the groups wrote themselves. */
  readonly ownNotes: readonly { group: number; text: string; x: number }[];
}

export interface SharedChart {
  readonly kind: "chart";
  readonly title: string;
  readonly prompt: string;
  /** Whether dot totals are shown (the facilitator revealed them). */
  readonly dots: boolean;
  readonly columns: readonly {
    title: string;
    notes: readonly { text: string; group: number | null; dots: number | null }[];
  }[];
}

export interface SharedResults {
  readonly title: string;
  /** `YYYY-MM-DD` or "". */
  readonly date: string;
  readonly description: string;
  readonly groups: readonly SharedGroup[];
  readonly activities: readonly (SharedScale | SharedChart)[];
  /** How the spreads were worked out, for a curious reader, in the workshop's language. */
  readonly method: string;
}

const round = (x: number) => Math.round(x);

export function sharedResults(snapshot: WorkshopSnapshot): SharedResults {
  const groupIndex = new Map(snapshot.groups.map((g, i) => [g.id as string, i]));
  // Read loosely: the thresholds and the reasons are optional parts of the snapshot (absent in older ones).
  const set = (snapshot.workshop as { statsThresholds?: Partial<StatsThresholds> }).statsThresholds;
  const thresholds: StatsThresholds = { ...DEFAULT_STATS_THRESHOLDS, ...(set ?? {}) };
  const words = exportText(snapshot.workshop.language);
  const research = researchText(snapshot.workshop.language);
  const activities: (SharedScale | SharedChart)[] = [];
  for (const a of snapshot.activities) {
    if (a.kind === "scale") {
      // The rounds travel as optional fields of the activity (model rounds.ts); absent = one group round.
      const raw = a as unknown as Record<string, unknown>;
      const rounds = readRoundsFrom((k) => (raw.rounds as Record<string, unknown> | undefined)?.[k]);
      const aspects: SharedAspect[] = a.aspects.map((aspect) => {
        const noteId = noteIdForAspect(aspect.id);
        const per = snapshot.groups.map((g, gi) => {
          const note = a.lanes.find((l) => l.groupId === g.id)?.notes.find((n) => n.aspectId === aspect.id);
          const before = rounds.round1?.lanes[g.id]?.[noteId];
          const individual = rounds.soloRevealed ? (rounds.soloSummary?.[g.id]?.[aspect.id] ?? []) : [];
          return {
            gi,
            g,
            position: note ? note.x : null,
            previous: typeof before === "number" ? before : null,
            individual,
          };
        });
        const found = aspectFlags(
          per.map((p) => ({
            groupId: p.g.id,
            name: p.g.name,
            position: p.position,
            individual: p.individual,
            ...(rounds.round1 ? { previous: p.previous } : {}),
          })),
          thresholds,
        );
        const labels = { left: a.leftLabel || words.leftEnd, right: a.rightLabel || words.rightEnd };
        const flags = found.map((f) => research.flag(f, labels));
        const flagData = found.map(
          (f): SharedFlag => ({
            kind: f.kind,
            groups: f.groupIds.map((id) => groupIndex.get(id) ?? -1),
            ...("side" in f ? { side: f.side } : {}),
            ...("points" in f ? { points: f.points } : {}),
          }),
        );
        const spreads = per.flatMap((p) => {
          const s = summarise(p.individual);
          return s
            ? [
                {
                  group: p.gi,
                  n: s.n,
                  median: round(s.median),
                  q1: round(s.q1),
                  q3: round(s.q3),
                  values: [...p.individual].map(round).sort((x, y) => x - y),
                },
              ]
            : [];
        });
        const reasons = a.lanes.flatMap((l) => {
          const note = l.notes.find((n) => n.aspectId === aspect.id);
          const gi = groupIndex.get(l.groupId);
          if (!note || gi === undefined) return [];
          const said = (l as { reasons?: readonly { noteId: string; text: string }[] }).reasons ?? [];
          return said.filter((r) => r.noteId === note.id).map((r) => ({ group: gi, text: r.text }));
        });
        return {
          text: aspect.text,
          positions: per.flatMap((p) => (p.position === null ? [] : [{ group: p.gi, x: round(p.position) }])),
          ...(rounds.round1
            ? {
                round1: per.flatMap((p) =>
                  p.previous === null ? [] : [{ group: p.gi, x: round(p.previous) }],
                ),
              }
            : {}),
          ...(spreads.length > 0 ? { spreads } : {}),
          flags,
          flagData,
          reasons,
        };
      });
      const ownNotes = a.lanes.flatMap((l) => {
        const gi = groupIndex.get(l.groupId);
        if (gi === undefined) return [];
        return l.notes
          .filter((n) => n.aspectId === null && n.text.trim())
          .map((n) => ({ group: gi, text: n.text, x: round(n.x) }));
      });
      activities.push({
        kind: "scale",
        title: a.title,
        prompt: a.prompt,
        leftLabel: a.leftLabel,
        rightLabel: a.rightLabel,
        aspects,
        ownNotes,
      });
    } else {
      const dots = a.voting.revealed;
      activities.push({
        kind: "chart",
        title: a.title,
        prompt: a.prompt,
        dots,
        columns: a.columns.map((c) => ({
          title: c.title,
          notes: a.notes
            .filter((n) => n.columnId === c.id && n.text.trim())
            .map((n) => ({
              text: n.text,
              group: n.groupId ? (groupIndex.get(n.groupId) ?? null) : null,
              dots: dots ? n.votes : null,
            })),
        })),
      });
    }
  }
  return {
    title: snapshot.workshop.title,
    date: snapshot.workshop.date,
    description: snapshot.workshop.description,
    groups: snapshot.groups.map((g) => ({ name: g.name, colour: g.colour })),
    activities,
    method: research.method,
  };
}
