/**
 * `GET /api/workshops/<id>/moves?activity=<activityId>` with `Authorization: Bearer <key or token>`: one
 * scale's history of moves, for the replay in the comparison (HIST-2 in packages/protocol/SPEC.md).
 *
 * The facilitator (key or token) reads every group's moves at any time, like exports. Anyone else reads the
 * moves of the lanes they may read right now, decided by the same rule as opening the lane (`decideAccess`):
 * a participant their own group's, and another group's only once the facilitator revealed it; the room's
 * screen only revealed lanes. A moved note's position is what the lane itself says, so the history reveals
 * nothing the lane would not.
 */
import { getActivity, listGroups, readMeta } from "@continuum/model";
import {
  type ActivityId,
  decideAccess,
  type GroupId,
  isId,
  laneDocName,
  type MovesResponse,
  parseDocName,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import { authorizeFacilitator, bearer } from "../../auth/facilitator.ts";
import { moveLogFor } from "../../sync/moveLog.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

export function historyRoutes(deps: HttpDeps) {
  const { store, rooms, tokens } = deps;

  /** The groups whose moves the caller may read, or throws as the facilitator check or a lane refusal would. */
  const readableGroups = async (
    ctx: Parameters<Handler>[0],
    workshopId: WorkshopId,
    activityId: ActivityId,
    groups: readonly GroupId[],
    view: ReturnType<Awaited<ReturnType<typeof rooms.acquire>>["view"]>,
  ): Promise<GroupId[]> => {
    const credential = bearer(ctx.req);
    const token = credential ? tokens.verify(credential) : null;
    if (token && token.role !== "facilitator") {
      const workshop = await store.getWorkshop(workshopId);
      if (!workshop || token.workshopId !== workshopId)
        throw new HttpError(403, "wrong_key", "This link is not for this workshop.");
      if (workshop.closedAt !== null)
        throw new HttpError(410, "workshop_closed", "This workshop has been closed.");
      if (token.role !== "participant" && token.tokenVersion !== workshop.tokenVersion)
        throw new HttpError(
          403,
          "wrong_key",
          "This link is not valid any more. Ask the facilitator for a new link.",
        );
      if (token.participant) {
        const person = await deps.participants.get(workshopId, token.participant);
        if (!person || person.removedAt !== null)
          throw new HttpError(403, "removed", "The facilitator has taken you out of this workshop.");
      }
      return groups.filter((g) => {
        const name = parseDocName(laneDocName(workshopId, activityId, g));
        return name !== null && decideAccess(name, token, view).access !== "none";
      });
    }
    // Not a participant's or screen's token: the facilitator's key or token, checked as for exports.
    await deps.guarded(
      ctx.req,
      () => authorizeFacilitator(ctx.req, store, tokens, workshopId, "Moves of every group"),
      workshopId,
    );
    return [...groups];
  };

  const moves: Handler = async (ctx) => {
    const rawId = ctx.params.id ?? "";
    const rawActivity = ctx.url.searchParams.get("activity") ?? "";
    if (!isId(rawId) || !(await store.getWorkshop(rawId as WorkshopId)))
      throw new HttpError(404, "unknown_workshop", "There is no workshop with this id.");
    const workshopId = rawId as WorkshopId;
    const room = await rooms.acquire(workshopDocName(workshopId));
    try {
      const activity = isId(rawActivity) ? getActivity(room.doc, rawActivity as ActivityId) : undefined;
      if (activity?.kind !== "scale")
        throw new HttpError(404, "unknown_activity", "This workshop has no sliding scale with this id.");
      const groups = listGroups(room.doc).map((g) => g.id);
      const allowed = await readableGroups(ctx, workshopId, activity.id, groups, room.view());
      const anonymous = readMeta(room.doc).anonymous;
      const permitted = new Set<string>(allowed);
      const list = (await moveLogFor(store).moves(workshopId, activity.id)).filter((m) =>
        permitted.has(m.groupId),
      );
      const body: MovesResponse = {
        activityId: activity.id,
        groups: allowed,
        moves: list.map((m) => ({
          groupId: m.groupId,
          noteId: m.noteId,
          aspectId: m.aspectId,
          text: m.text,
          fromX: m.fromX,
          fromY: m.fromY,
          toX: m.toX,
          toY: m.toY,
          at: m.at,
          author: anonymous ? "" : m.author,
          round: m.round,
        })),
      };
      return { status: 200, body };
    } finally {
      rooms.release(room);
    }
  };

  return { moves };
}
