/**
 * CSV exports: a tidy table (one row per note or placement), the comparison between groups, and the
 * codebook that explains both. UTF-8 with a byte order mark (so spreadsheet programs pick the right
 * encoding), CRLF line ends and RFC 4180 quoting.
 */
import { compareScale } from "./compare.ts";
import { exportText } from "./i18n.ts";
import { mdText } from "./markdown.ts";
import { researchCodebook, statsCodebook } from "./research.ts";
import { roundsCodebook } from "./rounds.ts";
import { columnTitle, groupName, round1, type SnapshotActivity, type WorkshopSnapshot } from "./snapshot.ts";

export const BOM = "\uFEFF";

/** A text cell or a number cell. Numbers are never neutralised: `-5` is a value, not a formula. */
export type Cell = string | number | null;

/** Characters that make a spreadsheet read a text cell as a formula (tab and CR too, as OWASP advises). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell that a spreadsheet would run as a formula, by putting a single quote before it. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = typeof cell === "number" ? String(cell) : neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: BOM, header, rows, CRLF after every record. */
export function csvFile(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  return `${BOM}${lines.map((l) => `${l}\r\n`).join("")}`;
}

export const TIDY_COLUMNS = [
  "workshop",
  "workshop_date",
  "activity",
  "activity_kind",
  "group",
  "aspect",
  "note",
  "position",
  "column",
  "votes",
  "author",
  "created",
  "updated",
  "activity_id",
  "group_id",
  "aspect_id",
  "note_id",
  // Added last (issue 13), so scripts that read the columns by position keep working.
  "participant_id",
  // Notes typed for someone else (OWN-4, issue 17), after the others for the same reason.
  "written_for",
  "scribe_kind",
  "scribe",
  "scribe_participant_id",
] as const;

function activityRows(s: WorkshopSnapshot, a: SnapshotActivity): Cell[][] {
  const w = s.workshop;
  const rows: Cell[][] = [];
  if (a.kind === "scale") {
    for (const lane of a.lanes) {
      for (const n of lane.notes) {
        const prepared = n.aspectId ? a.aspects.find((x) => x.id === n.aspectId) : undefined;
        rows.push([
          w.title,
          w.date,
          a.title,
          a.kind,
          groupName(s, lane.groupId),
          prepared?.text ?? n.text,
          n.text,
          round1(n.x),
          "",
          null,
          n.author,
          n.createdAt ?? "",
          n.updatedAt ?? "",
          a.id,
          lane.groupId,
          n.aspectId ?? "",
          n.id,
          // A lane is its group's: any member moves any of its notes, and the server stamps no author.
          "",
          "",
          "",
          "",
          "",
        ]);
      }
    }
    return rows;
  }
  for (const n of a.notes) {
    // A note written for someone is credited to them: `author` and `participant_id` say whose it is, the
    // scribe columns who typed it.
    const typed = n.writtenFor !== undefined;
    rows.push([
      w.title,
      w.date,
      a.title,
      a.kind,
      groupName(s, n.groupId),
      a.kind === "chart" ? a.about.text : "",
      n.text,
      null,
      columnTitle(a.columns, n.columnId),
      n.votes,
      typed ? n.writtenFor : n.author,
      n.createdAt ?? "",
      n.updatedAt ?? "",
      a.id,
      n.groupId ?? "",
      a.kind === "chart" ? (a.about.aspectId ?? "") : "",
      n.id,
      typed ? "" : (n.participantId ?? ""),
      typed ? n.writtenFor : "",
      typed ? (n.scribe ?? "") : "",
      typed ? n.author : "",
      typed ? (n.participantId ?? "") : "",
    ]);
  }
  return rows;
}

/** The tidy table: one row per note on a scale, chart or board, in agenda order. */
export function toCsv(snapshot: WorkshopSnapshot): string {
  return csvFile(
    TIDY_COLUMNS,
    snapshot.activities.flatMap((a) => activityRows(snapshot, a)),
  );
}

/**
 * The comparison: one row per aspect of each scale activity, one position column per group (headed by the
 * group's name), and the gap. Positions and gaps have one decimal; blank where a group did not place it.
 */
export function toComparisonCsv(snapshot: WorkshopSnapshot): string {
  const header = [
    "workshop",
    "activity",
    "aspect",
    "aspect_source",
    ...snapshot.groups.map((g) => g.name),
    "gap",
    "activity_id",
    "aspect_id",
  ];
  const rows: Cell[][] = [];
  for (const a of snapshot.activities) {
    if (a.kind !== "scale") continue;
    for (const r of compareScale(snapshot, a).rows) {
      rows.push([
        snapshot.workshop.title,
        a.title,
        r.aspect,
        r.source,
        ...r.positions.map((p) => (p === null ? null : round1(p))),
        r.gap === null ? null : round1(r.gap),
        a.id,
        r.aspectId ?? "",
      ]);
    }
  }
  // A header cell is text like any other: a group named "=cmd" is neutralised too (csvField does it).
  return csvFile(header, rows);
}

/**
 * What each column of both CSV files means. Plain Markdown, shipped next to the CSV files, in the workshop's
 * language (`i18n.ts`); the column names are the files' own English identifiers in every language.
 */
export function codebook(snapshot: WorkshopSnapshot): string {
  const w = snapshot.workshop;
  const c = exportText(w.language).codebook;
  const table = (rows: Readonly<Record<string, string>>) =>
    Object.entries(rows)
      .map(([column, meaning]) => `| ${column} | ${meaning} |`)
      .join("\n");
  const groupNames = snapshot.groups.map((g) => `"${mdText(g.name)}"`).join(", ") || c.noneHere;
  const { groups, gap, ...comparisonIds } = c.comparison;
  const { "activity_id, aspect_id": ids, ...comparisonFirst } = comparisonIds;
  // The codebook is Markdown: the workshop's title and the groups' names are escaped as in the report.
  return `# ${c.title(mdText(w.title) || exportText(w.language).untitledWorkshop)}

${c.exported(snapshot.exportedAt, snapshot.schemaVersion)}

${c.format}

${c.formula}

${w.anonymous ? c.anonymous : c.named}

## ${c.notesFile}

${c.columnMeaning}
| --- | --- |
${table(c.notes)}

## ${c.comparisonFile}

${c.columnMeaning}
| --- | --- |
${table(comparisonFirst)}
| ${c.groupColumns(groupNames)} | ${groups} |
| gap | ${gap} |
| activity_id, aspect_id | ${ids} |
${researchCodebook(snapshot)}${roundsCodebook(snapshot)}${statsCodebook(snapshot)}`;
}
