/**
 * Rounds of a scale activity (issue 14): an optional individual round, where each person places the aspects
 * on a scale of their own (`solo` documents, ACC-13), the group round (as always), and an optional second
 * round after the comparison, where groups may move their notes again.
 *
 * Optional fields on the scale activity's Y.Map in the workshop document; absent = today's behaviour (one
 * group round, nothing else). Only literal values count, as for every reader in this package:
 * - `round`: "individual" | "group" | "second", the current round; anything else reads as "group".
 * - `individualRound`: true once the facilitator started an individual round (it stays when the round moves on).
 * - `groupStart`: "median" when the group round started from each group's median of its individual
 *   placements (written into the lanes by the facilitator's device); else it started from an empty lane.
 * - `soloRevealed`: true once the facilitator revealed the individual round (others may then read each
 *   person's scale, ACC-13).
 * - `soloSummary`: plain object `{ [groupId]: { [aspectId]: number[] } }`, every person's placement of each
 *   aspect by group, with no participant ids, written by the facilitator's device when revealing, so
 *   everyone's comparison, the room screen and the share-back page draw the distributions without opening
 *   anyone's own document.
 * - `round1`: plain object `{ at, lanes: { [groupId]: { [noteId]: x } } }`, each group's positions when the
 *   second round started, so the comparison shows both rounds and how far each group moved.
 *
 * A solo document is laid out as a lane (`lane.ts`: the same notes, the same readers and screens), with
 * `meta.participantId` and `meta.groupId` (the owner's group, stamped by the server from their token when
 * they first open it).
 */
import { parseDocName, soloDocName } from "@continuum/protocol";
import type * as Y from "yjs";
import type { ScaleActivity } from "./activities.ts";
import { activitiesMap } from "./activities.ts";
import type { Colour } from "./colours.ts";
import {
  type ActivityId,
  type AspectId,
  type GroupId,
  isId,
  type NoteId,
  type ParticipantId,
  type WorkshopId,
} from "./ids.ts";
import { listNotes, placeAspect, type ScaleNote } from "./lane.ts";
import { metaMap, SCHEMA_VERSION } from "./schema.ts";
import { median } from "./stats.ts";
import { asRecord, asYMap, readId, readNumber, readTime } from "./validate.ts";

export type Round = "individual" | "group" | "second";

/** Individual placements by group and aspect (no participant ids). */
export type SoloSummary = Readonly<Record<GroupId, Readonly<Record<AspectId, readonly number[]>>>>;

/** Each group's positions when the second round started. */
export interface RoundOne {
  readonly at: number;
  readonly lanes: Readonly<Record<GroupId, Readonly<Record<NoteId, number>>>>;
}

export interface Rounds {
  readonly round: Round;
  /** The activity has (had) an individual round. */
  readonly individualRound: boolean;
  readonly groupStart: "empty" | "median";
  readonly soloRevealed: boolean;
  readonly soloSummary: SoloSummary | null;
  readonly round1: RoundOne | null;
}

export const NO_ROUNDS: Rounds = {
  round: "group",
  individualRound: false,
  groupStart: "empty",
  soloRevealed: false,
  soloSummary: null,
  round1: null,
};

/** At most this many values per group and aspect are read (more people than LIMITS allows in a group). */
const MAX_VALUES = 1000;

const scaleMap = (doc: Y.Doc, id: ActivityId): Y.Map<unknown> | null => {
  const m = asYMap(activitiesMap(doc).get(id));
  return m && m.get("kind") === "scale" ? m : null;
};

export function readRound(value: unknown): Round {
  return value === "individual" || value === "second" ? value : "group";
}

/** `{ [id]: { [id]: T } }` read leniently: bad keys and values are skipped. */
function readNested<T>(
  value: unknown,
  readLeaf: (v: unknown) => T | null,
): Record<string, Record<string, T>> {
  const outer = asRecord(value);
  const out: Record<string, Record<string, T>> = {};
  if (!outer) return out;
  for (const [k, inner] of Object.entries(outer)) {
    const r = asRecord(inner);
    if (!isId(k) || !r) continue;
    const row: Record<string, T> = {};
    for (const [k2, v] of Object.entries(r)) {
      const leaf = readLeaf(v);
      if (isId(k2) && leaf !== null) row[k2] = leaf;
    }
    out[k] = row;
  }
  return out;
}

