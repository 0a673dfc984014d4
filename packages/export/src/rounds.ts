/**
 * A scale activity's rounds in the snapshot and the archive (the model's `rounds.ts`): the round fields and
 * everyone's own scale from the individual round, with pseudonymous participant ids (the server's random
 * ids, never names). Absent when the activity never used rounds, so exports and archives of workshops
 * without rounds are exactly as before.
 */
import {
  aspectFlags,
  DEFAULT_STATS_THRESHOLDS,
  type GroupId,
  isId,
  movement,
  noteIdForAspect,
  type ParticipantId,
  type Round,
  type RoundsContent,
  readRoundOne,
  readRoundsFrom,
  readSoloSummary,
  type ScaleNote,
  type SoloSummary,
  summarise,
} from "@continuum/model";
import { type Cell, csvFile } from "./csv.ts";
import { exportText } from "./i18n.ts";
import { researchText } from "./i18nResearch.ts";
import {
  groupName,
  type IsoTime,
  round1,
  type SnapshotScaleActivity,
  type SnapshotScaleNote,
  type WorkshopSnapshot,
} from "./snapshot.ts";

/** At most this many people's own scales per activity in an archive. */
export const MAX_INDIVIDUAL_SCALES = 1000;

export interface SnapshotIndividualScale {
  /** The server's pseudonymous id for the person (no name). */
  readonly participantId: ParticipantId;
  readonly groupId: GroupId | null;
  readonly notes: readonly SnapshotScaleNote[];
}

export interface SnapshotRounds {
  /** The round the activity was in when exported. */
  readonly round: Round;
  readonly individualRound: boolean;
  /** How the group round started: from an empty scale, or from each group's median. */
  readonly groupStart: "empty" | "median";
  readonly soloRevealed: boolean;
  /** Individual placements by group and aspect, as revealed (no ids); null when not revealed. */
  readonly soloSummary: SoloSummary | null;
  /** Each group's positions when the second round started (by note id); null without a second round. */
  readonly round1: {
    readonly at: IsoTime;
    readonly lanes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  } | null;
  /** Everyone's own scale from the individual round, by participant id. */
  readonly individual: readonly SnapshotIndividualScale[];
}

const iso = (ms: number): IsoTime => (ms > 0 ? new Date(ms).toISOString() : null);
const ms = (t: IsoTime): number => (t ? Date.parse(t) || 0 : 0);

/** The model's rounds content as the snapshot has it (times in ISO 8601, authors as the workshop shows them). */
export function snapshotRounds(r: RoundsContent, author: (name: string) => string): SnapshotRounds {
  return {
    round: r.round,
    individualRound: r.individualRound,
    groupStart: r.groupStart,
    soloRevealed: r.soloRevealed,
    soloSummary: r.soloSummary,
    round1: r.round1 ? { at: iso(r.round1.at), lanes: r.round1.lanes } : null,
    individual: r.individual.map((p) => ({
      participantId: p.participantId,
      groupId: p.groupId,
      notes: p.notes.map((n) => ({
        id: n.id,
        text: n.text,
        colour: n.colour,
        x: n.x,
        y: n.y,
        aspectId: n.aspectId,
        author: author(n.author),
        createdAt: iso(n.createdAt),
        updatedAt: iso(n.updatedAt),
      })),
    })),
  };
}

/** Back to the model's content, for an import. */
export function roundsToContent(r: SnapshotRounds): RoundsContent {
  return {
    round: r.round,
    individualRound: r.individualRound,
    groupStart: r.groupStart,
    soloRevealed: r.soloRevealed,
    soloSummary: r.soloSummary,
    round1: r.round1 ? { at: ms(r.round1.at), lanes: r.round1.lanes as never } : null,
    individual: r.individual.map((p) => ({
      participantId: p.participantId,
      groupId: p.groupId,
      notes: p.notes.map(
        (n): ScaleNote => ({ ...n, createdAt: ms(n.createdAt), updatedAt: ms(n.updatedAt) }),
      ),
    })),
  };
}

