/**
 * The history of a scale: every move of a note on a lane (placed, moved, taken off), when, by which group
 * (and person unless anonymous) and in which round, kept so the comparison can replay the discussion and
 * researchers can analyse it (the moves export).
 *
 * Not in the lane: a lane stays as small as its notes however long the discussion, so opening a board costs
 * the same after 5,000 moves as after 5. The server keeps one history document per workshop,
 * `<workshopId>#moves` (a name no client can open: `#` is not an id character), appended by the server from
 * the lane updates it applies (see apps/server/src/sync/lanes.ts and docs/architecture.md):
 * - `moves` Y.Array of plain objects `{ activityId, groupId, noteId, aspectId, text, fromX, fromY, toX, toY,
 *   at, author, round }` (`from*` null when the note was placed, `to*` null when it was taken off).
 * An append-only array of plain values: two server nodes appending at once merge, and readers sort by time.
 */
import type * as Y from "yjs";
import { activitiesMap } from "./activities.ts";
import type { ActivityId, AspectId, GroupId, NoteId, WorkshopId } from "./ids.ts";
import { SCALE_MAX, SCALE_MIN } from "./lane.ts";
import { notesMap } from "./notes.ts";
import { type Round, readRound } from "./rounds.ts";
import { asRecord, asYMap, LIMITS, readId, readNumber, readString, readTime } from "./validate.ts";

/** The most moves a workshop's history keeps in an archive (a 2-hour workshop of 300 notes makes ~5,000). */
export const MAX_MOVES = 100_000;

/** The server-only document holding a workshop's moves. */
export const historyDocName = (workshopId: WorkshopId): string => `${workshopId}#moves`;

/** The round a move was made in (rounds.ts); "group" for a workshop without rounds. */
export type MoveRound = Round;

export interface Move {
  readonly activityId: ActivityId;
  readonly groupId: GroupId;
  readonly noteId: NoteId;
  /** The prepared aspect the note places; null for a note the group wrote itself. */
  readonly aspectId: AspectId | null;
  /** The note's text when it moved (so the long format needs no join). */
  readonly text: string;
  /** Where it was (0..100); null when it was placed by this move. */
  readonly fromX: number | null;
  readonly fromY: number | null;
  /** Where it went (0..100); null when it was taken off the scale by this move. */
  readonly toX: number | null;
  readonly toY: number | null;
  /** When the server applied it (ms, server clock). */
  readonly at: number;
  /** Who moved it; "" when unknown or the workshop was anonymous. */
  readonly author: string;
  readonly round: MoveRound;
}

export type MoveKind = "place" | "move" | "remove";

export const moveKind = (m: Pick<Move, "fromX" | "toX">): MoveKind =>
  m.fromX === null ? "place" : m.toX === null ? "remove" : "move";

export const movesArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>("moves");

const pos = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? readNumber(v, SCALE_MIN, SCALE_MAX, 50) : null;

/** One move from a stored value (a plain object, or a Y.Map); null if unusable. */
export function readMove(value: unknown): Move | null {
  const r = asRecord(value);
  if (!r) return null;
  const activityId = readId<ActivityId>(r.activityId);
  const groupId = readId<GroupId>(r.groupId);
  const noteId = readId<NoteId>(r.noteId);
  if (!activityId || !groupId || !noteId) return null;
  const fromX = pos(r.fromX);
  const toX = pos(r.toX);
  if (fromX === null && toX === null) return null;
  return {
    activityId,
    groupId,
    noteId,
    aspectId: readId<AspectId>(r.aspectId),
    text: readString(r.text, LIMITS.noteText),
    fromX,
    fromY: fromX === null ? null : (pos(r.fromY) ?? 50),
    toX,
    toY: toX === null ? null : (pos(r.toY) ?? 50),
    at: readTime(r.at),
    author: readString(r.author, LIMITS.name),
    round: readRound(r.round),
  };
}

/**
 * Orders moves by time. Moves of the same millisecond (one update that moved several notes) keep the order
 * they were appended in, which is the same on every replica of the history (the array's CRDT order), so
 * callers sort with a stable sort.
 */
export function compareMoves(a: Move, b: Move): number {
  return a.at - b.at;
}

/** Every valid move, oldest first; `activityId` keeps one activity's. */
export function listMoves(doc: Y.Doc, activityId?: ActivityId): Move[] {
  const out: Move[] = [];
  for (const value of movesArray(doc)) {
    const m = readMove(value);
    if (m && (activityId === undefined || m.activityId === activityId)) out.push(m);
  }
  // A stable sort keeps two moves of one note in the same millisecond in the order they were appended.
  return out.sort(compareMoves);
}