const readPosition = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? readNumber(v, 0, 100, 50) : null;

export function readSoloSummary(value: unknown): SoloSummary | null {
  if (!asRecord(value)) return null;
  return readNested(value, (v) =>
    Array.isArray(v)
      ? v
          .slice(0, MAX_VALUES)
          .map(readPosition)
          .filter((x): x is number => x !== null)
      : null,
  ) as SoloSummary;
}

export function readRoundOne(value: unknown): RoundOne | null {
  const r = asRecord(value);
  if (!r) return null;
  return { at: readTime(r.at), lanes: readNested(r.lanes, readPosition) as RoundOne["lanes"] };
}

/** Reads the rounds of an activity's Y.Map (or of a plain object, for an archive). */
export function readRoundsFrom(get: (key: string) => unknown): Rounds {
  return {
    round: readRound(get("round")),
    individualRound: get("individualRound") === true,
    groupStart: get("groupStart") === "median" ? "median" : "empty",
    soloRevealed: get("soloRevealed") === true,
    soloSummary: readSoloSummary(get("soloSummary")),
    round1: readRoundOne(get("round1")),
  };
}

/** The rounds of a scale activity; NO_ROUNDS for anything else. */
export function readRounds(doc: Y.Doc, id: ActivityId): Rounds {
  const m = scaleMap(doc, id);
  return m ? readRoundsFrom((k) => m.get(k)) : NO_ROUNDS;
}

/** The current round alone (the access rules ask it often). */
export const currentRound = (doc: Y.Doc, id: ActivityId): Round => readRound(scaleMap(doc, id)?.get("round"));

/** Whether the individual round is revealed, alone. */
export const isSoloRevealed = (doc: Y.Doc, id: ActivityId): boolean =>
  scaleMap(doc, id)?.get("soloRevealed") === true;

/** Whether an activity was set up with any rounds at all (so a workshop without them reads as before). */
export const hasRounds = (r: Rounds): boolean =>
  r.individualRound || r.round !== "group" || r.round1 !== null;

// ---------------------------------------------------------------------------------------------------------
// Writing (the facilitator's, in the workshop document)

function edit(doc: Y.Doc, id: ActivityId, fn: (m: Y.Map<unknown>) => void): boolean {
  const m = scaleMap(doc, id);
  if (!m) return false;
  doc.transact(() => fn(m));
  return true;
}

/** Starts the individual round: each person places the aspects on their own scale. */
export function startIndividualRound(doc: Y.Doc, id: ActivityId): boolean {
  return edit(doc, id, (m) => {
    m.set("individualRound", true);
    m.set("round", "individual");
  });
}

/** Starts (or returns to) the group round; `from` says how the lanes were started. */
export function startGroupRound(doc: Y.Doc, id: ActivityId, from: "empty" | "median" = "empty"): boolean {
  return edit(doc, id, (m) => {
    m.set("round", "group");
    if (m.get("individualRound") === true) m.set("groupStart", from);
  });
}

/** Reveals (with the summary everyone's comparison draws) or hides the individual round. */
export function setSoloRevealed(doc: Y.Doc, id: ActivityId, summary: SoloSummary | null): boolean {
  return edit(doc, id, (m) => {
    if (summary) {
      m.set("soloSummary", summary);
      m.set("soloRevealed", true);
    } else {
      m.delete("soloSummary");
      m.delete("soloRevealed");
    }
  });
}

/** Keeps each group's positions as round 1 and starts the second round. */
export function startSecondRound(
  doc: Y.Doc,
  id: ActivityId,
  lanes: readonly { groupId: GroupId; notes: readonly ScaleNote[] }[],
  now: number = Date.now(),
): boolean {
  return edit(doc, id, (m) => {
    m.set("round1", roundOneOf(lanes, now));
    m.set("round", "second");
  });
}

