import type { GroupId, ParticipantId, WorkshopId } from "./ids.ts";

/**
 * - facilitator: holds the facilitator key; may read and write every document of the workshop.
 * - participant: joined with the join code; bound to one group.
 * - observer: the read-only link for the room's big screen.
 */
export type Role = "facilitator" | "participant" | "observer";
export const ROLES: readonly Role[] = ["facilitator", "participant", "observer"];

/** Who is on the other end of a connection, as established by a verified token. */
export interface Principal {
  workshopId: WorkshopId;
  role: Role;
  /** Set for participants only. */
  group: GroupId | null;
  /** Display name; not an identity. */
  name: string;
  /**
   * The person, for participants who joined since the server issued participant ids (PEOPLE-1): chosen by
   * the server and signed into the token, so it cannot be forged or changed. Absent for the facilitator and
   * the room screen, and in older participant tokens.
   */
  participant?: ParticipantId | null;
}
