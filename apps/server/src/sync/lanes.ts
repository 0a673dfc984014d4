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
import {
  type LanePosition,
  lanePosition,
  lanePositions,
  movesBetween,
  readActivityRound,
  reasonsMap,
} from "@continuum/model";
import type { GroupId, NoteId } from "@continuum/protocol";
import * as Y from "yjs";
import type { VerifiedToken } from "../auth/tokens.ts";
import { hidesNames } from "./anonymity.ts";
import type { MoveLog } from "./moveLog.ts";
import { type Room, SERVER_ORIGIN } from "./rooms.ts";

/**
 * Where each note of one lane room is, kept current by an observer of every transaction (a client's, another
 * node's, the server's own), so finding what an update moved costs what the update touched, not what the
 * lane holds: read whole around every update, a lane of a few thousand notes written by twenty people
 * saturated a node.
 */
interface Positions {
  readonly at: Map<NoteId, LanePosition>;
  /** While a client's update is applied: each note it changed, with where it was before. */
  capture: Map<NoteId, LanePosition | null> | null;
}

const followed = new WeakMap<Y.Doc, Positions>();

function positionsOf(doc: Y.Doc): Positions {
  let p = followed.get(doc);
  if (p) return p;
  const state: Positions = { at: lanePositions(doc), capture: null };
  // The lane's notes map, as the model lays it out (`packages/model/src/notes.ts`).
  doc.getMap<unknown>("notes").observeDeep((events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>();
    for (const e of events) {
      if (e.path.length === 0) for (const k of e.keys.keys()) ids.add(k);
      else if (typeof e.path[0] === "string") ids.add(e.path[0]);
    }
    for (const id of ids) {
      const noteId = id as NoteId;
      const was = state.at.get(noteId) ?? null;
      if (state.capture && !state.capture.has(noteId)) state.capture.set(noteId, was);
      const now = lanePosition(doc, id);
      if (now) state.at.set(noteId, now);
      else state.at.delete(noteId);
    }
  });
  followed.set(doc, state);
  p = state;
  return p;
}

export class LaneWatch {
  constructor(private readonly moves: MoveLog) {}

  /** Runs `apply` (which applies a client's update to the lane room) and does the above around it. */
  apply(room: Room, who: VerifiedToken, apply: () => void, now = Date.now()): void {
    const name = room.docName;
    if (name.kind !== "lane") {
      apply();
      return;
    }
    const positions = positionsOf(room.doc);
    const reasons = reasonsMap(room.doc);
    const knownReasons = new Set(reasons.keys());
    const changed = new Map<NoteId, LanePosition | null>();
    positions.capture = changed;
    try {
      apply();
    } finally {
      positions.capture = null;
    }
    const workshopDoc = room.parent?.doc;
    const author = hidesNames(room) ? "" : who.name;

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

    if (changed.size === 0) return;
    const before = new Map<NoteId, LanePosition>();
    const after = new Map<NoteId, LanePosition>();
    for (const [id, was] of changed) {
      if (was) before.set(id, was);
      const is = positions.at.get(id);
      if (is) after.set(id, is);
    }
    const moves = movesBetween(before, after, {
      activityId: name.activityId,
      groupId: name.groupId,
      at: now,
      author,
      round: workshopDoc ? readActivityRound(workshopDoc, name.activityId) : "group",
    });
    if (moves.length > 0) void this.moves.record(name.workshopId, moves, now);
  }
}
