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
import type { StoreApi } from "zustand/vanilla";
import type { ActivityMe } from "../me.ts";
import type { ChartStore } from "./store.ts";

/** The note whose actions are showing: one at a time, so the board does not become a wall of buttons. */
export interface Selection {
  readonly id: NoteId | null;
}

/** The note this person removed last, kept so they can undo it: everything it had, and where it was. */
export interface RemovedByMe {
  readonly last: {
    readonly id: NoteId;
    readonly text: string;
    readonly fields: Record<string, unknown>;
    readonly columnId: string;
  } | null;
}

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
  selection: StoreApi<Selection>;
  removed: StoreApi<RemovedByMe>;
  /** The notes are this person's own (their private words, ACC-12): they may change every one. */
  ownsAll: boolean;
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
