/**
 * A chart document (pros, cons and implications) or a prompt board document: the same shape, told apart by
 * `meta.kind`. Shared by all groups, so every note records its author's group: the write-up reports which
 * comments came from which group.
 *
 * - `meta` Y.Map: `schemaVersion`, `kind` ("chart" | "board"), `workshopId`, `activityId`
 * - `notes` Y.Map<NoteId, Y.Map{ text, colour, columnId, order, author, groupId, createdAt, updatedAt }>, and
 *   optionally `writtenFor` and `scribe` (a note typed for someone else, OWN-4: see `ChartNote`)
 * - `votes` Y.Map<`${noteId}:${voterId}`, number of dots>
 */
import type { ParticipantId } from "@continuum/protocol";
import * as Y from "yjs";
import type { Column } from "./activities.ts";
import { type Colour, DEFAULT_COLOUR, readColour } from "./colours.ts";
import {
  type ActivityId,
  type ColumnId,
  type GroupId,
  isId,
  type NoteId,
  newNoteId,
  type WorkshopId,
} from "./ids.ts";
import { readSchemaVersion } from "./migrations.ts";
import { notesMap, patchNote } from "./notes.ts";
import { metaMap, SCHEMA_VERSION } from "./schema.ts";
import {
  asYMap,
  byOrderThenId,
  compareStrings,
  LIMITS,
  orderAfter,
  orderAt,
  readEntries,
  readFinite,
  readId,
  readNumber,
  readString,
  readTime,
  truncate,
} from "./validate.ts";

export interface ChartNote {
  readonly id: NoteId;
  /** What the note says. */
  readonly text: string;
  readonly colour: Colour;
  /** The column it sits in; may name a column since removed (see `groupChartNotes`). */
  readonly columnId: ColumnId;
  /** Fractional position within its column: a move writes one number; ties (concurrent appends) broken by id. */
  readonly order: number;
  /**
   * Display name of whoever wrote it; not an identity. "" in an anonymous workshop: the server keeps no name
   * there (ANON-2), and the writer's own screen shows theirs from the session.
   */
  readonly author: string;
  /** The author's group, shown on the note; null for the facilitator or an unknown group. */
  readonly groupId: GroupId | null;
  /** Creation time (ms); 0 if unknown. */
  readonly createdAt: number;
  /** Last change (ms); 0 if unknown. */
  readonly updatedAt: number;
  /**
   * Who wrote it, as the server stamped it (OWN-1): they may change or remove it. Null for notes from before
   * participant ids, and the facilitator's.
   */
  readonly participantId: ParticipantId | null;
  /**
   * Set when someone typed the note for another person who said it aloud (OWN-4): that person's name as the
   * writer gave it, "" when they gave none. The note is then credited to that person and to `groupId`;
   * `author` and `participantId` stay who typed it. Absent (not a string) on every other note.
   */
  readonly writtenFor?: string;
  /** Who typed a note written for someone (OWN-4), stamped by the server from their token; absent otherwise. */
  readonly scribe?: Scribe;
}

/** Who typed a note written for someone else: the facilitator, or a member of the note's group. */
export type Scribe = "facilitator" | "participant";

/**
 * The "written for" fields of a note map, read strictly: `writtenFor` only when it is a string, `scribe`
 * only when it is one of the two literal kinds and the note is written for someone. Spread into a note.
 */
export function readWrittenFor(m: Y.Map<unknown>): { writtenFor?: string; scribe?: Scribe } {
  const raw = m.get("writtenFor");
  if (typeof raw !== "string") return {};
  const scribe = m.get("scribe");
  return {
    writtenFor: truncate(raw, LIMITS.name),
    ...(scribe === "facilitator" || scribe === "participant" ? { scribe } : {}),
  };
}

/**
 * The name a note is credited to, as people see it: the person it was written for when it was, otherwise
 * its author. Pass the result to `attribute` in place of `author`.
 */
export function creditedName(note: { readonly author: string; readonly writtenFor?: string }): string {
  return note.writtenFor ?? note.author;
}

