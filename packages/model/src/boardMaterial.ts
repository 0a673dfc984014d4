/**
 * What a prompt board gives people to respond to: the material (the vignette's text, read before answering)
 * and instructions for each question (column), edited by the facilitator and shown under each question.
 *
 * Optional fields on a board activity in the workshop document, absent = today's board (no material, no
 * instructions):
 * - `material`: a string;
 * - `instructions`: a Y.Map from column id to a string, so instructions for two questions edited at once on
 *   two devices both survive. A column's instructions outlive its removal (harmless, never shown).
 */
import * as Y from "yjs";
import { activitiesMap } from "./activities.ts";
import type { ActivityId, ColumnId } from "./ids.ts";
import { asYMap, readString, truncate } from "./validate.ts";

/** Long enough for a vignette of a page or so; a board is not a document store. */
export const MATERIAL_MAX = 8000;
/** A question's instructions: a few sentences. */
export const INSTRUCTIONS_MAX = 1000;

export interface BoardMaterial {
  /** The text people respond to; "" when there is none. */
  readonly material: string;
  /** Instructions per column id; a column without any is absent. */
  readonly instructions: Readonly<Record<string, string>>;
}

const boardMap = (doc: Y.Doc, id: ActivityId): Y.Map<unknown> | null => {
  const m = asYMap(activitiesMap(doc).get(id));
  return m && m.get("kind") === "board" ? m : null;
};

export function readBoardMaterial(doc: Y.Doc, id: ActivityId): BoardMaterial {
  const m = boardMap(doc, id);
  const instructions: Record<string, string> = {};
  const map = asYMap(m?.get("instructions"));
  if (map) {
    for (const [columnId, value] of map) {
      const text = readString(value, INSTRUCTIONS_MAX);
      if (text) instructions[columnId] = text;
    }
  }
  return { material: readString(m?.get("material"), MATERIAL_MAX), instructions };
}

/** Sets (or with "", clears) the board's material. Returns false if there is no such board. */
export function setBoardMaterial(doc: Y.Doc, id: ActivityId, text: string): boolean {
  const m = boardMap(doc, id);
  if (!m) return false;
  doc.transact(() => m.set("material", truncate(text, MATERIAL_MAX)));
  return true;
}

/** Sets (or with "", clears) one question's instructions. Returns false if there is no such board. */
export function setColumnInstructions(doc: Y.Doc, id: ActivityId, columnId: ColumnId, text: string): boolean {
  const m = boardMap(doc, id);
  if (!m) return false;
  doc.transact(() => {
    let map = m.get("instructions");
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      m.set("instructions", map);
    }
    const t = truncate(text, INSTRUCTIONS_MAX);
    if (t) (map as Y.Map<unknown>).set(columnId, t);
    else (map as Y.Map<unknown>).delete(columnId);
  });
  return true;
}
