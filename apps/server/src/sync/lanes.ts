/**
 * What the server does with an update to a lane besides storing and forwarding it:
 * - HIST-1: records every move of a note (placed, moved, taken off) in the workshop's history (`moveLog.ts`),
 *   computed here, on the node that received the client's update, from the lane's positions before and
 *   after applying it; updates other nodes stored are recorded by those nodes, so a move is recorded once.
 * - REASON-1: stamps a new reason with the writer's group and name from their token (no name in an
 *   anonymous workshop), whatever the client wrote.
 *
 * A lane is its group's own (ACC-3: any member changes any of its notes), so nothing here refuses a write:
 * the lane's access rules decide who writes at all.
 */
import { lanePositions, movesBetween, readActivityRound, readMeta, reasonsMap } from "@continuum/model";
import type { GroupId } from "@continuum/protocol";
import * as Y from "yjs";
import type { VerifiedToken } from "../auth/tokens.ts";
import type { MoveLog } from "./moveLog.ts";
import { type Room, SERVER_ORIGIN } from "./rooms.ts";

export class LaneWatch {
  constructor(private readonly moves: MoveLog) {}

  /** Runs `apply` (which applies a client's update to the lane room) and does the above around it. */
  apply(room: Room, who: VerifiedToken, apply: () => void, now = Date.now()): void {
    const name = room.docName;
    if (name.kind !== "lane") {
      apply();
      return;
    }
    const before = lanePositions(room.doc);
    const reasons = reasonsMap(room.doc);
    const knownReasons = new Set(reasons.keys());
    apply();
    const workshopDoc = room.parent?.doc;
    const anonymous = workshopDoc ? readMeta(workshopDoc).anonymous : false;
    const author = anonymous ? "" : who.name;

    const fresh = [...reasons.keys()].filter((k) => !knownReasons.has(k));
    if (fresh.length > 0) {
      const group: GroupId | null = who.role === "participant" ? (who.group ?? name.groupId) : null;
      room.doc.transact(() => {
        for (const key of fresh) {
          const r = reasons.get(key);
          if (!(r instanceof Y.Map)) continue;
          if (r.get("groupId") !== group) r.set("groupId", group);
          if (r.get("author") !== author) r.set("author", author);
        }
      }, SERVER_ORIGIN);
    }

    const moves = movesBetween(before, lanePositions(room.doc), {
      activityId: name.activityId,
      groupId: name.groupId,
      at: now,
      author,
      round: workshopDoc ? readActivityRound(workshopDoc, name.activityId) : "group",
    });
    if (moves.length > 0) void this.moves.record(name.workshopId, moves, now);
  }
}