/** What a chart or board document says about itself. */
export interface ChartMeta {
  /** 0 when unversioned (see migrations.ts). */
  readonly schemaVersion: number;
  /** Charts and boards share a shape; the kind says which UI renders it. Null if missing or unknown. */
  readonly kind: "chart" | "board" | null;
  /** The workshop it belongs to; null if missing or invalid. */
  readonly workshopId: WorkshopId | null;
  /** The chart or board activity it belongs to. */
  readonly activityId: ActivityId | null;
}

const votesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("votes");

/** Stamps a new chart or board document. Does nothing if it already has a kind. */
export function initChart(
  doc: Y.Doc,
  ids: { workshopId: WorkshopId; activityId: ActivityId; kind?: "chart" | "board" },
): void {
  const meta = metaMap(doc);
  if (meta.get("kind") !== undefined) return;
  doc.transact(() => {
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("kind", ids.kind ?? "chart");
    meta.set("workshopId", ids.workshopId);
    meta.set("activityId", ids.activityId);
  });
}

export function readChartMeta(doc: Y.Doc): ChartMeta {
  const meta = metaMap(doc);
  const kind = meta.get("kind");
  return {
    schemaVersion: readSchemaVersion(doc),
    kind: kind === "chart" || kind === "board" ? kind : null,
    workshopId: readId<WorkshopId>(meta.get("workshopId")),
    activityId: readId<ActivityId>(meta.get("activityId")),
  };
}

/** Reads one note; null if it is not a Y.Map or has no valid column id (it could not be shown anywhere). */
function readChartNote(id: NoteId, value: unknown): ChartNote | null {
  const m = asYMap(value);
  if (!m) return null;
  const columnId = readId<ColumnId>(m.get("columnId"));
  if (!columnId) return null;
  return {
    id,
    text: readString(m.get("text"), LIMITS.noteText),
    colour: readColour(m.get("colour")),
    columnId,
    order: readFinite(m.get("order"), 0),
    author: readString(m.get("author"), LIMITS.name),
    groupId: readId<GroupId>(m.get("groupId")),
    createdAt: readTime(m.get("createdAt")),
    updatedAt: readTime(m.get("updatedAt")),
    participantId: readId<ParticipantId>(m.get("participantId")),
    ...readWrittenFor(m),
  };
}

/** Every valid note, sorted by order then id (so each column's notes are in column order). */
export function listChartNotes(doc: Y.Doc): ChartNote[] {
  return readEntries<NoteId, ChartNote>(notesMap(doc), readChartNote, byOrderThenId);
}

export function getChartNote(doc: Y.Doc, id: NoteId): ChartNote | undefined {
  return readChartNote(id, notesMap(doc).get(id)) ?? undefined;
}

/**
 * Notes grouped under the activity's columns, in column order. Notes whose column no longer exists are
 * returned as `orphans` rather than dropped, so the facilitator can move them.
 */
export function groupChartNotes(
  columns: readonly Column[],
  notes: readonly ChartNote[],
): { columns: { column: Column; notes: ChartNote[] }[]; orphans: ChartNote[] } {
  const byId = new Map<string, ChartNote[]>(columns.map((c) => [c.id, []]));
  const orphans: ChartNote[] = [];
  for (const n of notes) (byId.get(n.columnId) ?? orphans).push(n);
  return { columns: columns.map((column) => ({ column, notes: byId.get(column.id) ?? [] })), orphans };
}

const ordersIn = (doc: Y.Doc, columnId: ColumnId, except?: NoteId): number[] =>
  listChartNotes(doc)
    .filter((n) => n.columnId === columnId && n.id !== except)
    .map((n) => n.order);

export interface AddChartNoteInput {
  columnId: ColumnId;
  text: string;
  author: string;
  groupId: GroupId | null;
  colour?: Colour;
  now?: number;
  id?: NoteId;
  /**
   * Typing it for someone else (OWN-4): their name ("" for none). The server stamps who typed it (`scribe`)
   * and, for a participant, their own group whatever `groupId` says.
   */
  writtenFor?: string;
  /**
   * Who is typing it, with `writtenFor`: so the writer's screen says so before the server's stamp arrives
   * (the server replaces it with the token's, OWN-4).
   */
  scribe?: Scribe;
}

