/**
 * A lane document: one group's notes on one scale activity. Groups work apart first and are compared
 * afterwards, so each (activity, group) pair is its own document and its own permission.
 *
 * - `meta` Y.Map: `schemaVersion`, `kind` ("lane"), `workshopId`, `activityId`, `groupId`
 * - `notes` Y.Map<NoteId, Y.Map{ text, colour, x, y, aspectId, author, createdAt, updatedAt }>
 *
 * A note's `x` is data that researchers analyse ("where did link workers put 'Number of sessions'?"), so it
 * is stored as a device-independent number from 0 ("About choice") to 100 ("Set in stone"), never in pixels.
 */
import * as Y from "yjs";
import type { Aspect } from "./activities.ts";
import { type Colour, DEFAULT_COLOUR, readColour } from "./colours.ts";
import {
  type ActivityId,
  type AspectId,
  type GroupId,
  type NoteId,
  newNoteId,
  noteIdForAspect,
  type WorkshopId,
} from "./ids.ts";
import { readSchemaVersion } from "./migrations.ts";
import { notesMap, patchNote } from "./notes.ts";
import { metaMap, SCHEMA_VERSION } from "./schema.ts";
import {
  asYMap,
  compareStrings,
  LIMITS,
  readEntries,
  readId,
  readNumber,
  readString,
  readTime,
  truncate,
} from "./validate.ts";

/** The ends and middle of the scale. */
export const SCALE_MIN = 0;
export const SCALE_MAX = 100;
export const SCALE_MIDDLE = 50;

export interface ScaleNote {
  /** For a placed prepared aspect, `noteIdForAspect(aspectId)`; otherwise random. */
  readonly id: NoteId;
  /** What the note says; for a prepared aspect, its wording when it was placed (the lane is self-contained). */
  readonly text: string;
  readonly colour: Colour;
  /**
   * Position along the scale, 0 = "About choice" end, 100 = "Set in stone" end. Out-of-range values are
   * clamped. A missing or non-numeric value (NaN, "abc") reads as 50, the middle: dropping the note would
   * silently lose what a group wrote, while the middle is visibly undecided and the group can move it.
   */
  readonly x: number;
  /** Vertical place (0 top .. 100 bottom) so notes at the same x can be stacked; carries no meaning. Same rules as x. */
  readonly y: number;
  /** The prepared aspect this note places, or null for an aspect the group wrote itself. */
  readonly aspectId: AspectId | null;
  /** Display name of whoever created it; not an identity. "" in an anonymous workshop (ANON-2). */
  readonly author: string;
  /** Creation time (ms, writer's clock); 0 if unknown. */
  readonly createdAt: number;
  /** Last change of text, colour or position (ms); 0 if unknown. */
  readonly updatedAt: number;
}

/** What a lane document says about itself; lets an export or a server check a document without its name. */
export interface LaneMeta {
  /** 0 when unversioned (see migrations.ts). */
  readonly schemaVersion: number;
  /** The workshop it belongs to; null if missing or invalid. */
  readonly workshopId: WorkshopId | null;
  /** The scale activity it belongs to. */
  readonly activityId: ActivityId | null;
  /** The group whose lane it is: the unit the research compares. */
  readonly groupId: GroupId | null;
}

const clampPos = (value: unknown): number => readNumber(value, SCALE_MIN, SCALE_MAX, SCALE_MIDDLE);

/** Stamps a new lane document. Does nothing if it already has a kind. */
export function initLane(
  doc: Y.Doc,
  ids: { workshopId: WorkshopId; activityId: ActivityId; groupId: GroupId },
): void {
  const meta = metaMap(doc);
  if (meta.get("kind") !== undefined) return;
  doc.transact(() => {
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("kind", "lane");
    meta.set("workshopId", ids.workshopId);
    meta.set("activityId", ids.activityId);
    meta.set("groupId", ids.groupId);
  });
}

export function readLaneMeta(doc: Y.Doc): LaneMeta {
  const meta = metaMap(doc);
  return {
    schemaVersion: readSchemaVersion(doc),
    workshopId: readId<WorkshopId>(meta.get("workshopId")),
    activityId: readId<ActivityId>(meta.get("activityId")),
    groupId: readId<GroupId>(meta.get("groupId")),
  };
}

function readNote(id: NoteId, value: unknown): ScaleNote | null {
  const m = asYMap(value);
  if (!m) return null;
  return {
    id,
    text: readString(m.get("text"), LIMITS.noteText),
    colour: readColour(m.get("colour")),
    x: clampPos(m.get("x")),
    y: clampPos(m.get("y")),
    aspectId: readId<AspectId>(m.get("aspectId")),
    author: readString(m.get("author"), LIMITS.name),
    createdAt: readTime(m.get("createdAt")),
    updatedAt: readTime(m.get("updatedAt")),
  };
}