export function roundOneOf(
  lanes: readonly { groupId: GroupId; notes: readonly ScaleNote[] }[],
  now: number,
): RoundOne {
  const out: Record<string, Record<string, number>> = {};
  for (const lane of lanes) {
    const row: Record<string, number> = {};
    for (const n of lane.notes) row[n.id] = Math.round(n.x * 10) / 10;
    out[lane.groupId] = row;
  }
  return { at: now, lanes: out as RoundOne["lanes"] };
}

// ---------------------------------------------------------------------------------------------------------
// Solo documents (one person's own scale)

export interface SoloMeta {
  readonly workshopId: WorkshopId | null;
  readonly activityId: ActivityId | null;
  readonly participantId: ParticipantId | null;
  readonly groupId: GroupId | null;
}

/** Stamps a new solo document, laid out as a lane. Does nothing if it already has a kind. */
export function initSolo(
  doc: Y.Doc,
  ids: { workshopId: WorkshopId; activityId: ActivityId; participantId: ParticipantId },
): void {
  const meta = metaMap(doc);
  if (meta.get("kind") !== undefined) return;
  doc.transact(() => {
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("kind", "lane");
    meta.set("workshopId", ids.workshopId);
    meta.set("activityId", ids.activityId);
    meta.set("participantId", ids.participantId);
  });
}

/** Records the owner's group (the server's, from their token); an existing one is left alone. */
export function stampSoloGroup(doc: Y.Doc, groupId: GroupId): boolean {
  const meta = metaMap(doc);
  if (readId(meta.get("groupId")) !== null) return false;
  doc.transact(() => meta.set("groupId", groupId));
  return true;
}

export function readSoloMeta(doc: Y.Doc): SoloMeta {
  const meta = metaMap(doc);
  return {
    workshopId: readId<WorkshopId>(meta.get("workshopId")),
    activityId: readId<ActivityId>(meta.get("activityId")),
    participantId: readId<ParticipantId>(meta.get("participantId")),
    groupId: readId<GroupId>(meta.get("groupId")),
  };
}

/** One person's placements: their group and where they put each prepared aspect. */
export interface SoloPlacements {
  readonly participantId: ParticipantId;
  readonly groupId: GroupId | null;
  readonly notes: readonly ScaleNote[];
}

/** Every person's placement of each prepared aspect, by group (people without a known group are left out). */
export function summariseSolo(people: readonly SoloPlacements[]): SoloSummary {
  const out: Record<string, Record<string, number[]>> = {};
  for (const p of people) {
    if (!p.groupId) continue;
    const row = out[p.groupId] ?? {};
    out[p.groupId] = row;
    for (const n of p.notes) {
      if (!n.aspectId) continue;
      const list = row[n.aspectId] ?? [];
      row[n.aspectId] = list;
      list.push(Math.round(n.x * 10) / 10);
    }
  }
  // Sorted values: the summary says nothing about who placed which.
  for (const row of Object.values(out)) for (const list of Object.values(row)) list.sort((a, b) => a - b);
  return out as SoloSummary;
}

/** A person's placements read from their solo document. */
export function soloPlacements(doc: Y.Doc, participantId: ParticipantId): SoloPlacements {
  return { participantId, groupId: readSoloMeta(doc).groupId, notes: listNotes(doc) };
}

/**
 * Starts a group's lane from the median of its members' individual placements: each prepared aspect that
 * anyone in the group placed is placed at the median, unless the lane already has it. Returns how many.
 */
export function seedLaneFromMedians(
  laneDoc: Y.Doc,
  activity: ScaleActivity,
  placements: Readonly<Record<AspectId, readonly number[]>>,
  opts: { author: string; colour?: Colour; now?: number },
): number {
  const have = new Set(listNotes(laneDoc).map((n) => n.aspectId));
  let placed = 0;
  activity.aspects.forEach((aspect, i) => {
    const m = median(placements[aspect.id] ?? []);
    if (m === null || have.has(aspect.id)) return;
    placeAspect(laneDoc, {
      aspect,
      x: m,
      // Spread down the lane so notes at similar medians do not sit on top of each other.
      y: 10 + ((i * 17) % 80),
      author: opts.author,
      ...(opts.colour ? { colour: opts.colour } : {}),
      ...(opts.now !== undefined ? { now: opts.now } : {}),
    });
    placed++;
  });
  return placed;
}

