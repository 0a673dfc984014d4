/**
 * Secret ballots (ACC-11, BALLOT-1..3 in packages/protocol/SPEC.md). A person's dots on a chart or board
 * live in a ballot document of their own, which only they (on any of their devices) and the facilitator can
 * open; the server checks every write against the vote's budget and, once the facilitator reveals the
 * counts, publishes the totals into the chart document (`tally`) for everyone.
 *
 * Ballot document:
 * - `meta` Y.Map: `schemaVersion`, `kind` ("ballot"), `workshopId`, `activityId`, `participantId`, and
 *   `round`: the round of voting its dots belong to (written by the server; see `Voting.round`)
 * - `dots` Y.Map<NoteId, number of dots>
 *
 * In the chart or board document, written only by the server:
 * - `tally` Y.Map<NoteId, number of dots>, present while the counts are revealed
 * - `ballots` Y.Map `{ voters, dots, revealed }`: how many people have placed at least one dot and how many
 *   dots there are in all (not secret: it says how far the vote has got, not how it is going)
 */
import type * as Y from "yjs";
import { type ActivityId, isId, type NoteId, type ParticipantId, type WorkshopId } from "./ids.ts";
import { metaMap, SCHEMA_VERSION } from "./schema.ts";
import { LIMITS } from "./validate.ts";

const dotsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("dots");
const tallyMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("tally");
const ballotsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("ballots");

/** A stored dot count: a whole number from 0 to `LIMITS.dotsPerNote`, anything else 0. */
function readCount(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= LIMITS.dotsPerNote
    ? value
    : 0;
}

/** Stamps a new ballot document. Does nothing if it already has a kind. */
export function initBallot(
  doc: Y.Doc,
  ids: { workshopId: WorkshopId; activityId: ActivityId; participantId: ParticipantId },
): void {
  const meta = metaMap(doc);
  if (meta.get("kind") !== undefined) return;
  doc.transact(() => {
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("kind", "ballot");
    meta.set("workshopId", ids.workshopId);
    meta.set("activityId", ids.activityId);
    meta.set("participantId", ids.participantId);
  });
}

/** The round of voting a ballot's dots belong to (0 until a vote is first cleared). */
export function ballotRound(doc: Y.Doc): number {
  const n = metaMap(doc).get("round");
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Empties a ballot for a new round of voting (the server, when the facilitator clears the dots). */
export function startBallotRound(doc: Y.Doc, round: number): void {
  doc.transact(() => {
    const dots = dotsMap(doc);
    for (const key of [...dots.keys()]) dots.delete(key);
    metaMap(doc).set("round", round);
  });
}

/** The dots on a ballot, per note (valid note ids and counts only). */
export function ballotDots(doc: Y.Doc): Map<NoteId, number> {
  const out = new Map<NoteId, number>();
  for (const [key, value] of dotsMap(doc)) {
    const n = readCount(value);
    if (isId(key) && n > 0) out.set(key as NoteId, n);
  }
  return out;
}

/** How many dots a ballot holds. */
export function ballotTotal(doc: Y.Doc): number {
  let n = 0;
  for (const count of ballotDots(doc).values()) n += count;
  return n;
}

/**
 * Whether a ballot is one the server accepts (BALLOT-2): every entry a valid note id with a whole number of
 * dots, and no more dots in all than the vote's budget.
 */
export function ballotIsValid(doc: Y.Doc, budget: number): boolean {
  let total = 0;
  for (const [key, value] of dotsMap(doc)) {
    if (!isId(key)) return false;
    if (readCount(value) !== value && value !== 0) return false;
    total += readCount(value);
  }
  return total <= budget;
}

/** Places one more dot on a note if the budget allows; says whether it did. */
export function placeBallotDot(doc: Y.Doc, noteId: NoteId, budget: number): boolean {
  if (!isId(noteId) || ballotTotal(doc) >= budget) return false;
  const current = readCount(dotsMap(doc).get(noteId));
  if (current >= LIMITS.dotsPerNote) return false;
  doc.transact(() => dotsMap(doc).set(noteId, current + 1));
  return true;
}

/** Takes one dot back from a note; says whether there was one. */
export function takeBackBallotDot(doc: Y.Doc, noteId: NoteId): boolean {
  const current = readCount(dotsMap(doc).get(noteId));
  if (current === 0) return false;
  doc.transact(() => {
    if (current === 1) dotsMap(doc).delete(noteId);
    else dotsMap(doc).set(noteId, current - 1);
  });
  return true;
}

/** The published totals per note, or null while they are not revealed. */
export function readTally(chartDoc: Y.Doc): Map<NoteId, number> | null {
  const tally = tallyMap(chartDoc);
  if (tally.size === 0 && ballotsMap(chartDoc).get("revealed") !== true) return null;
  const out = new Map<NoteId, number>();
  for (const [key, value] of tally) {
    const n = typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 0;
    if (isId(key) && n > 0) out.set(key as NoteId, n);
  }
  return out;
}

const readWhole = (n: unknown): number => (typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0);

/** How many people have voted, as published by the server. */
export function readBallotVoters(chartDoc: Y.Doc): number {
  return readWhole(ballotsMap(chartDoc).get("voters"));
}

/** How many dots have been placed in all, as published by the server. */
export function readBallotDotCount(chartDoc: Y.Doc): number {
  return readWhole(ballotsMap(chartDoc).get("dots"));
}

/**
 * Writes the totals into a chart document (the server, on reveal and after each change while revealed):
 * only what differs is written, so an unchanged count costs no update. `counts` null takes them away.
 */
export function publishTally(
  chartDoc: Y.Doc,
  counts: ReadonlyMap<NoteId, number> | null,
  progress: { voters: number; dots: number },
): void {
  const tally = tallyMap(chartDoc);
  const ballots = ballotsMap(chartDoc);
  chartDoc.transact(() => {
    if (ballots.get("voters") !== progress.voters) ballots.set("voters", progress.voters);
    if (ballots.get("dots") !== progress.dots) ballots.set("dots", progress.dots);
    const revealed = counts !== null;
    if (ballots.get("revealed") !== revealed) ballots.set("revealed", revealed);
    for (const key of [...tally.keys()]) if (!counts?.has(key as NoteId)) tally.delete(key);
    for (const [noteId, n] of counts ?? []) if (tally.get(noteId) !== n) tally.set(noteId, n);
  });
}

/**
 * Totals of several ballots, each counting for at most `budget` dots (a ballot is checked when written, so
 * this only matters for one written under a larger budget that was lowered since).
 */
export function sumBallots(
  ballots: Iterable<ReadonlyMap<NoteId, number>>,
  budget: number,
): {
  counts: Map<NoteId, number>;
  voters: number;
} {
  const counts = new Map<NoteId, number>();
  let voters = 0;
  for (const dots of ballots) {
    let left = Math.max(0, budget);
    let any = false;
    for (const [noteId, n] of [...dots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const taken = Math.min(n, left);
      left -= taken;
      if (taken > 0) {
        counts.set(noteId, (counts.get(noteId) ?? 0) + taken);
        any = true;
      }
    }
    if (any) voters++;
  }
  return { counts, voters };
}
