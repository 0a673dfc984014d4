/**
 * `GET /api/workshops/<id>/share`: the join code (and, for the facilitator, a room-screen token) for
 * whoever holds the facilitator's or the room screen's credential, so a private link opened on another
 * device has everything the creating device had. Keys are stored hashed and never handed back: the room
 * screen gets a signed observer token instead, revoked with the other private links (token version).
 */
import type { ShareResponse, WorkshopId } from "@continuum/protocol";
import { isId } from "@continuum/protocol";
import { bearer } from "../../auth/facilitator.ts";
import { keyMatches } from "../../auth/tokens.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

export function shareRoutes(deps: HttpDeps) {
  const { store, tokens } = deps;

  const share: Handler = (ctx) =>
    deps.guarded(
      ctx.req,
      async () => {
        const rawId = ctx.params.id ?? "";
        const workshop = isId(rawId) ? await store.getWorkshop(rawId as WorkshopId) : null;
        if (!workshop) throw new HttpError(404, "unknown_workshop", "There is no workshop with this id.");
        const credential = bearer(ctx.req);
        if (credential === null) {
          throw new HttpError(
            401,
            "missing_key",
            "The join code is for the facilitator and the room's screen: send their token as “Authorization: Bearer <token>”.",
            { "www-authenticate": 'Bearer realm="continuum"' },
          );
        }
        const token = tokens.verify(credential);
        const current =
          token !== null && token.workshopId === workshop.id && token.tokenVersion === workshop.tokenVersion;
        const facilitator =
          (current && token?.role === "facilitator") || keyMatches(credential, workshop.facilitatorKeyHash);
        const observer = current && token?.role === "observer";
        if (!facilitator && !observer) {
          throw new HttpError(
            403,
            "wrong_key",
            "This link is not valid any more. Ask the facilitator for a new link.",
          );
        }
        const body: ShareResponse = {
          workshopId: workshop.id,
          joinCode: workshop.joinCode,
          closedAt: workshop.closedAt,
          ...(facilitator
            ? {
                roomToken: tokens.sign(
                  { workshopId: workshop.id, role: "observer", group: null, name: "Room screen" },
                  workshop.tokenVersion,
                ),
              }
            : {}),
        };
        return { status: 200, body };
      },
      ctx.params.id,
    );

  return { share };
}