/** Adds a note at the end of its column. */
export function addChartNote(doc: Y.Doc, input: AddChartNoteInput): NoteId {
  const id = input.id ?? newNoteId();
  const now = input.now ?? Date.now();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set("text", truncate(input.text, LIMITS.noteText));
    m.set("colour", readColour(input.colour ?? DEFAULT_COLOUR));
    m.set("columnId", input.columnId);
    m.set("order", orderAfter(ordersIn(doc, input.columnId)));
    m.set("author", truncate(input.author, LIMITS.name));
    m.set("groupId", input.groupId);
    if (input.writtenFor !== undefined) {
      m.set("writtenFor", truncate(input.writtenFor.trim(), LIMITS.name));
      if (input.scribe) m.set("scribe", input.scribe);
    }
    m.set("createdAt", now);
    m.set("updatedAt", now);
    notesMap(doc).set(id, m);
  });
  return id;
}

/** Moves a note to `index` (clamped) within `columnId`, which may be its own column. */
export function moveChartNote(
  doc: Y.Doc,
  id: NoteId,
  columnId: ColumnId,
  index: number,
  now: number = Date.now(),
): boolean {
  const m = asYMap(notesMap(doc).get(id));
  if (!m) return false;
  doc.transact(() => {
    m.set("columnId", columnId);
    m.set("order", orderAt(ordersIn(doc, columnId, id), index));
    m.set("updatedAt", now);
  });
  return true;
}

/** Changes a note's text or colour. */
export function editChartNote(
  doc: Y.Doc,
  id: NoteId,
  patch: { text?: string; colour?: Colour },
  now: number = Date.now(),
): boolean {
  return patchNote(doc, id, patch, now);
}

/** Removes a note and the votes on it. */
export function removeChartNote(doc: Y.Doc, id: NoteId): boolean {
  const notes = notesMap(doc);
  if (!notes.has(id)) return false;
  doc.transact(() => {
    notes.delete(id);
    const votes = votesMap(doc);
    for (const key of Array.from(votes.keys())) if (key.startsWith(`${id}:`)) votes.delete(key);
  });
  return true;
}

// Dot voting ---------------------------------------------------------------------------------------------
// One key per (note, voter) rather than a counter per note: two voters voting at once write different keys,
// so no vote is lost in a merge. A voter id is whatever stable id the app gives a person (it must pass isId).

/** The key of one voter's dots on one note; ids cannot contain `:`. */
export const voteKey = (noteId: NoteId, voterId: string): string => `${noteId}:${voterId}`;

const readDots = (value: unknown): number => Math.floor(readNumber(value, 0, LIMITS.dotsPerNote, 0));

function parseVoteKey(key: string): { noteId: NoteId; voterId: string } | null {
  const [noteId, voterId, extra] = key.split(":");
  if (extra !== undefined || !isId(noteId) || !isId(voterId)) return null;
  return { noteId: noteId as NoteId, voterId };
}

/** Places one more dot on a note. Returns the voter's dots on it afterwards (unchanged if invalid). */
export function castVote(doc: Y.Doc, noteId: NoteId, voterId: string): number {
  const key = voteKey(noteId, voterId);
  const current = readDots(votesMap(doc).get(key));
  if (!isId(voterId) || !asYMap(notesMap(doc).get(noteId)) || current >= LIMITS.dotsPerNote) return current;
  doc.transact(() => votesMap(doc).set(key, current + 1));
  return current + 1;
}

/** Takes one of the voter's dots off a note. Returns the voter's dots on it afterwards. */
export function retractVote(doc: Y.Doc, noteId: NoteId, voterId: string): number {
  const key = voteKey(noteId, voterId);
  const votes = votesMap(doc);
  if (!votes.has(key)) return 0;
  const next = Math.max(0, readDots(votes.get(key)) - 1);
  doc.transact(() => {
    if (next === 0) votes.delete(key);
    else votes.set(key, next);
  });
  return next;
}