/** Helpers for plain (JSON) copies of the optional fields, e.g. for an archive: only what is set. */
export function roundsFields(r: Rounds): Record<string, unknown> {
  if (!hasRounds(r) && !r.soloRevealed) return {};
  return {
    round: r.round,
    ...(r.individualRound ? { individualRound: true } : {}),
    ...(r.groupStart === "median" ? { groupStart: "median" } : {}),
    ...(r.soloRevealed ? { soloRevealed: true } : {}),
    ...(r.soloSummary ? { soloSummary: r.soloSummary } : {}),
    ...(r.round1 ? { round1: r.round1 } : {}),
  };
}

/** Writes the fields `roundsFields` gave (an import), onto a scale activity's Y.Map. */
export function writeRoundsFields(m: Y.Map<unknown>, fields: Rounds): void {
  for (const [k, v] of Object.entries(roundsFields(fields))) m.set(k, v);
}

// ---------------------------------------------------------------------------------------------------------
// Whole-workshop content (archives and exports, `content.ts`)

/** An activity's rounds as an archive keeps them: the fields above and every person's own scale. */
export interface RoundsContent extends Rounds {
  /** Each person's own scale (pseudonymous participant id, group), in participant id order. */
  readonly individual: readonly SoloPlacements[];
}

/** Solo documents among a workshop's documents, for one activity, by participant id. */
function soloDocsOf(
  docsByName: ReadonlyMap<string, Y.Doc>,
  activityId: ActivityId,
): [ParticipantId, Y.Doc][] {
  const out: [ParticipantId, Y.Doc][] = [];
  for (const [name, doc] of docsByName) {
    const parsed = parseDocName(name);
    if (parsed?.kind === "solo" && parsed.activityId === activityId) out.push([parsed.participantId, doc]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The rounds of a scale activity with everyone's own scale, or undefined when the activity never used
 * rounds (so a workshop without them reads, exports and archives exactly as before).
 */
export function readRoundsContent(
  workshopDoc: Y.Doc,
  activityId: ActivityId,
  docsByName: ReadonlyMap<string, Y.Doc>,
): RoundsContent | undefined {
  const rounds = readRounds(workshopDoc, activityId);
  const individual = soloDocsOf(docsByName, activityId)
    .map(([id, doc]) => soloPlacements(doc, id))
    .filter((p) => p.notes.length > 0);
  if (!hasRounds(rounds) && !rounds.soloRevealed && individual.length === 0) return undefined;
  return { ...rounds, individual };
}

/**
 * The solo documents of an imported activity's individual round, by document name: each laid out as a
 * lane, with its person's id and group. `writeNote` is the importer's note writer (content.ts).
 */
export function soloDocsFromContent(
  workshopId: WorkshopId,
  activityId: ActivityId,
  rounds: RoundsContent,
  newSoloDoc: () => Y.Doc,
  writeNote: (n: ScaleNote) => Y.Map<unknown>,
): Map<string, Y.Doc> {
  const out = new Map<string, Y.Doc>();
  for (const p of rounds.individual) {
    if (!isId(p.participantId) || p.notes.length === 0) continue;
    const doc = newSoloDoc();
    initSolo(doc, { workshopId, activityId, participantId: p.participantId });
    if (p.groupId && isId(p.groupId)) stampSoloGroup(doc, p.groupId);
    doc.transact(() => {
      const notes = doc.getMap<unknown>("notes");
      for (const n of p.notes) notes.set(n.id, writeNote(n));
    });
    out.set(soloDocName(workshopId, activityId, p.participantId), doc);
  }
  return out;
}
