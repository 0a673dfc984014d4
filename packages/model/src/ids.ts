/**
 * Ids used by the model. The branded types and generators live in the protocol package, because document
 * names and URLs contain them; this file adds the ids that only the model derives.
 */
import { type AspectId, isId, type NoteId } from "@continuum/protocol";
import { fnv1a } from "./hash.ts";

export type {
  ActivityId,
  AspectId,
  ColumnId,
  GroupId,
  NoteId,
  ParticipantId,
  WorkshopId,
} from "@continuum/protocol";
export {
  isId,
  newActivityId,
  newAspectId,
  newColumnId,
  newGroupId,
  newNoteId,
  newWorkshopId,
} from "@continuum/protocol";

/**
 * The note id under which a prepared aspect is placed in a lane. It is derived from the aspect id, not
 * random, so that two people dragging the same aspect onto the scale at once write to the same key and
 * converge on one note instead of two. The prefix cannot clash with random ids (their alphabet has no `_`).
 */
export function noteIdForAspect(aspectId: AspectId): NoteId {
  const id = `a_${aspectId}`;
  if (isId(id)) return id as NoteId;
  // Only an aspect id close to the 64-character limit gets here; hash it so the result is still a valid id
  // and still the same on every replica.
  return `a_${fnv1a(aspectId)}${fnv1a(`${aspectId}#`)}` as NoteId;
}
