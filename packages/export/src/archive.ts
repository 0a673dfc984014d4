/**
 * The JSON archive: the snapshot itself, complete and versioned, and its import into fresh Y.Docs.
 *
 * The import keeps every id of the archive (workshop, groups, activities, aspects, columns, notes), so that
 * exporting an imported workshop gives back the same archive (`exportedAt` aside). Only the workshop id can
 * be replaced (`options.workshopId`): a server that already has a workshop with the archive's id imports it
 * under a new one. The documents are written by the model (`writeWorkshopContent`), which owns their layout;
 * this file reads the archive's JSON.
 *
 * Anyone may send an archive to a server, so reading one is bounded: the archive is checked against
 * `LIMITS` (size, activities, groups, notes, dots, text lengths) while it is read, in one pass over the
 * parsed JSON, and refused with an `ArchiveError` that says which bound it exceeds. Votes are a count per
 * note; the model writes a count as a bounded number of entries, never one per dot.
 */
import {
  type ActivityId,
  type AspectId,
  type ChartAbout,
  type Colour,
  type ColumnId,
  type GroupId,
  INSTRUCTIONS_MAX,
  importableVotes,
  LIMITS,
  MATERIAL_MAX,
  MAX_MOVES,
  type Move,
  type NoteId,
  type ParticipantId,
  REASON_TEXT_MAX,
  readColour,
  readDate,
  readFinite,
  readId,
  readMove,
  readNumber,
  readRound,
  readStatsThresholdsValue,
  readTakingPart,
  readVoting,
  readWorkshopLanguage,
  SCALE_MAX,
  SCALE_MIDDLE,
  SCALE_MIN,
  SCHEMA_VERSION,
  type StatsThresholds,
  truncate,
  type WorkshopContent,
  type WorkshopId,
  writeWorkshopContent,
} from "@continuum/model";
import { workshopDocName } from "@continuum/protocol";
import * as Y from "yjs";
import { readArchiveRounds, roundsToContent } from "./rounds.ts";
import {
  ARCHIVE_FORMAT,
  type IsoTime,
  type SnapshotActivity,
  type SnapshotChartNote,
  type SnapshotMove,
  type SnapshotReason,
  type SnapshotScaleNote,
  type WorkshopSnapshot,
} from "./snapshot.ts";

