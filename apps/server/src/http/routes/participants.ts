/**
 * The facilitator's view of the people in a workshop (`GET /api/workshops/<id>/participants`) and removing
 * (or letting back) one of them (`POST /api/workshops/<id>/participants/<participantId>/remove|restore`).
 * A removed person's connections close at once with 4411 and their token stops working everywhere; what
 * they wrote stays (PEOPLE-3).
 */
import { listGroups } from "@continuum/model";
import {
  CloseCode,
  type ParticipantSummary,
  type ParticipantsResponse,
  workshopDocName,
} from "@continuum/protocol";
import { authorizeFacilitator } from "../../auth/facilitator.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

export function participantRoutes(deps: HttpDeps) {
  const { store, tokens, rooms } = deps;

  const facilitatorsWorkshop = (ctx: Parameters<Handler>[0]) =>
    deps.guarded(
      ctx.req,
      () => authorizeFacilitator(ctx.req, store, tokens, ctx.params.id ?? "", "The list of people is"),
      ctx.params.id,
    );

  const list: Handler = async (ctx) => {
    const workshop = await facilitatorsWorkshop(ctx);
    const room = await rooms.acquire(workshopDocName(workshop.id));
    let groupNames: Map<string, string>;
    try {
      groupNames = new Map(listGroups(room.doc).map((g) => [g.id, g.name]));
    } finally {
      rooms.release(room);
    }
    const live = deps.connectionsOf(workshop.id);
    const participants: ParticipantSummary[] = (await deps.participants.list(workshop.id)).map((p) => ({
      id: p.id,
      name: p.name,
      group: p.group,
      groupName: groupNames.get(p.group) ?? "",
      devices: Math.max(1, p.devices.length),
      connections: live.get(p.id) ?? 0,
      lastSeen: p.lastSeen,
      removedAt: p.removedAt,
    }));
    const body: ParticipantsResponse = { participants };
    return { status: 200, body };
  };

  const setRemoved =
    (removed: boolean): Handler =>
    async (ctx) => {
      const workshop = await facilitatorsWorkshop(ctx);
      const id = ctx.params.participant ?? "";
      if (!(await deps.participants.setRemoved(workshop.id, id, removed))) {
        throw new HttpError(404, "unknown_participant", "There is no such person in this workshop.");
      }
      if (removed) {
        deps.disconnect(
          workshop.id,
          (who) => who.participant === id,
          CloseCode.Removed,
          "removed by the facilitator",
        );
      }
      deps.log.info({ workshop: workshop.id, participant: id, removed }, "participant removed or restored");
      return { status: 200, body: { participantId: id, removed } };
    };

  return { list, remove: setRemoved(true), restore: setRemoved(false) };
}
