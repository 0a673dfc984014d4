import {
  type ChartActivity,
  type Group,
  initChart,
  initWorkshop,
  listActivities,
  listGroups,
} from "@continuum/model";
import type { ActivityId, ParticipantId, WorkshopId, WorkshopTemplate } from "@continuum/protocol";
import { act } from "@testing-library/react";
import * as Y from "yjs";
import type { ActivityMe } from "../../src/activities/me.ts";

export const W = "wshop1" as WorkshopId;
const PEER = Symbol("peer");

/** Keeps two replicas in sync the way a server would relay updates: every local update goes to the other. */
export function link(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), PEER);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), PEER);
  a.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== PEER) Y.applyUpdate(b, u, PEER);
  });
  b.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== PEER) Y.applyUpdate(a, u, PEER);
  });
}

/** Two devices on one workshop: the facilitator's (1) and a participant's (2), each with its own replicas. */
export function twoDevices(template: WorkshopTemplate = "discretion") {
  const w1 = new Y.Doc();
  initWorkshop(w1, { id: W, title: "Workshop", template, now: 1 });
  const w2 = new Y.Doc();
  link(w1, w2);
  const groups = listGroups(w1) as [Group, Group];
  const activities = listActivities(w1);
  const chart = activities.find((a): a is ChartActivity => a.kind === "chart");
  const boardOrChart = chart ?? activities[0];
  const c1 = new Y.Doc();
  if (boardOrChart && boardOrChart.kind !== "scale")
    initChart(c1, { workshopId: W, activityId: boardOrChart.id, kind: boardOrChart.kind });
  const c2 = new Y.Doc();
  link(c1, c2);
  const activityId = boardOrChart?.id as ActivityId;
  return {
    w1,
    w2,
    c1,
    c2,
    groups,
    activities,
    chart,
    activityId,
    /** The board's documents on each device, to spread into a `ChartBoard`'s props. */
    on1: { workshopDoc: w1, chartDoc: c1, activityId },
    on2: { workshopDoc: w2, chartDoc: c2, activityId },
  };
}

export const facilitatorMe: ActivityMe = {
  name: "Debra",
  groupId: null,
  role: "facilitator",
  voterId: "fac1",
};

/** A participant; with `participantId`, as the server knows them (their own notes are the ones they may change). */
export function participant(name: string, group: Group, voterId: string, participantId?: string): ActivityMe {
  return {
    name,
    groupId: group.id,
    role: "participant",
    voterId,
    ...(participantId ? { participantId: participantId as ParticipantId } : {}),
  };
}

/** A model change made outside React (by another person), flushed into the rendered components. */
export function remote(fn: () => void): void {
  act(fn);
}