/** The archive as a file: pretty-printed JSON with a final newline (diffs well, reads well). */
export function toJson(snapshot: WorkshopSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** An archive that cannot be imported, with a sentence saying why. */
export class ArchiveError extends Error {}

/** 1000000 -> "1,000,000": the same in every locale, for messages. */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Refuses an archive with more than `max` of something; `what` reads "notes on one chart", etc. */
function atMost(n: number, max: number, what: string): void {
  if (n > max)
    throw new ArchiveError(`This archive has ${count(n)} ${what}; at most ${count(max)} are allowed.`);
}

/**
 * A text of the archive: `""` for anything but a string (bad values are dropped, as the model's readers
 * drop them), refused when longer than the limit the model keeps to (an export never has one).
 */
function text(v: unknown, max: number, what: string): string {
  if (typeof v !== "string") return "";
  if (truncate(v, max) !== v) {
    throw new ArchiveError(
      `This archive has ${what} longer than ${count(max)} characters, the most Continuum keeps.`,
    );
  }
  return v;
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function readIso(v: unknown): IsoTime {
  if (typeof v !== "string") return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}
const colour = (v: unknown): Colour => readColour(v);
const pos = (v: unknown): number => readNumber(v, SCALE_MIN, SCALE_MAX, SCALE_MIDDLE);

/** Whether a text takes more than `max` bytes in UTF-8; reads no further than it must, copies nothing. */
function overBytes(text: string, max: number): boolean {
  // Every UTF-16 unit is at least one byte, and at most three.
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is four bytes: two per unit.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes > max;
}

/** Counts what the whole archive holds while it is read, to refuse it as soon as a total is over its bound. */
class Totals {
  notes = 0;
  reasons = 0;
  moves = 0;
  addReasons(n: number): void {
    this.reasons += n;
    atMost(this.reasons, MAX_ARCHIVE_REASONS, "reasons");
  }
  addMoves(n: number): void {
    this.moves += n;
    atMost(this.moves, MAX_MOVES, "moves in the history");
  }
  addNotes(n: number): void {
    atMost(n, LIMITS.notesPerDocument, "notes on one lane, chart or board");
    this.notes += n;
    atMost(this.notes, LIMITS.archiveNotes, "notes");
  }
}

/** Items with a valid id, later duplicates of an id dropped (the documents are keyed by id). */
function uniqueById<T extends { id: string }>(items: (T | null)[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of items) {
    if (x === null || seen.has(x.id)) continue;
    seen.add(x.id);
    out.push(x);
  }
  return out;
}

/** The most reasons an archive may hold, over all its lanes (a busy workshop gives a few hundred). */
const MAX_ARCHIVE_REASONS = 20_000;

function readReason(v: unknown, groupIds: ReadonlySet<string>): SnapshotReason | null {
  const o = asObject(v);
  const id = readId<string>(o?.id);
  const noteId = readId<NoteId>(o?.noteId);
  if (!o || !id || !noteId) return null;
  const t = text(o.text, REASON_TEXT_MAX, "a reason").trim();
  if (t === "") return null;
  const groupId = readId<GroupId>(o.groupId);
  return {
    id,
    noteId,
    text: t,
    groupId: groupId && groupIds.has(groupId) ? groupId : null,
    author: text(o.author, LIMITS.name, "an author's name"),
    createdAt: readIso(o.createdAt),
  };
}

function readArchiveMove(v: unknown, groupIds: ReadonlySet<string>): SnapshotMove | null {
  const o = asObject(v);
  const groupId = readId<GroupId>(o?.groupId);
  if (!o || !groupId || !groupIds.has(groupId)) return null;
  const at = readIso(o.at);
  // The model's reader validates positions and ids the way the history document's reader does.
  const m = readMove({ ...o, activityId: "archive", at: at === null ? 0 : Date.parse(at) });
  if (!m) return null;
  if (typeof o.text === "string") text(o.text, LIMITS.noteText, "a note");
  return {
    groupId,
    noteId: m.noteId,
    aspectId: m.aspectId,
    text: m.text,
    fromX: m.fromX,
    fromY: m.fromY,
    toX: m.toX,
    toY: m.toY,
    at,
    author: text(o.author, LIMITS.name, "an author's name"),
    round: m.round,
  };
}

/** Only the thresholds an archive sets, each validated and clamped as the workshop document's reader does. */
function readThresholdSettings(v: unknown): Partial<StatsThresholds> {
  const o = asObject(v) ?? {};
  const all = readStatsThresholdsValue(o);
  const out: Partial<Record<keyof StatsThresholds, number>> = {};
  for (const key of Object.keys(all) as (keyof StatsThresholds)[])
    if (typeof o[key] === "number" && Number.isFinite(o[key])) out[key] = all[key];
  return out;
}

/** `{ rounds }` when the archive has them, else nothing. */
const withRounds = <T>(rounds: T | undefined) => (rounds ? { rounds } : {});

function readScaleNote(v: unknown): SnapshotScaleNote | null {
  const o = asObject(v);
  const id = readId<NoteId>(o?.id);
  if (!o || !id) return null;
  return {
    id,
    text: text(o.text, LIMITS.noteText, "a note"),
    colour: colour(o.colour),
    x: pos(o.x),
    y: pos(o.y),
    aspectId: readId<AspectId>(o.aspectId),
    author: text(o.author, LIMITS.name, "an author's name"),
    createdAt: readIso(o.createdAt),
    updatedAt: readIso(o.updatedAt),
  };
}

/** The dots on one note: a whole number, 0 for anything else; refused above what the activity can hold. */
function readVotes(v: unknown, most: number): number {
  const votes = Math.floor(readNumber(v, 0, Number.MAX_SAFE_INTEGER, 0));
  atMost(votes, most, "dots on one note");
  return votes;
}

function readChartNote(v: unknown, mostVotes: number): SnapshotChartNote | null {
  const o = asObject(v);
  const id = readId<NoteId>(o?.id);
  const columnId = readId<ColumnId>(o?.columnId);
  if (!o || !id || !columnId) return null;
  const participantId = readId<ParticipantId>(o.participantId);
  return {
    id,
    text: text(o.text, LIMITS.noteText, "a note"),
    colour: colour(o.colour),
    columnId,
    order: readFinite(o.order, 0),
    author: text(o.author, LIMITS.name, "an author's name"),
    groupId: readId<GroupId>(o.groupId),
    ...(participantId ? { participantId } : {}),
    votes: readVotes(o.votes, mostVotes),
    createdAt: readIso(o.createdAt),
    updatedAt: readIso(o.updatedAt),
    // Written for someone (OWN-4); absent in older archives, which read as notes their authors wrote.
    ...(typeof o.writtenFor === "string"
      ? {
          writtenFor: text(o.writtenFor, LIMITS.name, "a name"),
          ...(o.scribe === "facilitator" || o.scribe === "participant" ? { scribe: o.scribe } : {}),
        }
      : {}),
  };
}

function readItems<I extends string>(v: unknown, key: "text" | "title", max: number, what: string) {
  return uniqueById(
    asArray(v).map((x) => {
      const o = asObject(x);
      const id = readId<I>(o?.id);
      return o && id ? { id, text: text(o[key], max, what) } : null;
    }),
  );
}

function readActivity(v: unknown, groupIds: ReadonlySet<string>, totals: Totals): SnapshotActivity | null {
  const o = asObject(v);
  const id = readId<ActivityId>(o?.id);
  if (!o || !id) return null;
  const base = {
    id,
    title: text(o.title, LIMITS.title, "an activity title"),
    prompt: text(o.prompt, LIMITS.prompt, "an activity prompt"),
    order: readFinite(o.order, 0),
    locked: o.locked === true,
    takingPart: readTakingPart(o.takingPart),
    openBetweenMeetings: o.openBetweenMeetings === true,
    durationMs:
      typeof o.durationMs === "number" && o.durationMs > 0
        ? Math.round(readNumber(o.durationMs, 1, LIMITS.timerMs, 0))
        : null,
  };
  const { open, revealed, budget } = readVoting(asObject(o.voting));
  const voting = { open, revealed, budget };
  const columns = () =>
    readItems<ColumnId>(o.columns, "title", LIMITS.title, "a column title").map((c) => ({
      id: c.id,
      title: c.text,
    }));
  const notes = () => {
    const list = asArray(o.notes);
    totals.addNotes(list.length);
    // Every dot was placed by someone with `budget` dots: the activity's dots together are bounded too.
    const most = importableVotes(budget);
    const read = uniqueById(list.map((n) => readChartNote(n, most)));
    atMost(
      read.reduce((sum, n) => sum + n.votes, 0),
      most,
      "dots on one chart or board",
    );
    return read;
  };
  switch (o.kind) {
    case "scale": {
      const lanes = new Map<GroupId, SnapshotScaleNote[]>();
      const reasons = new Map<GroupId, SnapshotReason[]>();
      for (const l of asArray(o.lanes)) {
        const lane = asObject(l);
        const groupId = readId<GroupId>(lane?.groupId);
        if (groupId && groupIds.has(groupId) && !lanes.has(groupId)) {
          const list = asArray(lane?.notes);
          totals.addNotes(list.length);
          lanes.set(groupId, uniqueById(list.map(readScaleNote)));
          // Reasons came in after the first archives: absent reads as none.
          const why = asArray(lane?.reasons);
          totals.addReasons(why.length);
          reasons.set(groupId, uniqueById(why.map((r) => readReason(r, groupIds))));
        }
      }
      const moveList = asArray(o.moves);
      totals.addMoves(moveList.length);
      const moves = moveList.map((m) => readArchiveMove(m, groupIds)).filter((m) => m !== null);
      return {
        ...base,
        kind: "scale",
        leftLabel: text(o.leftLabel, LIMITS.name, "a scale label"),
        rightLabel: text(o.rightLabel, LIMITS.name, "a scale label"),
        aspects: readItems<AspectId>(o.aspects, "text", LIMITS.aspect, "an aspect"),
        revealed: [...new Set(asArray(o.revealed).map((g) => readId<GroupId>(g)))].filter(
          (g): g is GroupId => g !== null && groupIds.has(g),
        ),
        lanes: [...groupIds].map((g) => ({
          groupId: g as GroupId,
          notes: lanes.get(g as GroupId) ?? [],
          reasons: reasons.get(g as GroupId) ?? [],
        })),
        moves,
        ...withRounds(readArchiveRounds(o.rounds, groupIds, readScaleNote, (n) => totals.addNotes(n))),
      };
    }
    case "chart": {
      const about = asObject(o.about);
      const activityId = readId<ActivityId>(about?.activityId);
      const aspectId = readId<AspectId>(about?.aspectId);
      const chartAbout: ChartAbout = {
        text: text(about?.text, LIMITS.title, "a chart's subject"),
        ...(activityId ? { activityId } : {}),
        ...(aspectId ? { aspectId } : {}),
      };
      return { ...base, kind: "chart", about: chartAbout, columns: columns(), voting, notes: notes() };
    }
    case "board": {
      // Material and instructions came in after the first archives: absent reads as none.
      const cols = columns();
      const known = new Set<string>(cols.map((c) => c.id));
      const instructions: Record<string, string> = {};
      for (const [columnId, value] of Object.entries(asObject(o.instructions) ?? {})) {
        const t = text(value, INSTRUCTIONS_MAX, "a question's instructions");
        if (t && known.has(columnId)) instructions[columnId] = t;
      }
      return {
        ...base,
        kind: "board",
        columns: cols,
        voting,
        notes: notes(),
        material: text(o.material, MATERIAL_MAX, "a board's material"),
        instructions,
      };
    }
    default:
      return null;
  }
}

/**
 * Reads an archive (parsed JSON or its text), checking every value the way the model's readers do: bad
 * items are dropped, positions clamped. Throws `ArchiveError` for something that is not a Continuum archive
 * at all, one written by a newer version, or one over a bound of `LIMITS` (size, activities, groups, notes,
 * dots, text lengths): such an archive is refused as soon as the bound is seen, before any document is made.
 */
export function parseArchive(input: unknown): WorkshopSnapshot {
  let value = input;
  if (typeof input === "string") {
    if (overBytes(input, LIMITS.archiveBytes)) {
      throw new ArchiveError(
        `This archive is larger than ${LIMITS.archiveBytes / (1024 * 1024)} MB, the most Continuum imports.`,
      );
    }
    try {
      value = JSON.parse(input);
    } catch {
      throw new ArchiveError("The file is not valid JSON.");
    }
  }
  const o = asObject(value);
  if (!o || o.format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(
      `This is not a Continuum workshop archive (its "format" is not "${ARCHIVE_FORMAT}").`,
    );
  }
  const version = o.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new ArchiveError('The archive has no valid "schemaVersion".');
  }
  if (version > SCHEMA_VERSION) {
    throw new ArchiveError(
      `The archive was written by a newer version of Continuum (schema ${version}; this one reads up to ${SCHEMA_VERSION}).`,
    );
  }
  const w = asObject(o.workshop);
  if (!w) throw new ArchiveError('The archive has no "workshop".');
  const groupList = asArray(o.groups);
  atMost(groupList.length, LIMITS.archiveGroups, "groups");
  const activityList = asArray(o.activities);
  atMost(activityList.length, LIMITS.activities, "activities");
  const groups = uniqueById(
    groupList.map((g) => {
      const x = asObject(g);
      const id = readId<GroupId>(x?.id);
      if (!x || !id) return null;
      return {
        id,
        name: text(x.name, LIMITS.name, "a group name"),
        colour: colour(x.colour),
        order: readFinite(x.order, 0),
        createdAt: readIso(x.createdAt),
      };
    }),
  );
  const groupIds = new Set<string>(groups.map((g) => g.id));
  const totals = new Totals();
  return {
    format: ARCHIVE_FORMAT,
    // The model's readers turn every older version into this one, and so does this reader.
    schemaVersion: SCHEMA_VERSION,
    exportedAt: readIso(o.exportedAt) ?? new Date(0).toISOString(),
    workshop: {
      id: readId<WorkshopId>(w.id),
      title: text(w.title, LIMITS.title, "a workshop title"),
      date: readDate(w.date),
      description: text(w.description, LIMITS.prompt, "a workshop description"),
      anonymous: w.anonymous === true,
      meetingEnded: w.meetingEnded === true,
      createdAt: readIso(w.createdAt),
      statsThresholds: readThresholdSettings(w.statsThresholds),
      ...(readWorkshopLanguage(w.language) === "en" ? {} : { language: readWorkshopLanguage(w.language) }),
    },
    groups,
    activities: uniqueById(activityList.map((a) => readActivity(a, groupIds, totals))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Import

export interface ImportedWorkshop {
  readonly workshopId: WorkshopId;
  /** The workshop document. */
  readonly workshopDoc: Y.Doc;
  /** Every document of the workshop, the workshop document included, by document name. */
  readonly docs: Map<string, Y.Doc>;
}

export interface ImportOptions {
  /** The id of the new workshop; the archive's own id by default (required if the archive has none). */
  workshopId?: WorkshopId;
}

const ms = (t: IsoTime): number => (t === null ? 0 : Date.parse(t));

/** A snapshot as the model's content (times in ms), for the model to write into documents. */
export function snapshotToContent(s: WorkshopSnapshot): WorkshopContent {
  const moves: Move[] = [];
  for (const a of s.activities) {
    if (a.kind !== "scale") continue;
    for (const m of a.moves ?? [])
      moves.push({ ...m, activityId: a.id, at: ms(m.at), round: readRound(m.round) });
  }
  return {
    moves,
    meta: {
      id: s.workshop.id,
      title: s.workshop.title,
      date: s.workshop.date,
      description: s.workshop.description,
      anonymous: s.workshop.anonymous,
      createdAt: ms(s.workshop.createdAt),
      ...(s.workshop.language ? { language: s.workshop.language } : {}),
    },
    meetingEnded: s.workshop.meetingEnded,
    statsThresholds: { ...(s.workshop.statsThresholds ?? {}) },
    groups: s.groups.map((g) => ({ ...g, createdAt: ms(g.createdAt) })),
    activities: s.activities.map((a) => {
      if (a.kind === "scale") {
        const { rounds, ...scale } = a;
        return {
          ...scale,
          lanes: a.lanes.map((lane) => ({
            groupId: lane.groupId,
            notes: lane.notes.map((n) => ({ ...n, createdAt: ms(n.createdAt), updatedAt: ms(n.updatedAt) })),
            reasons: (lane.reasons ?? []).map((r) => ({ ...r, createdAt: ms(r.createdAt) })),
          })),
          ...(rounds ? { rounds: roundsToContent(rounds) } : {}),
        };
      }
      const notes = a.notes.map((n) => ({ ...n, createdAt: ms(n.createdAt), updatedAt: ms(n.updatedAt) }));
      return a.kind === "chart" ? { ...a, notes } : { ...a, notes };
    }),
  };
}

/**
 * Reads an archive (`parseArchive`: bounded, refused with an `ArchiveError` when over a bound) and builds
 * fresh Y.Docs from it with the model's `writeWorkshopContent`, in the model's current layout. Accepts
 * anything `parseArchive` accepts, a snapshot it returned included (read again: cheap, and bounded).
 */
export function importArchive(archive: unknown, options: ImportOptions = {}): ImportedWorkshop {
  const s = parseArchive(archive);
  const workshopId = options.workshopId ?? s.workshop.id;
  if (!workshopId) throw new ArchiveError("The archive has no workshop id; give one to import it.");
  const docs = writeWorkshopContent(snapshotToContent(s), workshopId);
  const workshopDoc = docs.get(workshopDocName(workshopId)) as Y.Doc;
  return { workshopId, workshopDoc, docs };
}

/** The import as one Yjs update per document, ready for `Store.appendUpdate`. */
export function importArchiveUpdates(archive: unknown, options: ImportOptions = {}): Map<string, Uint8Array> {
  const { docs } = importArchive(archive, options);
  const out = new Map<string, Uint8Array>();
  for (const [name, doc] of docs) {
    out.set(name, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return out;
}