/** Every valid note, oldest first (ties by id), so the order is the same on every replica and stable over time. */
export function listNotes(doc: Y.Doc): ScaleNote[] {
  return readEntries<NoteId, ScaleNote>(
    notesMap(doc),
    readNote,
    (a, b) => a.createdAt - b.createdAt || compareStrings(a.id, b.id),
  );
}

/** One note, or undefined. */
export function getNote(doc: Y.Doc, id: NoteId): ScaleNote | undefined {
  return readNote(id, notesMap(doc).get(id)) ?? undefined;
}

function writeNewNote(
  doc: Y.Doc,
  id: NoteId,
  fields: {
    text: string;
    colour: Colour;
    x: number;
    y: number;
    aspectId: AspectId | null;
    author: string;
    now: number;
  },
): void {
  const m = new Y.Map<unknown>();
  m.set("text", truncate(fields.text, LIMITS.noteText));
  m.set("colour", readColour(fields.colour));
  m.set("x", clampPos(fields.x));
  m.set("y", clampPos(fields.y));
  m.set("aspectId", fields.aspectId);
  m.set("author", truncate(fields.author, LIMITS.name));
  m.set("createdAt", fields.now);
  m.set("updatedAt", fields.now);
  notesMap(doc).set(id, m);
}

export interface PlaceAspectInput {
  aspect: Aspect;
  x: number;
  y?: number;
  author: string;
  colour?: Colour;
  now?: number;
}

/**
 * Places a prepared aspect on the scale. The note id is derived from the aspect id, so placing an aspect
 * that is already placed just moves it, and two people placing it at once converge on one note (the merge
 * keeps one of the two concurrently created notes whole, never a mix).
 */
export function placeAspect(doc: Y.Doc, input: PlaceAspectInput): NoteId {
  const id = noteIdForAspect(input.aspect.id);
  const now = input.now ?? Date.now();
  const existing = asYMap(notesMap(doc).get(id));
  doc.transact(() => {
    if (existing) {
      existing.set("x", clampPos(input.x));
      if (input.y !== undefined) existing.set("y", clampPos(input.y));
      existing.set("updatedAt", now);
      return;
    }
    writeNewNote(doc, id, {
      text: input.aspect.text,
      colour: input.colour ?? DEFAULT_COLOUR,
      x: input.x,
      y: input.y ?? SCALE_MIDDLE,
      aspectId: input.aspect.id,
      author: input.author,
      now,
    });
  });
  return id;
}

export interface AddNoteInput {
  text: string;
  colour?: Colour;
  x: number;
  y?: number;
  author: string;
  now?: number;
  /** A fixed id (tests, imports); random by default. */
  id?: NoteId;
}

/** Adds an aspect the group wrote itself. */
export function addNote(doc: Y.Doc, input: AddNoteInput): NoteId {
  const id = input.id ?? newNoteId();
  doc.transact(() =>
    writeNewNote(doc, id, {
      text: input.text,
      colour: input.colour ?? DEFAULT_COLOUR,
      x: input.x,
      y: input.y ?? SCALE_MIDDLE,
      aspectId: null,
      author: input.author,
      now: input.now ?? Date.now(),
    }),
  );
  return id;
}

/** Moves a note (x and y clamped to 0..100; a non-finite x or y is ignored). Returns false if there is no such note. */
export function moveNote(doc: Y.Doc, id: NoteId, x: number, y?: number, now: number = Date.now()): boolean {
  const m = asYMap(notesMap(doc).get(id));
  if (!m) return false;
  doc.transact(() => {
    if (Number.isFinite(x)) m.set("x", clampPos(x));
    if (y !== undefined && Number.isFinite(y)) m.set("y", clampPos(y));
    m.set("updatedAt", now);
  });
  return true;
}

/** Changes a note's text or colour. Returns false if there is no such note. */
export function editNote(
  doc: Y.Doc,
  id: NoteId,
  patch: { text?: string; colour?: Colour },
  now: number = Date.now(),
): boolean {
  return patchNote(doc, id, patch, now);
}

/** Removes a note; a removed prepared aspect becomes unplaced again. */
export function removeNote(doc: Y.Doc, id: NoteId): boolean {
  const notes = notesMap(doc);
  if (!notes.has(id)) return false;
  doc.transact(() => notes.delete(id));
  return true;
}

/** The prepared aspects no note in the lane places yet, in their prepared order: the group's "to do" pile. */
export function unplacedAspects(aspects: readonly Aspect[], notes: readonly ScaleNote[]): Aspect[] {
  const placed = new Set<string>();
  for (const n of notes) if (n.aspectId) placed.add(n.aspectId);
  return aspects.filter((a) => !placed.has(a.id));
}
