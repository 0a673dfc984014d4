/**
 * Private first, then shared (ACC-12): a prompt board (word association, vignettes) can collect each person's
 * words in a document of their own (`words`, laid out as a board) until the facilitator shares them, so the
 * first word in the room does not steer the rest.
 *
 * Optional fields, absent = today's behaviour (a board shared from the start):
 * - on the board activity in the workshop document: `privateFirst` (true: collect privately) and `wordsShared`
 *   (true: the facilitator has shared them; others may then open each person's words);
 *
 * The facilitator finds whose words to open from the workshop's people (`GET /api/workshops/<id>/participants`),
 * so the shared board carries nothing about the private words, not even who wrote some.
 *
 * Sharing copies every person's words into the board's shared document (same note ids, so copying twice, or
 * from two facilitator devices at once, converges on one note each), where dots, exports and the room screen
 * see them like any other note.
 */
import type { ActivityId, ParticipantId } from "@continuum/protocol";
import * as Y from "yjs";
import { activitiesMap } from "./activities.ts";
import { listChartNotes } from "./chart.ts";
import { notesMap } from "./notes.ts";
import { asYMap } from "./validate.ts";

const boardMap = (doc: Y.Doc, id: ActivityId): Y.Map<unknown> | null => {
  const m = asYMap(activitiesMap(doc).get(id));
  return m && m.get("kind") === "board" ? m : null;
};

/** Whether a prompt board collects each person's words privately first. */
export function isPrivateFirst(doc: Y.Doc, id: ActivityId): boolean {
  return boardMap(doc, id)?.get("privateFirst") === true;
}

/** Whether the facilitator has shared a private-first board's words. */
export function isWordsShared(doc: Y.Doc, id: ActivityId): boolean {
  return boardMap(doc, id)?.get("wordsShared") === true;
}

/** Whether a board's words are still private: collected privately and not yet shared. */
export function wordsArePrivate(doc: Y.Doc, id: ActivityId): boolean {
  return isPrivateFirst(doc, id) && !isWordsShared(doc, id);
}

export function setPrivateFirst(doc: Y.Doc, id: ActivityId, on: boolean): boolean {
  const m = boardMap(doc, id);
  if (!m) return false;
  doc.transact(() => m.set("privateFirst", on));
  return true;
}

export function setWordsShared(doc: Y.Doc, id: ActivityId, shared: boolean): boolean {
  const m = boardMap(doc, id);
  if (!m) return false;
  doc.transact(() => m.set("wordsShared", shared));
  return true;
}

/**
 * Copies one person's words into the board's shared document, keeping each note's id, words, column, colour,
 * author and group, and marking each as that person's (`participantId`, from the document's name: only they
 * write it, ACC-12), so they may change their own notes there as on any board. Notes already there are left
 * as they are (someone may have moved or voted on them). Returns how many were copied.
 */
export function copyWords(wordsDoc: Y.Doc, boardDoc: Y.Doc, participant: ParticipantId): number {
  const target = notesMap(boardDoc);
  const notes = listChartNotes(wordsDoc).filter((n) => !target.has(n.id));
  if (notes.length === 0) return 0;
  boardDoc.transact(() => {
    for (const n of notes) {
      const m = new Y.Map<unknown>();
      m.set("text", n.text);
      m.set("colour", n.colour);
      m.set("columnId", n.columnId);
      m.set("order", n.order);
      m.set("author", n.author);
      m.set("groupId", n.groupId);
      m.set("createdAt", n.createdAt);
      m.set("updatedAt", n.updatedAt);
      m.set("participantId", participant);
      // Typed for someone else (OWN-4): only the words' owner writes their document, so they typed it.
      if (n.writtenFor !== undefined) {
        m.set("writtenFor", n.writtenFor);
        m.set("scribe", "participant");
      }
      target.set(n.id, m);
    }
  });
  return notes.length;
}