/** Every valid vote entry on a note that exists: `[noteId, voterId, dots]`, sorted by voter then note. */
function voteEntries(doc: Y.Doc): { noteId: NoteId; voterId: string; dots: number }[] {
  const notes = notesMap(doc);
  const out: { noteId: NoteId; voterId: string; dots: number }[] = [];
  for (const [key, value] of votesMap(doc)) {
    const parsed = parseVoteKey(key);
    const dots = readDots(value);
    // Votes cast concurrently with a note's removal outlive it; they count for nothing.
    if (!parsed || dots === 0 || !asYMap(notes.get(parsed.noteId))) continue;
    out.push({ ...parsed, dots });
  }
  return out.sort((a, b) => compareStrings(a.voterId, b.voterId) || compareStrings(a.noteId, b.noteId));
}

/**
 * Dots per note, for notes that exist and have at least one.
 *
 * The budget of dots per person is enforced by the client (`placeDot`): the chart document is writable by
 * every participant, so the server cannot stop a modified client from writing more. Pass the vote's
 * `budget` and each voter counts for at most that many dots, taken in note-id order so every replica and
 * every export agrees; without it every stored dot counts (up to `LIMITS.dotsPerNote` per note and voter).
 */
export function voteCounts(doc: Y.Doc, budget?: number): Map<NoteId, number> {
  const out = new Map<NoteId, number>();
  const cap = budget === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(budget));
  let voter: string | null = null;
  let left = cap;
  for (const e of voteEntries(doc)) {
    if (e.voterId !== voter) {
      voter = e.voterId;
      left = cap;
    }
    const dots = Math.min(e.dots, left);
    left -= dots;
    if (dots > 0) out.set(e.noteId, (out.get(e.noteId) ?? 0) + dots);
  }
  return out;
}

/** How many people have at least one dot on a note that exists. */
export function voterCount(doc: Y.Doc): number {
  return new Set(voteEntries(doc).map((e) => e.voterId)).size;
}

/** Dots a voter has placed in this chart, on notes that exist. */
export function dotsUsed(doc: Y.Doc, voterId: string): number {
  let n = 0;
  for (const e of voteEntries(doc)) if (e.voterId === voterId) n += e.dots;
  return n;
}

/**
 * Places one of the voter's dots on a note if they have one left of `budget`. Returns true if it placed one.
 * This is the client-side enforcement of the budget (see `voteCounts`).
 */
export function placeDot(doc: Y.Doc, noteId: NoteId, voterId: string, budget: number): boolean {
  if (dotsUsed(doc, voterId) >= budget) return false;
  const before = readDots(votesMap(doc).get(voteKey(noteId, voterId)));
  return castVote(doc, noteId, voterId) > before;
}

/** Takes one of the voter's dots back from a note. Returns true if there was one. */
export function takeBackDot(doc: Y.Doc, noteId: NoteId, voterId: string): boolean {
  const before = readDots(votesMap(doc).get(voteKey(noteId, voterId)));
  return before > 0 && retractVote(doc, noteId, voterId) < before;
}

/** Removes every dot, for a fresh round of voting (facilitator). */
export function clearVotes(doc: Y.Doc): void {
  const votes = votesMap(doc);
  if (votes.size === 0) return;
  doc.transact(() => {
    for (const key of Array.from(votes.keys())) votes.delete(key);
  });
}

/** Notes sorted by dots (most first), ties in their column order: for "sort by votes" after the reveal. */
export function sortByVotes<N extends { id: NoteId }>(notes: readonly N[], counts: Map<NoteId, number>): N[] {
  return notes
    .map((n, i) => ({ n, i, c: counts.get(n.id) ?? 0 }))
    .sort((a, b) => b.c - a.c || a.i - b.i)
    .map(({ n }) => n);
}

/** One voter's dots per note (e.g. to show "you have used 3 of 5 dots"). */
export function votesBy(doc: Y.Doc, voterId: string): Map<NoteId, number> {
  const notes = notesMap(doc);
  const out = new Map<NoteId, number>();
  for (const [key, value] of votesMap(doc)) {
    const parsed = parseVoteKey(key);
    const dots = readDots(value);
    if (!parsed || parsed.voterId !== voterId || dots === 0 || !asYMap(notes.get(parsed.noteId))) continue;
    out.set(parsed.noteId, dots);
  }
  return out;
}
