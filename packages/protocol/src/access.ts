import type { DocName } from "./docNames.ts";
import type { ActivityId, GroupId } from "./ids.ts";
import type { Principal } from "./roles.ts";

export type Access = "none" | "read" | "write";
export type ActivityKind = "scale" | "chart" | "board";

/**
 * What the access rules need to know about a workshop's current state. The server answers it from the
 * workshop document it holds in memory; the client from its own replica (to hide what it may not open).
 */
export interface WorkshopView {
  activityKind(activityId: ActivityId): ActivityKind | undefined;
  hasGroup(groupId: GroupId): boolean;
  isLocked(activityId: ActivityId): boolean;
  isRevealed(activityId: ActivityId, groupId: GroupId): boolean;
  /** Whether a group takes part in an activity (every group does unless the facilitator chose some). */
  takesPart(activityId: ActivityId, groupId: GroupId): boolean;
  /** Whether the facilitator has ended the meeting (activities not left open between meetings then lock). */
  meetingEnded(): boolean;
  /** Whether an activity was left open between meetings, so participants may still add to it. */
  isOpenBetweenMeetings(activityId: ActivityId): boolean;
  /** Whether the facilitator has opened dot voting on a chart or board (ACC-11). */
  votingOpen(activityId: ActivityId): boolean;
  /**
   * Whether the facilitator has shared the words a private-first prompt board collected (ACC-12). Optional:
   * a view without it never shares them.
   */
  wordsShared?(activityId: ActivityId): boolean;
  /**
   * A scale activity's current round (ACC-13): "individual" while each person places the aspects on a scale
   * of their own. Optional: a view without it has no individual round open.
   */
  round?(activityId: ActivityId): "individual" | "group" | "second";
  /** Whether the facilitator has revealed a scale activity's individual round (ACC-13). Optional: never. */
  soloRevealed?(activityId: ActivityId): boolean;
}

export type AccessDecision = { access: Access } | { access: "none"; reason: "not-found" | "forbidden" };

const DOC_KIND_FOR_ACTIVITY: Record<
  Exclude<DocName["kind"], "workshop" | "ballot" | "words" | "solo">,
  ActivityKind
> = {
  lane: "scale",
  chart: "chart",
  board: "board",
};

/**
 * The access rules; rule ids refer to packages/protocol/SPEC.md.
 * Returns what the principal may do with the document right now.
 */
export function decideAccess(doc: DocName, who: Principal, view: WorkshopView): AccessDecision {
  // ACC-1: a token is only ever good for the workshop it was issued for.
  if (doc.workshopId !== who.workshopId) return { access: "none", reason: "forbidden" };

  if (doc.kind === "workshop") {
    // ACC-2: only the facilitator writes the workshop document (agenda, groups, control state).
    return { access: who.role === "facilitator" ? "write" : "read" };
  }

  if (doc.kind === "ballot") return decideBallot(doc, who, view);
  if (doc.kind === "words") return decideWords(doc, who, view);
  if (doc.kind === "solo") return decideSolo(doc, who, view);

  // ACC-3: a document for an activity (or group) that the workshop does not have does not exist.
  if (view.activityKind(doc.activityId) !== DOC_KIND_FOR_ACTIVITY[doc.kind]) {
    return { access: "none", reason: "not-found" };
  }
  if (doc.kind === "lane" && !view.hasGroup(doc.groupId)) return { access: "none", reason: "not-found" };

  // ACC-4: the facilitator may read and write every document, locked or not.
  if (who.role === "facilitator") return { access: "write" };

  // ACC-10: once the meeting has ended, only activities left open between meetings stay writable (until
  // locked themselves); ACC-9: a group that does not take part in an activity never writes its documents.
  const locked = closedFor(who, doc.activityId, view);

  if (doc.kind === "lane") {
    // ACC-5: a participant writes their own group's lane unless the activity is locked.
    if (who.role === "participant" && who.group === doc.groupId) return { access: locked ? "read" : "write" };
    // ACC-6: any other participant, and the observer, read a lane only once it is revealed.
    return view.isRevealed(doc.activityId, doc.groupId)
      ? { access: "read" }
      : { access: "none", reason: "forbidden" };
  }

  // ACC-7: charts and boards are shared by everyone: participants write unless locked; observers read.
  // A participant without a group (never issued by the server) only reads.
  if (who.role === "participant" && who.group !== null) return { access: locked ? "read" : "write" };
  return { access: "read" };
}

