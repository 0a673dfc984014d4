/**
 * Participant ids in the exports (issue 13): the pseudonymous ids the server issued when people joined
 * (PEOPLE-1) and stamped on each chart and board note they wrote (OWN-1). Random, the same in every export
 * of a workshop, and nothing of the name in them, so researchers can count people and follow one person's
 * notes without names; only the facilitator's People list (on the server) links an id to a name.
 *
 * Read from the chart and board documents themselves, not from the model's content (which leaves the id
 * out: there it is a live permission, and an import does not restore it).
 */
import { listChartNotes, type NoteId, type ParticipantId } from "@continuum/model";
import { type ActivityId, boardDocName, chartDocName, type WorkshopId } from "@continuum/protocol";
import type * as Y from "yjs";

/** The participant id stamped on each note of a chart or board that has one, by note id. */
export function stampedParticipants(
  docsByName: ReadonlyMap<string, Y.Doc>,
  workshopId: WorkshopId | null,
  activityId: ActivityId,
  kind: "chart" | "board",
): Map<NoteId, ParticipantId> {
  const out = new Map<NoteId, ParticipantId>();
  if (!workshopId) return out;
  const doc = docsByName.get((kind === "chart" ? chartDocName : boardDocName)(workshopId, activityId));
  if (!doc) return out;
  for (const n of listChartNotes(doc)) if (n.participantId) out.set(n.id, n.participantId);
  return out;
}
