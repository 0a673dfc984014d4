import type * as Y from "yjs";
import { type Colour, readColour } from "./colours.ts";
import { asYMap, LIMITS, truncate } from "./validate.ts";

/**
 * Lane, chart and board documents keep their notes in the same top-level map, keyed by note id, and a note's
 * text and colour are edited the same way in all of them.
 */
export const notesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("notes");

/** Changes a note's text or colour (text truncated, colour validated). Returns false if there is no such note. */
export function patchNote(
  doc: Y.Doc,
  id: string,
  patch: { text?: string; colour?: Colour },
  now: number,
): boolean {
  const m = asYMap(notesMap(doc).get(id));
  if (!m) return false;
  doc.transact(() => {
    if (patch.text !== undefined) m.set("text", truncate(patch.text, LIMITS.noteText));
    if (patch.colour !== undefined) m.set("colour", readColour(patch.colour));
    m.set("updatedAt", now);
  });
  return true;
}
