/** Which lanes a person sees and may change, by the rules the server applies. */
import { type Group, type ScaleActivity, type Workshop, workshopView } from "@continuum/model";
import { decideAccess, type GroupId, type WorkshopId } from "@continuum/protocol";
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
  const who = { workshopId, role: session.role, group: session.group, name: session.name };
  const doc = { kind: "lane" as const, workshopId, activityId, groupId };
  return decideAccess(doc, who, workshopView(workshopDoc)).access === "write";
}
