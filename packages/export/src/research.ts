/**
 * The research files of a scale: the reasons behind each placement (one row per reason) and the history of
 * moves (one row per move, long format: readable with `read.csv` in R or `pandas.read_csv` in Python with no
 * reshaping), and the reasons side by side per aspect for the reports. Pure functions of the snapshot.
 */
import { DEFAULT_STATS_THRESHOLDS, QUANTILE_METHOD } from "@continuum/model";
import { type ComparisonRow, compareScale } from "./compare.ts";
import { type Cell, csvFile } from "./csv.ts";
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

/** The codebook's sections for the reasons and moves files. */
export function researchCodebook(): string {
  return `
## Reasons file (\`…-reasons.csv\`): one row per reason given for a placement

| column | meaning |
| --- | --- |
| workshop, activity | As above. |
| aspect | The prepared aspect the note places (current wording), or the note's own text. |
| note | The note's text. |
| group | The group whose lane the note is in. |
| position | Where the note is now, 0 to 100, one decimal; blank if the note was since taken off the scale. |
| reason | What someone in the group wrote ("why here"), at most 500 characters. |
| author_group | The group of the person who wrote it, as the server stamped it from their link; \`Facilitator\` for the facilitator. |
| participant | Their display name; blank in anonymous workshops (the server does not store it then). |
| time | When it was written (server clock), ISO 8601 UTC. |
| activity_id, group_id, aspect_id, note_id, reason_id | Stable ids, to join with the notes file and the JSON archive. |

## Moves file (\`…-moves.csv\`): one row per move of a note on a sliding scale (long format)

Every change of a note's place on a group's lane, recorded by the server as it applied it: placing a note
(\`kind\` = \`place\`), moving it (\`move\`) and taking it off the scale (\`remove\`). A drag is one move
(the board writes a position when the note is dropped; a keyboard step is one move). Rows are in time
order within each activity. Read it directly: \`read.csv("…-moves.csv")\` in R,
\`pandas.read_csv("…-moves.csv")\` in Python; one row is one observation, no reshaping is needed.

| column | meaning |
| --- | --- |
| workshop, activity | As above. |
| group | The group whose lane it is. |
| aspect | The prepared aspect the note places, or the note's own text. |
| note | The note's text when it moved. |
| round | \`group\` (the group round; every workshop without rounds), \`individual\` or \`second\` (the round the activity was in when the move was made). |
| kind | \`place\`, \`move\` or \`remove\`. |
| from_x, to_x | Position before and after, 0 (left end) to 100 (right end), one decimal; \`from_x\` blank for \`place\`, \`to_x\` blank for \`remove\`. |
| change | \`to_x - from_x\`: positive towards the right end, negative towards the left; blank for \`place\` and \`remove\`. |
| from_y, to_y | Vertical place on the lane (0 top to 100 bottom); carries no meaning, kept for the replay. |
| time | When the server applied the move, ISO 8601 UTC with milliseconds. |
| seconds | Seconds since the activity's first recorded move (a number, for plotting). |
| sequence | 1, 2, 3 … within the activity, in time order. |
| author | Who moved it; blank in anonymous workshops (the server does not store it then) and when unknown. |
| activity_id, group_id, aspect_id, note_id | Stable ids; \`aspect_id\` blank for a group's own aspect. |
`;
}

/** The codebook's section on the statistics: the quantile method and the flags' thresholds in force. */
export function statsCodebook(snapshot: WorkshopSnapshot): string {
  const set = snapshot.workshop.statsThresholds ?? {};
  const t = { ...DEFAULT_STATS_THRESHOLDS, ...set };
  const note = (key: keyof typeof t) =>
    key in set
      ? ` (set for this workshop; the default is ${DEFAULT_STATS_THRESHOLDS[key]})`
      : " (the default)";
  return `
## Statistics and plain-language flags

Positions are points on the 0 to 100 scale. Medians and quartiles of individual placements use
${QUANTILE_METHOD}: for the values sorted \`x(1) ≤ … ≤ x(n)\`, \`h = (n - 1) p\` and
\`j = floor(h) + 1\`, the \`p\` quantile is \`x(j) + (h + 1 - j) (x(j + 1) - x(j))\`. The interquartile range (IQR) is
the third quartile minus the first; the spread is the IQR. Movement between two rounds is the later
position minus the earlier (positive towards the right end).

The comparison shows sentences for lay readers, decided by these thresholds; the facilitator can change
each for a workshop:

| flag | when | threshold in this workshop |
| --- | --- | --- |
| "Both groups see this as …" (or "… put this in the middle") | the groups' positions are at most \`agreeWithin\` apart; "in the middle" when their mean is within \`middleBand\` of 50 | agreeWithin = ${t.agreeWithin}${note("agreeWithin")}; middleBand = ${t.middleBand}${note("middleBand")} |
| "A lean towards …; B towards …" | the groups furthest apart are at least \`differBy\` apart | differBy = ${t.differBy}${note("differBy")} |
| "A and B are N points apart" | between the two | |
| "A did not agree among themselves (wide spread)" | a group's individual placements have an IQR of at least \`wideSpread\`, with at least \`minPeople\` placements | wideSpread = ${t.wideSpread}${note("wideSpread")}; minPeople = ${t.minPeople}${note("minPeople")} |
| "A mostly agreed among themselves" | that IQR is at most \`agreeWithin\` (same minimum of people) | |
| "A moved this towards … (by N points)" | a group's position changed by at least \`movedBy\` between rounds | movedBy = ${t.movedBy}${note("movedBy")} |
`;
}
