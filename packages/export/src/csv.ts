/**
 * CSV exports: a tidy table (one row per note or placement), the comparison between groups, and the
 * codebook that explains both. UTF-8 with a byte order mark (so spreadsheet programs pick the right
 * encoding), CRLF line ends and RFC 4180 quoting.
 */
import { compareScale } from "./compare.ts";
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
        ]);
      }
    }
    return rows;
  }
  for (const n of a.notes) {
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
      n.author,
      n.createdAt ?? "",
      n.updatedAt ?? "",
      a.id,
      n.groupId ?? "",
      a.kind === "chart" ? (a.about.aspectId ?? "") : "",
      n.id,
      n.participantId ?? "",
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

/** What each column of both CSV files means. Plain Markdown, shipped next to the CSV files. */
export function codebook(snapshot: WorkshopSnapshot): string {
  const w = snapshot.workshop;
  const anon = w.anonymous
    ? "This workshop was anonymous: `author` is blank in every row; `group` is kept."
    : "This workshop was not anonymous: `author` is the display name people typed when joining.";
  // The codebook is Markdown: the workshop's title and the groups' names are escaped as in the report.
  return `# Codebook: ${mdText(w.title) || "Untitled workshop"}

Exported ${snapshot.exportedAt} from Continuum (schema version ${snapshot.schemaVersion}).

Both CSV files are UTF-8 with a byte order mark, comma separated, with CRLF line ends and quoting as in
RFC 4180 (a cell with a comma, a double quote or a line break is put in double quotes, and a double quote
inside it is doubled). Times are ISO 8601 in UTC (\`2023-02-15T10:30:00.000Z\`); blank when unknown.

**Formula protection.** A *text* cell that begins with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return
has a single quote (\`'\`) put before it, so that a spreadsheet shows it as text instead of running it as a
formula. A note that reads \`-5 sessions\` therefore appears as \`'-5 sessions\`; remove the leading quote
if you process the file with a script. *Number* cells (\`position\`, \`votes\`, group positions, \`gap\`)
are never changed: a position is always between 0 and 100 and a count is never negative.

${anon}

## ${fileHint("notes")}: one row per note

| column | meaning |
| --- | --- |
| workshop | The workshop's title. |
| workshop_date | The workshop's date, \`YYYY-MM-DD\`; blank if not set. |
| activity | The activity's title, as on the agenda. |
| activity_kind | \`scale\` (sliding scale, one lane per group), \`chart\` (e.g. pros, cons and implications) or \`board\` (prompt board). |
| group | Scale: the group whose lane the note is in. Chart and board: the group of the person who wrote it; blank for the facilitator or a group since removed. |
| aspect | Scale: the prepared aspect the note places (its current wording), or the note's own text when the group wrote the aspect itself. Chart: what the chart is about. Board: blank. |
| note | The text on the note (for a prepared aspect, its wording when it was placed). |
| position | Scale only: where the note sits, from 0 (the left end, e.g. "About choice") to 100 (the right end, e.g. "Set in stone"), rounded to one decimal. The JSON archive keeps the exact value. |
| column | Chart: the column (e.g. Pros, Cons, Implications). Board: the prompt. "(removed column)" when the column was deleted after the note was written. Blank for scales. |
| votes | Chart and board: dots from all voters on the note (0 when none), counting at most the activity's budget of dots per voter, as the board does. Blank for scales. |
| author | Display name of the person who wrote or placed the note. Blank in anonymous workshops. |
| created | When the note was written (the writer's device clock). |
| updated | When the note was last moved or edited. |
| activity_id, group_id, aspect_id, note_id | Stable ids, to join rows with the comparison file or the JSON archive. \`aspect_id\` is blank for a group's own aspect (scale) and for a chart that is not about a prepared aspect. |
| participant_id | Chart and board: a pseudonymous id of the person who wrote the note (e.g. \`pk3m9x2q4rtb\`), issued at random by the server when they joined and stamped on the note by the server, so it cannot be claimed by a device. The same person has the same id in every row and every export of this workshop, on every device they used (a shared tablet gives each person their own), and it is kept in anonymous workshops: count people, or follow one person's notes, without names. Only the facilitator's list of people links an id to a name. Blank for scale notes (a lane is its group's, moved by any member), for the facilitator's notes, and for notes written before ids were issued or brought in by an import. |

## ${fileHint("comparison")}: one row per aspect of each sliding scale

| column | meaning |
| --- | --- |
| workshop, activity | As above. |
| aspect | A prepared aspect (current wording), or an aspect a group wrote itself. |
| aspect_source | \`prepared\` by the facilitator, or \`group\` (written by a group; notes of different groups with the same wording, ignoring case and spacing, count as one aspect). |
| one column per group (${snapshot.groups.map((g) => `"${mdText(g.name)}"`).join(", ") || "none in this workshop"}) | Where that group placed the aspect, 0 to 100, one decimal; the mean when the group has more than one note for it; blank when the group did not place it. |
| gap | The distance between the two groups furthest apart (highest minus lowest position); blank when fewer than two groups placed the aspect. 0 means full agreement, 100 opposite ends. |
| activity_id, aspect_id | Stable ids; \`aspect_id\` is blank for a group's own aspect. |
${researchCodebook()}${roundsCodebook()}${statsCodebook(snapshot)}`;
}

const fileHint = (which: "notes" | "comparison"): string =>
  which === "notes" ? "Notes file (`…-notes.csv`)" : "Comparison file (`…-comparison.csv`)";
