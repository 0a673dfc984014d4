import { type GroupId, isId, type ParticipantId, type Role } from "@continuum/protocol";
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
  /**
   * The person as the server knows them (signed into their token when they joined): their dots go in a
   * ballot of their own that only they and the facilitator can open. Null for the facilitator, the room
   * screen, and participants who joined before the server issued ids (they vote the old way).
   */
  participantId?: ParticipantId | null;
  /** What opens their ballot. */
  workshopId?: string;
  token?: string;
}

/** The participant id signed into a token, read without checking the signature (the server checks it). */
export function participantOf(token: string): ParticipantId | null {
  try {
    const body = token.split(".")[0] ?? "";
    const json = JSON.parse(atob(body.replace(/-/g, "+").replace(/_/g, "/"))) as { p?: unknown };
    return isId(json.p) ? (json.p as ParticipantId) : null;
  } catch {
    return null;
  }
}

/** Who is looking, as the activity components want it. */
export function useActivityMe(session: Session): ActivityMe {
  return useMemo(
    () => ({
      name: session.name,
      groupId: session.group,
      role: session.role,
      voterId: voterIdFor(session.workshopId),
      participantId: session.role === "participant" ? participantOf(session.token) : null,
      workshopId: session.workshopId,
      token: session.token,
    }),
    [session.name, session.group, session.role, session.workshopId, session.token],
  );
}