/** The plain value a move is stored as (what `readMove` reads back). */
export function moveValue(m: Move): Record<string, unknown> {
  return {
    activityId: m.activityId,
    groupId: m.groupId,
    noteId: m.noteId,
    aspectId: m.aspectId,
    text: m.text,
    fromX: m.fromX,
    fromY: m.fromY,
    toX: m.toX,
    toY: m.toY,
    at: m.at,
    author: m.author,
    round: m.round,
  };
}

/** Appends moves to a history document, in one transaction. */
export function appendMoves(doc: Y.Doc, moves: readonly Move[]): void {
  if (moves.length === 0) return;
  doc.transact(() => movesArray(doc).push(moves.map(moveValue)));
}

// ---------------------------------------------------------------------------------------------------------
// Computing moves from a lane before and after a change (the server), and replaying them (the comparison)

/** Where each note of a lane is, with what a move records about it. */
export interface LanePosition {
  readonly x: number;
  readonly y: number;
  readonly aspectId: AspectId | null;
  readonly text: string;
}

/** One note's position, read as `lanePositions` reads it; null when there is no such (readable) note. */
export function lanePosition(doc: Y.Doc, id: string): LanePosition | null {
  const m = asYMap(notesMap(doc).get(id));
  if (!m || !readId<NoteId>(id)) return null;
  return {
    x: readNumber(m.get("x"), SCALE_MIN, SCALE_MAX, 50),
    y: readNumber(m.get("y"), SCALE_MIN, SCALE_MAX, 50),
    aspectId: readId<AspectId>(m.get("aspectId")),
    text: readString(m.get("text"), LIMITS.noteText),
  };
}

/**
 * Every note's position in a lane document. The server reads it once per lane room and then follows each
 * note that changes (`apps/server/src/sync/lanes.ts`): reading the whole lane around every update made a
 * busy lane's cost grow with its notes.
 */
export function lanePositions(doc: Y.Doc): Map<NoteId, LanePosition> {
  const out = new Map<NoteId, LanePosition>();
  for (const id of notesMap(doc).keys()) {
    const p = lanePosition(doc, id);
    if (p) out.set(id as NoteId, p);
  }
  return out;
}

/** The moves between two readings of one lane (a text or colour change is no move). */
export function movesBetween(
  before: ReadonlyMap<NoteId, LanePosition>,
  after: ReadonlyMap<NoteId, LanePosition>,
  about: { activityId: ActivityId; groupId: GroupId; at: number; author: string; round: MoveRound },
): Move[] {
  const out: Move[] = [];
  const base = {
    activityId: about.activityId,
    groupId: about.groupId,
    at: about.at,
    author: about.author,
    round: about.round,
  };
  for (const [noteId, now] of after) {
    const was = before.get(noteId);
    if (was && was.x === now.x && was.y === now.y) continue;
    out.push({
      ...base,
      noteId,
      aspectId: now.aspectId,
      text: now.text,
      fromX: was ? was.x : null,
      fromY: was ? was.y : null,
      toX: now.x,
      toY: now.y,
    });
  }
  for (const [noteId, was] of before) {
    if (after.has(noteId)) continue;
    out.push({
      ...base,
      noteId,
      aspectId: was.aspectId,
      text: was.text,
      fromX: was.x,
      fromY: was.y,
      toX: null,
      toY: null,
    });
  }
  return out;
}

/** The round an activity is in, as the workshop document says (`round` on a scale activity); "group" without rounds. */
export function readActivityRound(workshopDoc: Y.Doc, activityId: ActivityId): MoveRound {
  return readRound(asYMap(activitiesMap(workshopDoc).get(activityId))?.get("round"));
}

/** A note's place in a replay. */
export interface ReplayNote {
  readonly noteId: NoteId;
  readonly aspectId: AspectId | null;
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Where each note of one group's lane was at time `t`, from its moves (sorted as `listMoves` sorts them):
 * every move at or before `t` applied in order. The replay's slider calls it for each step.
 */
export function positionsAt(moves: readonly Move[], t: number): ReplayNote[] {
  const at = new Map<NoteId, ReplayNote>();
  for (const m of moves) {
    if (m.at > t) break;
    if (m.toX === null) at.delete(m.noteId);
    else at.set(m.noteId, { noteId: m.noteId, aspectId: m.aspectId, text: m.text, x: m.toX, y: m.toY ?? 50 });
  }
  return [...at.values()];
}