/**
 * An archive's `rounds` of a scale activity, read with the model's readers; undefined when absent. `readNote`
 * and `countNotes` are the archive reader's, so individual notes are bounded like every other note.
 */
export function readArchiveRounds(
  v: unknown,
  groupIds: ReadonlySet<string>,
  readNote: (v: unknown) => SnapshotScaleNote | null,
  countNotes: (n: number) => void,
): SnapshotRounds | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const r = readRoundsFrom((k) => o[k]);
  const individual: SnapshotIndividualScale[] = [];
  const seen = new Set<string>();
  const list = Array.isArray(o.individual) ? o.individual.slice(0, MAX_INDIVIDUAL_SCALES) : [];
  for (const item of list) {
    if (typeof item !== "object" || item === null) continue;
    const p = item as Record<string, unknown>;
    if (!isId(p.participantId) || seen.has(p.participantId)) continue;
    seen.add(p.participantId);
    const notes = Array.isArray(p.notes) ? p.notes : [];
    countNotes(notes.length);
    const groupId = isId(p.groupId) && groupIds.has(p.groupId) ? (p.groupId as GroupId) : null;
    const read = notes.map(readNote).filter((n): n is SnapshotScaleNote => n !== null);
    individual.push({ participantId: p.participantId as ParticipantId, groupId, notes: read });
  }
  const summary = readSoloSummary(o.soloSummary);
  const r1 = typeof o.round1 === "object" && o.round1 !== null ? (o.round1 as Record<string, unknown>) : null;
  const round1 = r1 ? readRoundOne({ lanes: r1.lanes, at: 0 }) : null;
  const at = typeof r1?.at === "string" ? r1.at : null;
  return {
    round: r.round,
    individualRound: r.individualRound,
    groupStart: r.groupStart,
    soloRevealed: r.soloRevealed,
    soloSummary: summary,
    round1: round1 ? { at: at && !Number.isNaN(Date.parse(at)) ? at : null, lanes: round1.lanes } : null,
    individual,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The rounds file (`rounds-csv`): long format, one row per placement per round

export const ROUNDS_COLUMNS = [
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
] as const;

/**
 * Every placement of every scale that used rounds, one row each (long format, for R and Python without
 * reshaping): `individual` rows are each person's own scale, with the server's pseudonymous participant id
 * (never a name); `group` rows the group's lane (in the group round, or as kept when the second round
 * started); `second` rows the lane at the end of the second round. Scales without rounds have no rows.
 */
export function toRoundsCsv(s: WorkshopSnapshot): string {
  const rows: Cell[][] = [];
  for (const a of s.activities) {
    if (a.kind !== "scale" || !a.rounds) continue;
    const r = a.rounds;
    const aspectText = (id: string | null, fallback: string) =>
      (id ? a.aspects.find((x) => x.id === id)?.text : undefined) ?? fallback;
    const row = (round: string, groupId: GroupId | null, participant: string, n: NoteLike): Cell[] => [
      s.workshop.title,
      a.title,
      round,
      groupName(s, groupId),
      participant,
      aspectText(n.aspectId, n.text),
      round1(n.x),
      a.id,
      groupId ?? "",
      n.aspectId ?? "",
      n.id,
    ];
    for (const p of r.individual)
      for (const n of p.notes) rows.push(row("individual", p.groupId, p.participantId, n));
    const lanes = laneNotes(a);
    if (r.round1) {
      for (const [groupId, notes] of Object.entries(r.round1.lanes)) {
        for (const [noteId, x] of Object.entries(notes)) {
          const now = lanes.get(`${groupId}/${noteId}`);
          rows.push(
            row("group", groupId as GroupId, "", {
              id: noteId,
              x,
              aspectId: now?.aspectId ?? null,
              text: now?.text ?? "",
            }),
          );
        }
      }
    }
    const final = r.round === "second" ? "second" : "group";
    for (const lane of a.lanes) for (const n of lane.notes) rows.push(row(final, lane.groupId, "", n));
  }
  return csvFile(ROUNDS_COLUMNS, rows);
}

interface NoteLike {
  readonly id: string;
  readonly x: number;
  readonly aspectId: string | null;
  readonly text: string;
}

const laneNotes = (a: SnapshotScaleActivity): Map<string, SnapshotScaleNote> =>
  new Map(a.lanes.flatMap((l) => l.notes.map((n) => [`${l.groupId}/${n.id}`, n] as const)));

// ---------------------------------------------------------------------------------------------------------
// The report's rounds section (Markdown and PDF), in plain language

export interface RoundsReport {
  /** What the rounds were. */
  readonly intro: string;
  /** Per prepared aspect: the spread of individual placements by group, and how far each group moved. */
  readonly aspects: readonly { readonly aspect: string; readonly lines: readonly string[] }[];
}

const fmt = (n: number) => String(Math.round(n));

/**
 * The report's account of a scale's rounds: the facilitator's report, so it counts everyone's own scale
 * (revealed or not); null when the scale never used rounds.
 */
export function roundsReport(s: WorkshopSnapshot, a: SnapshotScaleActivity): RoundsReport | null {
  const r = a.rounds;
  if (!r) return null;
  const x = exportText(s.workshop.language);
  const w = researchText(s.workshop.language);
  const steps = [
    r.individualRound ? w.rounds.individual(r.individual.length) : "",
    r.groupStart === "median" ? w.rounds.fromMedian : w.rounds.together,
    r.round1 ? w.rounds.second : "",
  ].filter(Boolean);
  const intro = w.rounds.intro(steps);
  const labels = { left: a.leftLabel || x.leftEnd, right: a.rightLabel || x.rightEnd };
  const thresholds = { ...DEFAULT_STATS_THRESHOLDS, ...(s.workshop.statsThresholds ?? {}) };
  const aspects = a.aspects.map((aspect) => {
    const lines: string[] = [];
    const noteId = noteIdForAspect(aspect.id);
    const inputs = s.groups.map((g) => {
      const individual = r.individual
        .filter((p) => p.groupId === g.id)
        .flatMap((p) => p.notes.filter((n) => n.aspectId === aspect.id).map((n) => n.x));
      const note = a.lanes.find((l) => l.groupId === g.id)?.notes.find((n) => n.aspectId === aspect.id);
      const before = r.round1?.lanes[g.id]?.[noteId];
      return {
        g,
        name: g.name || x.unnamedGroup,
        individual,
        position: note ? note.x : null,
        previous: typeof before === "number" ? before : null,
      };
    });
    for (const { name, individual } of inputs) {
      const sum = summarise(individual);
      if (!sum) continue;
      lines.push(w.rounds.spread(name, sum.n, fmt(sum.median), fmt(sum.q1), fmt(sum.q3)));
    }
    if (r.round1) {
      for (const { name, position, previous } of inputs) {
        const m = movement(previous, position);
        if (!m) continue;
        lines.push(
          m.distance < 1
            ? w.rounds.kept(name, fmt(m.to))
            : w.rounds.moved(
                name,
                fmt(m.from),
                fmt(m.to),
                fmt(m.distance),
                m.direction === "right" ? labels.right : labels.left,
              ),
        );
      }
    }
    const flags = aspectFlags(
      inputs.map((x) => ({
        groupId: x.g.id,
        name: x.name,
        position: x.position,
        individual: x.individual,
        ...(r.round1 ? { previous: x.previous } : {}),
      })),
      thresholds,
    ).filter((f) => f.kind === "wide-spread" || f.kind === "close-spread" || f.kind === "moved");
    for (const f of flags) lines.push(`${w.flag(f, labels)}.`);
    return { aspect: aspect.text, lines };
  });
  return { intro, aspects: aspects.filter((x) => x.lines.length > 0) };
}

/** The codebook's section on the rounds file and the archive's `rounds`, in the workshop's language. */
export function roundsCodebook(s: WorkshopSnapshot): string {
  return researchText(s.workshop.language).codebook.rounds;
}
