/**
 * The reasons behind a placement: short comments ("why here") that anyone in the group adds to a note on
 * its lane while they discuss, each with its author's group, name (blank in an anonymous workshop) and time.
 *
 * Optional field in a lane document (absent = no reasons, today's lane):
 * - `reasons` Y.Map<reasonId, Y.Map{ noteId, text, groupId, author, createdAt }>
 *
 * In the lane so that the lane's access rules apply unchanged: only the group (and the facilitator) write
 * before the reveal, everyone reads after (ACC-2..4). The server stamps `groupId` and `author` of a new
 * reason from the writer's token (REASON-1), whatever the client wrote, and leaves `author` blank when the
 * workshop is anonymous, so a name never reaches another group's replica.
 */
import { randomId } from "@continuum/protocol";
import * as Y from "yjs";
import type { GroupId, NoteId } from "./ids.ts";
import {
  asRecord,
  compareStrings,
  LIMITS,
  readEntries,
  readId,
  readString,
  readTime,
  truncate,
} from "./validate.ts";

/** A reason is a sentence or two said aloud and typed quickly, not an essay. */
export const REASON_TEXT_MAX = 500;

export interface Reason {
  readonly id: string;
  /** The note (placement) it explains. */
  readonly noteId: NoteId;
  readonly text: string;
  /** The author's group, stamped by the server; null if unknown. */
  readonly groupId: GroupId | null;
  /** The author's display name; "" when unknown or the workshop is anonymous. */
  readonly author: string;
  /** When it was added (ms); 0 if unknown. */
  readonly createdAt: number;
}

export const reasonsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("reasons");

/** One reason from its stored value (a Y.Map or, from an archive, a plain object); null if unusable. */
export function readReason(id: string, value: unknown): Reason | null {
  // A Y.Map in a lane; a plain object in an archive.
  const m = value instanceof Y.Map ? value : null;
  const rec = m ? null : asRecord(value);
  const get = (key: string): unknown => (m ? m.get(key) : rec?.[key]);
  const noteId = readId<NoteId>(get("noteId"));
  const text = readString(get("text"), REASON_TEXT_MAX).trim();
  if (!noteId || text === "") return null;
  return {
    id,
    noteId,
    text,
    groupId: readId<GroupId>(get("groupId")),
    author: readString(get("author"), LIMITS.name),
    createdAt: readTime(get("createdAt")),
  };
}

/** Every reason of the lane, oldest first (ties by id): the order of the discussion, the same everywhere. */
export function listReasons(doc: Y.Doc): Reason[] {
  return readEntries<string, Reason>(
    reasonsMap(doc),
    readReason,
    (a, b) => a.createdAt - b.createdAt || compareStrings(a.id, b.id),
  );
}

/** The reasons of each note, oldest first. */
export function reasonsByNote(reasons: readonly Reason[]): Map<NoteId, Reason[]> {
  const out = new Map<NoteId, Reason[]>();
  for (const r of reasons) {
    const list = out.get(r.noteId);
    if (list) list.push(r);
    else out.set(r.noteId, [r]);
  }
  return out;
}

export interface AddReasonInput {
  noteId: NoteId;
  text: string;
  /** The writer's name as the client knows it; the server replaces it (and the group) from the token. */
  author?: string;
  groupId?: GroupId | null;
  now?: number;
  /** A fixed id (tests, imports); random by default. */
  id?: string;
}

/** Adds a reason; returns its id, or null when the text is blank. */
export function addReason(doc: Y.Doc, input: AddReasonInput): string | null {
  const text = truncate(input.text.trim(), REASON_TEXT_MAX);
  if (text === "") return null;
  const id = input.id ?? randomId();
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    m.set("noteId", input.noteId);
    m.set("text", text);
    m.set("groupId", input.groupId ?? null);
    m.set("author", truncate(input.author ?? "", LIMITS.name));
    m.set("createdAt", input.now ?? Date.now());
    reasonsMap(doc).set(id, m);
  });
  return id;
}

/** Removes a reason (a typing slip); false if there is none with this id. */
export function removeReason(doc: Y.Doc, id: string): boolean {
  const map = reasonsMap(doc);
  if (!map.has(id)) return false;
  doc.transact(() => map.delete(id));
  return true;
}
