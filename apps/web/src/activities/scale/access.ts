/** Which lanes a person sees and may change, by the rules the server applies. */
import { currentRound, type Group, type ScaleActivity, type Workshop, workshopView } from "@continuum/model";
import {
  type DocName,
  decideAccess,
  type GroupId,
  laneDocName,
  type ParticipantId,
  soloDocName,
  type WorkshopId,
} from "@continuum/protocol";
import type * as Y from "yjs";
import type { Session } from "../../session.ts";

/** The lanes this person may see (open) now; the rest are not even asked for, the server would refuse. */
export function visibleGroups(workshop: Workshop, activityId: string, session: Session): Group[] {
  const revealed = new Set<string>(
    workshop.control.revealed[activityId as keyof typeof workshop.control.revealed] ?? [],
  );
  return workshop.groups.filter((g) => {
    if (session.role === "facilitator") return true;
    if (session.role === "participant" && session.group === g.id) return true;
    return revealed.has(g.id);
  });
}

/**
 * Whether this person may write a group's lane now, by the rules the server applies (locks, ACC-9 groups
 * not taking part, ACC-10 the meeting ended), so the screen never invites a change the server refuses.
 */
export function mayWriteLane(
  workshopDoc: Y.Doc,
  workshopId: WorkshopId,
  activityId: ScaleActivity["id"],
  groupId: GroupId,
  session: Session,
): boolean {
  const who = {
    workshopId,
    role: session.role,
    group: session.group,
    name: session.name,
    ...(session.participantId ? { participant: session.participantId as ParticipantId } : {}),
  };
  const solo = soloFor(workshopDoc, activityId, groupId, session);
  const doc: DocName = solo
    ? { kind: "solo", workshopId, activityId, participantId: solo }
    : { kind: "lane", workshopId, activityId, groupId };
  return decideAccess(doc, who, workshopView(workshopDoc)).access === "write";
}

/**
 * In an individual round (ACC-13) a participant's own lane is their own scale: the person's id when this
 * group's lane is replaced by their own scale for them now, else null.
 */
function soloFor(
  workshopDoc: Y.Doc,
  activityId: ScaleActivity["id"],
  groupId: GroupId,
  session: Session,
): ParticipantId | null {
  if (session.role !== "participant" || session.group !== groupId || !session.participantId) return null;
  return currentRound(workshopDoc, activityId) === "individual"
    ? (session.participantId as ParticipantId)
    : null;
}

/** The document this person opens for a group's lane: their own scale in an individual round, else the lane. */
export function laneDocFor(
  workshopDoc: Y.Doc,
  workshopId: WorkshopId,
  activityId: ScaleActivity["id"],
  groupId: GroupId,
  session: Session,
): string {
  const solo = soloFor(workshopDoc, activityId, groupId, session);
  return solo ? soloDocName(workshopId, activityId, solo) : laneDocName(workshopId, activityId, groupId);
}
