import type { GroupId, Role } from "@continuum/protocol";
import { useMemo } from "react";
import { type Session, voterIdFor } from "../session.ts";

/** Who is looking: enough to decide what they may do and to sign their notes and dots. */
export interface ActivityMe {
  /** Display name, written on notes (hidden from others in anonymous workshops). */
  name: string;
  /** The participant's group; null for the facilitator and observers. */
  groupId: GroupId | null;
  role: Role;
  /** A stable id for this person's dots (must match the id pattern: letters, digits, `_`, `-`). */
  voterId: string;
}

/** Who is looking, as the activity components want it. */
export function useActivityMe(session: Session): ActivityMe {
  return useMemo(
    () => ({
      name: session.name,
      groupId: session.group,
      role: session.role,
      voterId: voterIdFor(session.workshopId),
    }),
    [session.name, session.group, session.role, session.workshopId],
  );
}
