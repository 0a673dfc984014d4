/**
 * Notes removed from a chart or board are kept (OWN-3): when a participant removes their note the server
 * copies it into the document's `removed` map (note id → its fields, `removedAt`, `removedBy`), and the
 * facilitator can put it back where it was. Written by the server, read and restored by the facilitator.
 */
import * as Y from "yjs";

import { type GroupId, isId, type NoteId } from "./ids.ts";
import { notesMap } from "./notes.ts";
import { asRecord, readId, readTime } from "./validate.ts";

const removedMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("removed");

export interface RemovedNote {
  readonly id: NoteId;
  readonly text: string;
  /** "" when unknown, or in an anonymous workshop (the server keeps no name there, ANON-2). */
  readonly author: string;
  /** The writer's group, to say whose it was when there is no name; null for the facilitator or unknown. */
  readonly groupId: GroupId | null;
  /** When it was removed (ms), 0 if unknown. */
  readonly removedAt: number;
}

/** Removed notes that can still be restored, most recently removed first. */
export function listRemovedNotes(doc: Y.Doc): RemovedNote[] {
  const notes = notesMap(doc);
  const out: RemovedNote[] = [];
  for (const [id, value] of removedMap(doc)) {
    const r = asRecord(value);
    // A note that is back (restored, or re-added by an undo) is not offered twice.
    if (!isId(id) || !r || notes.has(id)) continue;
    out.push({
      id: id as NoteId,
      text: typeof r.text === "string" ? r.text : "",
      author: typeof r.author === "string" ? r.author : "",
      groupId: readId<GroupId>(r.groupId),
      removedAt: readTime(r.removedAt),
    });
  }
  return out.sort((a, b) => b.removedAt - a.removedAt || (a.id < b.id ? -1 : 1));
}

/** Puts a removed note back with everything it had (the facilitator). Returns false if there is none. */
export function restoreNote(doc: Y.Doc, id: NoteId): boolean {
  const r = asRecord(removedMap(doc).get(id));
  if (!r || notesMap(doc).has(id)) return false;
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(r)) {
      if (key !== "removedAt" && key !== "removedBy") note.set(key, value);
    }
    notesMap(doc).set(id, note);
    removedMap(doc).delete(id);
  });
  return true;
}

/** Everything a note has, to put it back after an undo (`putNoteBack`); null if there is no such note. */
export function noteFields(doc: Y.Doc, id: NoteId): Record<string, unknown> | null {
  const m = notesMap(doc).get(id);
  return m instanceof Y.Map ? (m.toJSON() as Record<string, unknown>) : null;
}

/**
 * Undoes its author's removal of a note: adds it again with the same id and fields (the server allows adding
 * a note id that does not exist, and stamps it as theirs again, OWN-1). Returns false if it is already back.
 */
export function putNoteBack(doc: Y.Doc, id: NoteId, fields: Record<string, unknown>): boolean {
  if (notesMap(doc).has(id)) return false;
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) note.set(key, value);
    notesMap(doc).set(id, note);
  });
  return true;
}
