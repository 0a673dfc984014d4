import { type ActivityId, type GroupId, isId, type ParticipantId, type WorkshopId } from "./ids.ts";

/**
 * Every permission boundary is its own Yjs document, so that a permission is a permission on a whole
 * document and no update ever needs filtering (see docs/architecture.md):
 *
 * - `<workshopId>`: the workshop document: meta, groups, agenda, facilitator control state.
 * - `<workshopId>/lane/<activityId>/<groupId>`: one group's lane of one scale activity.
 * - `<workshopId>/chart/<activityId>`: a pros/cons/implications chart.
 * - `<workshopId>/board/<activityId>`: a prompt board.
 * - `<workshopId>/ballot/<activityId>/<participantId>`: one person's dots on a chart or board, which only
 *   they and the facilitator can open (ACC-11); the server publishes the totals into the chart on reveal.
 * - `<workshopId>/words/<activityId>/<participantId>`: one person's words on a prompt board that collects
 *   privately first; others open it only once the facilitator shares the board's words (ACC-12).
 * - `<workshopId>/solo/<activityId>/<participantId>`: one person's own scale in a scale activity's individual
 *   round (laid out as a lane); others open it only once the facilitator reveals the individual round (ACC-13).
 */
export type DocName =
  | { kind: "workshop"; workshopId: WorkshopId }
  | { kind: "lane"; workshopId: WorkshopId; activityId: ActivityId; groupId: GroupId }
  | { kind: "chart"; workshopId: WorkshopId; activityId: ActivityId }
  | { kind: "board"; workshopId: WorkshopId; activityId: ActivityId }
  | { kind: "ballot"; workshopId: WorkshopId; activityId: ActivityId; participantId: ParticipantId }
  | { kind: "words"; workshopId: WorkshopId; activityId: ActivityId; participantId: ParticipantId }
  | { kind: "solo"; workshopId: WorkshopId; activityId: ActivityId; participantId: ParticipantId };

export type DocKind = DocName["kind"];

export const workshopDocName = (workshopId: WorkshopId): string => workshopId;
export const laneDocName = (workshopId: WorkshopId, activityId: ActivityId, groupId: GroupId): string =>
  `${workshopId}/lane/${activityId}/${groupId}`;
export const chartDocName = (workshopId: WorkshopId, activityId: ActivityId): string =>
  `${workshopId}/chart/${activityId}`;
export const boardDocName = (workshopId: WorkshopId, activityId: ActivityId): string =>
  `${workshopId}/board/${activityId}`;

export const ballotDocName = (
  workshopId: WorkshopId,
  activityId: ActivityId,
  participantId: ParticipantId,
): string => `${workshopId}/ballot/${activityId}/${participantId}`;

export const wordsDocName = (
  workshopId: WorkshopId,
  activityId: ActivityId,
  participantId: ParticipantId,
): string => `${workshopId}/words/${activityId}/${participantId}`;

export const soloDocName = (
  workshopId: WorkshopId,
  activityId: ActivityId,
  participantId: ParticipantId,
): string => `${workshopId}/solo/${activityId}/${participantId}`;

export function formatDocName(name: DocName): string {
  switch (name.kind) {
    case "workshop":
      return workshopDocName(name.workshopId);
    case "lane":
      return laneDocName(name.workshopId, name.activityId, name.groupId);
    case "chart":
      return chartDocName(name.workshopId, name.activityId);
    case "board":
      return boardDocName(name.workshopId, name.activityId);
    case "ballot":
      return ballotDocName(name.workshopId, name.activityId, name.participantId);
    case "words":
      return wordsDocName(name.workshopId, name.activityId, name.participantId);
    case "solo":
      return soloDocName(name.workshopId, name.activityId, name.participantId);
  }
}

/** Parses a document name; returns null for anything that is not exactly one of the shapes above. */
export function parseDocName(raw: string): DocName | null {
  const parts = raw.split("/");
  if (!parts.every(isId)) return null;
  const [w, kind, a, g] = parts as [string, string | undefined, string | undefined, string | undefined];
  const workshopId = w as WorkshopId;
  if (parts.length === 1) return { kind: "workshop", workshopId };
  if (parts.length === 3 && (kind === "chart" || kind === "board")) {
    return { kind, workshopId, activityId: a as ActivityId };
  }
  if (parts.length === 4 && kind === "lane") {
    return { kind: "lane", workshopId, activityId: a as ActivityId, groupId: g as GroupId };
  }
  if (parts.length === 4 && (kind === "ballot" || kind === "words" || kind === "solo")) {
    return { kind, workshopId, activityId: a as ActivityId, participantId: g as ParticipantId };
  }
  return null;
}
