import {
  type BoardActivity,
  type ChartActivity,
  type Column,
  type Group,
  type NoteId,
  readMeta,
  type Voting,
  workshopView,
} from "@continuum/model";
import { type ActivityId, type DocName, decideAccess, type WorkshopId } from "@continuum/protocol";
import { createContext, useContext } from "react";
import type * as Y from "yjs";
import type { ActivityMe } from "../me.ts";
import type { ChartStore } from "./store.ts";

export type ListActivityModel = ChartActivity | BoardActivity;

/** What every part of a chart or prompt board needs, handed down once by the board. */
export interface BoardContext {
  workshopDoc: Y.Doc;
  chart: ChartStore;
  activity: ListActivityModel;
  columns: readonly Column[];
  editable: boolean;
  canVote: boolean;
  voting: Voting;
  me: ActivityMe;
  groups: readonly Group[];
  anonymous: boolean;
  sortByDots: boolean;
  moveHintId: string;
  announce(text: string): void;
  /** Moves a note with the keyboard and announces where it went. */
  keyboardMove(id: NoteId, key: string): void;
  focusRequest: { current: NoteId | null };
}

export const BoardCtx = createContext<BoardContext | null>(null);

export function useBoard(): BoardContext {
  const ctx = useContext(BoardCtx);
  if (!ctx) throw new Error("outside a chart board");
  return ctx;
}

/** Whether this person may write the activity's document now, by the same rules the server applies. */
export function mayWrite(
  doc: Y.Doc,
  kind: "chart" | "board",
  activityId: ActivityId,
  me: ActivityMe,
): boolean {
  const workshopId = readMeta(doc).id;
  if (!workshopId) return me.role === "facilitator";
  const name: DocName = { kind, workshopId: workshopId as WorkshopId, activityId };
  const who = { workshopId: workshopId as WorkshopId, role: me.role, group: me.groupId, name: me.name };
  return decideAccess(name, who, workshopView(doc)).access === "write";
}
