/**
 * The research files of a scale: the reasons behind each placement (one row per reason) and the history of
 * moves (one row per move, long format: readable with `read.csv` in R or `pandas.read_csv` in Python with no
 * reshaping), and the reasons side by side per aspect for the reports. Pure functions of the snapshot.
 */
import { DEFAULT_STATS_THRESHOLDS } from "@continuum/model";
import { type ComparisonRow, compareScale } from "./compare.ts";
import { type Cell, csvFile } from "./csv.ts";
import { researchText, type ThresholdCells } from "./i18nResearch.ts";
import {
  groupName,
  round1,
  type SnapshotReason,
  type SnapshotScaleActivity,
  type WorkshopSnapshot,
} from "./snapshot.ts";

export const MOVES_COLUMNS = [
  "workshop",
  "activity",
  "group",
  "aspect",
  "note",
  "round",
  "kind",
  "from_x",
  "to_x",
  "change",
  "from_y",
  "to_y",
  "time",
  "seconds",
  "sequence",
  "author",
  "activity_id",
  "group_id",
  "aspect_id",
  "note_id",
] as const;

const scales = (s: WorkshopSnapshot): SnapshotScaleActivity[] =>
  s.activities.filter((a): a is SnapshotScaleActivity => a.kind === "scale");

const aspectText = (a: SnapshotScaleActivity, aspectId: string | null, fallback: string): string =>
  (aspectId ? a.aspects.find((x) => x.id === aspectId)?.text : undefined) ?? fallback;

/** One row per move of a note, each scale activity's moves oldest first, numbered from 1. */
export function toMovesCsv(snapshot: WorkshopSnapshot): string {
  const rows: Cell[][] = [];
  for (const a of scales(snapshot)) {
    const moves = a.moves ?? [];
    const start = moves.reduce((min, m) => {
      const t = m.at ? Date.parse(m.at) : Number.NaN;
      return Number.isFinite(t) && t < min ? t : min;
    }, Number.POSITIVE_INFINITY);
    moves.forEach((m, i) => {
      const t = m.at ? Date.parse(m.at) : Number.NaN;
      const kind = m.fromX === null ? "place" : m.toX === null ? "remove" : "move";
      rows.push([
        snapshot.workshop.title,
        a.title,
        groupName(snapshot, m.groupId),
        aspectText(a, m.aspectId, m.text),
        m.text,
        m.round,
        kind,
        m.fromX === null ? null : round1(m.fromX),
        m.toX === null ? null : round1(m.toX),
        m.fromX === null || m.toX === null ? null : round1(m.toX - m.fromX),
        m.fromY === null ? null : round1(m.fromY),
        m.toY === null ? null : round1(m.toY),
        m.at ?? "",
        Number.isFinite(t) && Number.isFinite(start) ? Math.round(t - start) / 1000 : null,
        i + 1,
        m.author,
        a.id,
        m.groupId,
        m.aspectId ?? "",
        m.noteId,
      ]);
    });
  }
  return csvFile(MOVES_COLUMNS, rows);
}

export const REASONS_COLUMNS = [
  "workshop",
  "activity",
  "aspect",
  "note",
  "group",
  "position",
  "reason",
  "author_group",
  "participant",
  "time",
  "activity_id",
  "group_id",
  "aspect_id",
  "note_id",
  "reason_id",
] as const;

/** One row per reason given for a placement, by activity, then lane (group order), then time. */
export function toReasonsCsv(snapshot: WorkshopSnapshot): string {
  const rows: Cell[][] = [];
  for (const a of scales(snapshot)) {
    for (const lane of a.lanes) {
      for (const r of lane.reasons ?? []) {
        const note = lane.notes.find((n) => n.id === r.noteId);
        rows.push([
          snapshot.workshop.title,
          a.title,
          aspectText(a, note?.aspectId ?? null, note?.text ?? ""),
          note?.text ?? "",
          groupName(snapshot, lane.groupId),
          note ? round1(note.x) : null,
          r.text,
          r.groupId === null ? "Facilitator" : groupName(snapshot, r.groupId),
          r.author,
          r.createdAt ?? "",
          a.id,
          lane.groupId,
          note?.aspectId ?? "",
          r.noteId,
          r.id,
        ]);
      }
    }
  }
  return csvFile(REASONS_COLUMNS, rows);
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/**
 * The reasons each group gave for one aspect of the comparison (a row of `compareScale`), one list per
 * group in the workshop's group order, oldest first: the notes matched as the comparison matches them (a
 * prepared aspect by id, a group's own by its wording).
 */
export function reasonsForAspect(
  snapshot: WorkshopSnapshot,
  a: SnapshotScaleActivity,
  row: Pick<ComparisonRow, "aspect" | "aspectId">,
): SnapshotReason[][] {
  return snapshot.groups.map((g) => {
    const lane = a.lanes.find((l) => l.groupId === g.id);
    if (!lane) return [];
    const ids = new Set<string>(
      lane.notes
        .filter((n) =>
          row.aspectId !== null
            ? n.aspectId === row.aspectId
            : n.aspectId === null && normalise(n.text) === normalise(row.aspect),
        )
        .map((n) => n.id),
    );
    return (lane.reasons ?? []).filter((r) => ids.has(r.noteId));
  });
}

/** One aspect's positions and reasons per group: the write-up's table. */
export interface ReasonsRow extends ComparisonRow {
  /** Per group (in `snapshot.groups` order), oldest first. */
  readonly reasons: readonly (readonly SnapshotReason[])[];
}

/** The comparison's rows with the reasons beside each group's position; rows without any reason left out. */
export function reasonsTable(snapshot: WorkshopSnapshot, a: SnapshotScaleActivity): ReasonsRow[] {
  return compareScale(snapshot, a)
    .rows.map((r) => ({ ...r, reasons: reasonsForAspect(snapshot, a, r) }))
    .filter((r) => r.reasons.some((list) => list.length > 0));
}

/** The codebook's sections for the reasons and moves files, in the workshop's language. */
export function researchCodebook(snapshot: WorkshopSnapshot): string {
  return researchText(snapshot.workshop.language).codebook.research;
}

/**
 * The codebook's section on the statistics, in the workshop's language: the quantile method and the flags'
 * thresholds in force, each saying whether the facilitator set it.
 */
export function statsCodebook(snapshot: WorkshopSnapshot): string {
  const words = researchText(snapshot.workshop.language).codebook;
  const set = snapshot.workshop.statsThresholds ?? {};
  const t = { ...DEFAULT_STATS_THRESHOLDS, ...set };
  const cell = (key: keyof ThresholdCells) =>
    `${key} = ${t[key]}${key in set ? words.setHere(DEFAULT_STATS_THRESHOLDS[key]) : words.isDefault}`;
  return words.stats({
    agreeWithin: cell("agreeWithin"),
    middleBand: cell("middleBand"),
    differBy: cell("differBy"),
    wideSpread: cell("wideSpread"),
    minPeople: cell("minPeople"),
    movedBy: cell("movedBy"),
  });
}