/** Whether participants may not write an activity's documents right now (ACC-5, ACC-7, ACC-9, ACC-10). */
function closedFor(who: Principal, a: ActivityId, view: WorkshopView): boolean {
  const closed = view.isLocked(a) || (view.meetingEnded() && !view.isOpenBetweenMeetings(a));
  return closed || (who.role === "participant" && who.group !== null && !view.takesPart(a, who.group));
}

/**
 * ACC-11: a ballot holds one person's dots on a chart or board. Only that person (by the participant id
 * signed into their token, on any of their devices) and the facilitator open it; the person writes it
 * while the vote is open and the activity is open to them, and reads it otherwise. Nobody else can open it,
 * so nobody can count other people's dots before the facilitator reveals the totals.
 */
function decideBallot(
  doc: Extract<DocName, { kind: "ballot" }>,
  who: Principal,
  view: WorkshopView,
): AccessDecision {
  const kind = view.activityKind(doc.activityId);
  if (kind !== "chart" && kind !== "board") return { access: "none", reason: "not-found" };
  if (who.role === "facilitator") return { access: "read" };
  if (who.role !== "participant" || !who.participant || who.participant !== doc.participantId) {
    return { access: "none", reason: "forbidden" };
  }
  const writable = view.votingOpen(doc.activityId) && !closedFor(who, doc.activityId, view);
  return { access: writable ? "write" : "read" };
}

/**
 * ACC-12: on a prompt board that collects privately first, each person's words are a document of their own
 * (`words`). That person (by the participant id signed into their token) writes it while the board is open
 * to them and reads it otherwise; the facilitator reads and writes every one (ACC-4); nobody else, observers
 * included, can open it until the facilitator shares the board's words, and then they read it. Like a lane
 * before its reveal, the privacy is a refusal at the connection, not a filter.
 */
function decideWords(
  doc: Extract<DocName, { kind: "words" }>,
  who: Principal,
  view: WorkshopView,
): AccessDecision {
  if (view.activityKind(doc.activityId) !== "board") return { access: "none", reason: "not-found" };
  if (who.role === "facilitator") return { access: "write" };
  if (
    who.role === "participant" &&
    who.group !== null &&
    who.participant &&
    who.participant === doc.participantId
  ) {
    return { access: closedFor(who, doc.activityId, view) ? "read" : "write" };
  }
  return view.wordsShared?.(doc.activityId) === true
    ? { access: "read" }
    : { access: "none", reason: "forbidden" };
}

/**
 * ACC-13: in a scale activity's individual round each person places the aspects on a scale of their own
 * (`solo`, laid out as a lane). That person (by the participant id signed into their token) writes it while
 * the individual round is the activity's current round and the activity is open to them, and reads it
 * otherwise; the facilitator reads and writes every one (ACC-4); nobody else, observers included, can open it
 * until the facilitator reveals the individual round, and then they read it.
 */
function decideSolo(
  doc: Extract<DocName, { kind: "solo" }>,
  who: Principal,
  view: WorkshopView,
): AccessDecision {
  if (view.activityKind(doc.activityId) !== "scale") return { access: "none", reason: "not-found" };
  if (who.role === "facilitator") return { access: "write" };
  if (
    who.role === "participant" &&
    who.group !== null &&
    who.participant &&
    who.participant === doc.participantId
  ) {
    const open = view.round?.(doc.activityId) === "individual" && !closedFor(who, doc.activityId, view);
    return { access: open ? "write" : "read" };
  }
  return view.soloRevealed?.(doc.activityId) === true
    ? { access: "read" }
    : { access: "none", reason: "forbidden" };
}
