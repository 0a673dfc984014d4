import type { WorkshopId } from "./ids.ts";

/**
 * `GET /api/workshops/<id>/share`: what a screen needs to let people in, so the private link is enough on
 * any device (the keys are stored hashed, so they cannot be handed back: the room screen gets a token).
 * - with the facilitator's token or key: the join code and a fresh room-screen token;
 * - with a room-screen (observer) token: the join code only.
 */
export interface ShareResponse {
  workshopId: WorkshopId;
  joinCode: string;
  /**
   * Facilitator only: a signed observer token for the room's screen (`/w/<id>/present#token=…`): read-only,
   * and it stops working when the facilitator makes new private links. Not a key: it cannot be exchanged
   * for anything else.
   */
  roomToken?: string;
  /** When the workshop was closed (ms), or null while it is open. */
  closedAt: number | null;
}
