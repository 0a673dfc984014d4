/**
 * A whole workshop as plain data, across all its documents: read with the model's validating readers, and
 * written back into fresh documents in the model's layout (an import). This is the one place that turns a
 * workshop into data and back, so a schema change is made here, beside the migrations, and the tests in
 * `test/content.test.ts` fail when a writer and this file disagree.
 *
 * Votes are data here as a count per note (what exports show), not per voter: voter ids identify people
 * across notes. Writing a count makes up voters `imported-<note number>-1`, `-2`, … that each vote on that
 * one note with at most `min(budget, LIMITS.dotsPerNote)` dots, so the model's count (`voteCounts`, which
 * counts at most the budget per voter) reads back the same number. The dots of one activity are bounded by
 * `importableVotes` (what `LIMITS.voters` people with the activity's budget can place), so they are written
 * as at most `LIMITS.voters` entries plus one per note, never one per dot.
 */
import {
  boardDocName,
  chartDocName,
  laneDocName,
  parseDocName,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import * as Y from "yjs";
import {
  type BoardActivity,
  type ChartActivity,
  MAX_VOTING_BUDGET,
  readTakingPart,
  readVoting,
  type ScaleActivity,
} from "./activities.ts";
import { ballotDots, sumBallots } from "./ballot.ts";
import { INSTRUCTIONS_MAX, MATERIAL_MAX, readBoardMaterial } from "./boardMaterial.ts";
import { type ChartNote, listChartNotes, voteCounts } from "./chart.ts";
import { readColour } from "./colours.ts";
import { setLocked, setRevealed } from "./control.ts";
import {
  appendMoves,
  historyDocName,
  listMoves,
  MAX_MOVES,
  type Move,
  moveValue,
  readMove,
} from "./history.ts";
import { type GroupId, isId } from "./ids.ts";
import { listNotes, type ScaleNote } from "./lane.ts";
import { listReasons, type Reason, readReason, reasonsMap } from "./reasons.ts";
import { type RoundsContent, readRoundsContent, soloDocsFromContent, writeRoundsFields } from "./rounds.ts";
import { CHART_KEYS, LANE_KEYS, metaMap, SCHEMA_VERSION, WORKSHOP_KEYS } from "./schema.ts";
import type { StatsThresholds } from "./stats.ts";
import { readStatsThresholdSettings, setStatsThresholds } from "./statsSettings.ts";
import {
  LIMITS,
  readBoolean,
  readDate,
  readFinite,
  readId,
  readNumber,
  readString,
  readTime,
} from "./validate.ts";
import {
  type Group,
  readWorkshop,
  readWorkshopLanguage,
  type WorkshopLanguage,
  type WorkshopMeta,
} from "./workshop.ts";

/** A chart or board note with the dots on it, counted as `voteCounts` counts them (at most the budget per voter). */
export interface ChartNoteContent extends Omit<ChartNote, "participantId"> {
  readonly votes: number;
}

/** One group's notes on a scale. */
export interface LaneContent {
  readonly groupId: GroupId;
  readonly notes: readonly ScaleNote[];
  /** The reasons added to its notes ("why here"), oldest first; absent in archives from before reasons. */
  readonly reasons?: readonly Reason[];
}

interface ActivityState {
  /** Locked by the facilitator (control state of the workshop document). */
  readonly locked: boolean;
}

export interface ScaleContent extends ScaleActivity, ActivityState {
  /** Groups whose lanes were revealed, sorted by id. */
  readonly revealed: readonly GroupId[];
  /** One lane per group of the workshop, in group order; empty when the group placed nothing. */
  readonly lanes: readonly LaneContent[];
  /** Its rounds and everyone's own scale (`rounds.ts`); absent when it never used rounds. */
  readonly rounds?: RoundsContent;
}

export interface ChartContent extends ChartActivity, ActivityState {
  /** In the chart document's order (order, then id). */
  readonly notes: readonly ChartNoteContent[];
}

export interface BoardContent extends BoardActivity, ActivityState {
  readonly notes: readonly ChartNoteContent[];
  /** What people respond to (a vignette's text); "" when there is none (`readBoardMaterial`). */
  readonly material: string;
  /** Instructions per column id, shown under each question; a column without any is absent. */
  readonly instructions: Readonly<Record<string, string>>;
}

export type ActivityContent = ScaleContent | ChartContent | BoardContent;

/** Everything a workshop holds that outlives the meeting (not the live control state: timer, current activity). */
export interface WorkshopContent {
  /** `language` only when it is not English, so an English workshop's archive is as it was before. */
  readonly meta: Omit<WorkshopMeta, "schemaVersion" | "language"> & { readonly language?: WorkshopLanguage };
  readonly meetingEnded: boolean;
  /** In display order. */
  readonly groups: readonly Group[];
  /** In agenda order. */
  readonly activities: readonly ActivityContent[];
  /**
   * Every move of a note on a scale, oldest first (`history.ts`), so an imported workshop replays the same;
   * absent in archives from before the history.
   */
  readonly moves?: readonly Move[];
  /** The flags' thresholds the facilitator set (`statsSettings.ts`); the rest are defaults. */
  readonly statsThresholds?: Partial<StatsThresholds>;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** The lane, chart and board documents among `docsByName`, by activity (and group); unparsable names are ignored. */
function indexDocs(docsByName: ReadonlyMap<string, Y.Doc>) {
  const lanes = new Map<string, Y.Doc>();
  const charts = new Map<string, Y.Doc>();
  const ballots = new Map<string, Y.Doc[]>();
  for (const [name, doc] of docsByName) {
    const parsed = parseDocName(name);
    if (!parsed) continue;
    if (parsed.kind === "lane") lanes.set(`${parsed.activityId}/${parsed.groupId}`, doc);
    else if (parsed.kind === "chart" || parsed.kind === "board") charts.set(parsed.activityId, doc);
    else if (parsed.kind === "ballot")
      ballots.set(parsed.activityId, [...(ballots.get(parsed.activityId) ?? []), doc]);
  }
  return { lanes, charts, ballots };
}

/**
 * A chart's notes with their dots: those in its ballots (each person's secret dots, counted for the
 * facilitator's exports whether or not they are revealed yet) and any left in the chart document by
 * voting from before ballots.
 */
function chartNotes(doc: Y.Doc | undefined, budget: number, ballots: readonly Y.Doc[]): ChartNoteContent[] {
  if (!doc) return [];
  const votes = voteCounts(doc, budget);
  for (const [noteId, n] of sumBallots(ballots.map(ballotDots), budget).counts)
    votes.set(noteId, (votes.get(noteId) ?? 0) + n);
  // Who may change a note (its participant id) is a live permission, not part of what the workshop said.
  return listChartNotes(doc).map(({ participantId: _, ...n }) => ({ ...n, votes: votes.get(n.id) ?? 0 }));
}

/**
 * Reads a whole workshop from its documents.
 *
 * @param docsByName the workshop's lane, chart and board documents under their document names (see
 *   `laneDocName`, `chartDocName`, `boardDocName`); a missing document reads as empty. Lanes of groups the
 *   workshop no longer has are left out (the workshop no longer names them).
 */
export function readWorkshopContent(
  workshopDoc: Y.Doc,
  docsByName: ReadonlyMap<string, Y.Doc>,
): WorkshopContent {
  const w = readWorkshop(workshopDoc);
  const { lanes, charts, ballots } = indexDocs(docsByName);
  const activities = w.activities.map((a): ActivityContent => {
    const locked = w.control.locked[a.id] === true;
    if (a.kind === "scale") {
      return {
        ...a,
        locked,
        revealed: [...(w.control.revealed[a.id] ?? [])],
        lanes: w.groups.map((g) => {
          const doc = lanes.get(`${a.id}/${g.id}`);
          return { groupId: g.id, notes: doc ? listNotes(doc) : [], reasons: doc ? listReasons(doc) : [] };
        }),
        ...withRounds(readRoundsContent(workshopDoc, a.id, docsByName)),
      };
    }
    const notes = chartNotes(charts.get(a.id), a.voting.budget, ballots.get(a.id) ?? []);
    if (a.kind === "chart") return { ...a, locked, notes };
    return { ...a, locked, notes, ...readBoardMaterial(workshopDoc, a.id) };
  });
  const { schemaVersion: _, language, ...rest } = w.meta;
  const meta = language === "en" ? rest : { ...rest, language };
  // The history document is the server's (`<workshopId>#moves`); its name does not parse as a client's.
  const history = [...docsByName].find(([name]) => name.endsWith("#moves"))?.[1];
  const moves = history ? listMoves(history) : [];
  return {
    meta,
    meetingEnded: w.control.meetingEnded,
    groups: w.groups,
    activities,
    moves,
    statsThresholds: readStatsThresholdSettings(workshopDoc),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/**
 * The most dots a chart or board with this budget can hold, on one note or on all its notes together: what
 * `LIMITS.voters` people can place with `budget` dots each (at most `LIMITS.dotsPerNote` on one note).
 */
export function importableVotes(budget: number): number {
  return LIMITS.voters * dotsPerImportedVoter(budget);
}

const dotsPerImportedVoter = (budget: number): number =>
  Math.min(LIMITS.dotsPerNote, Math.floor(readNumber(budget, 1, MAX_VOTING_BUDGET, 1)));

function itemMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

/** `{ rounds }` when there are rounds, else nothing (so content without rounds is as before). */
const withRounds = (rounds: RoundsContent | undefined) => (rounds ? { rounds } : {});

function newDoc(keys: readonly string[], meta: Record<string, unknown>): Y.Doc {
  const doc = new Y.Doc();
  for (const key of keys) doc.getMap(key);
  const m = metaMap(doc);
  m.set("schemaVersion", SCHEMA_VERSION);
  for (const [k, v] of Object.entries(meta)) m.set(k, v);
  return doc;
}

const pos = (v: number): number => readNumber(v, 0, 100, 50);
const text = (v: string, max: number): string => readString(v, max);

function writeActivity(a: ActivityContent): Y.Map<unknown> {
  const m = itemMap({
    kind: a.kind,
    title: text(a.title, LIMITS.title),
    prompt: text(a.prompt, LIMITS.prompt),
    order: readFinite(a.order, 0),
  });
  const takingPart = a.takingPart === null ? null : readTakingPart([...a.takingPart]);
  if (takingPart !== null) m.set("groups", takingPart);
  if (a.openBetweenMeetings === true) m.set("openBetweenMeetings", true);
  const duration = a.durationMs === null ? 0 : Math.floor(readNumber(a.durationMs, 0, LIMITS.timerMs, 0));
  if (duration > 0) m.set("durationMs", duration);
  const items = (list: readonly { id: string; text: string }[], key: string, max: number) => {
    const arr = new Y.Array<unknown>();
    arr.push(list.map((x) => itemMap({ id: x.id, [key]: text(x.text, max) })));
    return arr;
  };
  if (a.kind === "scale") {
    m.set("leftLabel", text(a.leftLabel, LIMITS.name));
    m.set("rightLabel", text(a.rightLabel, LIMITS.name));
    m.set("aspects", items(a.aspects, "text", LIMITS.aspect));
    if (a.rounds) writeRoundsFields(m, a.rounds);
    return m;
  }
  if (a.kind === "chart") {
    const about = a.about;
    m.set("about", {
      text: text(about.text, LIMITS.title),
      ...(about.activityId ? { activityId: about.activityId } : {}),
      ...(about.aspectId ? { aspectId: about.aspectId } : {}),
    });
  }
  if (a.kind === "board") {
    const material = text(a.material, MATERIAL_MAX);
    if (material) m.set("material", material);
    const known = new Set<string>(a.columns.map((c) => c.id));
    const kept = Object.entries(a.instructions).flatMap(([columnId, value]): [string, string][] => {
      const t = text(value, INSTRUCTIONS_MAX);
      return t && known.has(columnId) ? [[columnId, t]] : [];
    });
    // A Y.Map not yet in a document cannot tell its size, so decide on the plain list.
    if (kept.length > 0) m.set("instructions", new Y.Map<unknown>(kept));
  }
  m.set("voting", { ...readVoting(a.voting) });
  m.set(
    "columns",
    items(
      a.columns.map((c) => ({ id: c.id, text: c.title })),
      "title",
      LIMITS.title,
    ),
  );
  return m;
}

function writeScaleNote(n: ScaleNote): Y.Map<unknown> {
  return itemMap({
    text: text(n.text, LIMITS.noteText),
    colour: readColour(n.colour),
    x: pos(n.x),
    y: pos(n.y),
    aspectId: readId(n.aspectId),
    author: text(n.author, LIMITS.name),
    createdAt: readTime(n.createdAt),
    updatedAt: readTime(n.updatedAt),
  });
}

function writeReason(r: Reason): Y.Map<unknown> {
  return itemMap({
    noteId: r.noteId,
    text: r.text,
    groupId: r.groupId,
    author: r.author,
    createdAt: r.createdAt,
  });
}

function writeChartNote(n: ChartNoteContent): Y.Map<unknown> {
  return itemMap({
    text: text(n.text, LIMITS.noteText),
    colour: readColour(n.colour),
    columnId: n.columnId,
    order: readFinite(n.order, 0),
    author: text(n.author, LIMITS.name),
    groupId: readId(n.groupId),
    createdAt: readTime(n.createdAt),
    updatedAt: readTime(n.updatedAt),
    // Written for someone (OWN-4): kept by an import, and only as the readers accept it.
    ...(typeof n.writtenFor === "string" ? { writtenFor: text(n.writtenFor, LIMITS.name) } : {}),
    ...(typeof n.writtenFor === "string" && (n.scribe === "facilitator" || n.scribe === "participant")
      ? { scribe: n.scribe }
      : {}),
  });
}

/**
 * Writes a workshop into fresh documents, stamped with the current `SCHEMA_VERSION`: reading them back with
 * `readWorkshopContent` gives the same content (ids, texts, positions, orders, vote counts). Values are
 * clamped by the same rules the readers apply, and an activity's dots are cut to `importableVotes(budget)`,
 * so whatever the caller passes, the work and the documents' size stay proportional to the content.
 *
 * Only lanes, charts and boards with notes get a document: a lane nobody wrote in has none on a server
 * either.
 *
 * @returns every document by name, the workshop document (`workshopDocName(workshopId)`) first.
 */
export function writeWorkshopContent(content: WorkshopContent, workshopId: WorkshopId): Map<string, Y.Doc> {
  const docs = new Map<string, Y.Doc>();
  const { meta } = content;
  const workshopDoc = newDoc(WORKSHOP_KEYS, {
    kind: "workshop",
    id: workshopId,
    title: text(meta.title, LIMITS.title),
    date: readDate(meta.date),
    description: text(meta.description, LIMITS.prompt),
    anonymous: readBoolean(meta.anonymous),
    createdAt: readTime(meta.createdAt),
    ...(readWorkshopLanguage(meta.language) === "en"
      ? {}
      : { language: readWorkshopLanguage(meta.language) }),
  });
  docs.set(workshopDocName(workshopId), workshopDoc);
  workshopDoc.transact(() => {
    workshopDoc.getMap<unknown>("control").set("meetingEnded", readBoolean(content.meetingEnded));
    const thresholds = content.statsThresholds ?? {};
    if (Object.keys(thresholds).length > 0) setStatsThresholds(workshopDoc, thresholds);
    const groups = workshopDoc.getMap<unknown>("groups");
    for (const g of content.groups) {
      groups.set(
        g.id,
        itemMap({
          name: text(g.name, LIMITS.name),
          colour: readColour(g.colour),
          order: readFinite(g.order, 0),
          createdAt: readTime(g.createdAt),
        }),
      );
    }
    const activities = workshopDoc.getMap<unknown>("activities");
    for (const a of content.activities) activities.set(a.id, writeActivity(a));
    for (const a of content.activities) {
      if (a.locked) setLocked(workshopDoc, a.id, true);
      if (a.kind === "scale") for (const g of a.revealed) setRevealed(workshopDoc, a.id, g, true);
    }
  });

  const scales = new Set(content.activities.filter((a) => a.kind === "scale").map((a) => a.id as string));
  const groupIds = new Set(content.groups.map((g) => g.id as string));
  const moves = (content.moves ?? []).slice(0, MAX_MOVES).flatMap((m) => {
    const read = readMove(moveValue(m));
    return read && scales.has(read.activityId) && groupIds.has(read.groupId) ? [read] : [];
  });
  if (moves.length > 0) {
    const history = new Y.Doc();
    appendMoves(history, moves);
    docs.set(historyDocName(workshopId), history);
  }

  for (const a of content.activities) {
    if (a.kind === "scale") {
      for (const lane of a.lanes) {
        if (lane.notes.length === 0 && (lane.reasons ?? []).length === 0) continue;
        const doc = newDoc(LANE_KEYS, {
          kind: "lane",
          workshopId,
          activityId: a.id,
          groupId: lane.groupId,
        });
        doc.transact(() => {
          const notes = doc.getMap<unknown>("notes");
          for (const n of lane.notes) notes.set(n.id, writeScaleNote(n));
          const reasons = reasonsMap(doc);
          for (const r of lane.reasons ?? []) {
            const read = readReason(r.id, r);
            if (read && isId(r.id)) reasons.set(r.id, writeReason(read));
          }
        });
        docs.set(laneDocName(workshopId, a.id, lane.groupId), doc);
      }
      if (a.rounds) {
        const solos = soloDocsFromContent(
          workshopId,
          a.id,
          a.rounds,
          () => newDoc(LANE_KEYS, {}),
          writeScaleNote,
        );
        for (const [name, doc] of solos) docs.set(name, doc);
      }
      continue;
    }
    if (a.notes.length === 0) continue;
    const doc = newDoc(CHART_KEYS, { kind: a.kind, workshopId, activityId: a.id });
    doc.transact(() => {
      const notes = doc.getMap<unknown>("notes");
      const votes = doc.getMap<unknown>("votes");
      const { budget } = readVoting(a.voting);
      const most = dotsPerImportedVoter(budget);
      // What is left of the activity's dots; a larger count than the archive parser allows is cut here.
      let unplaced = importableVotes(budget);
      a.notes.forEach((n, index) => {
        notes.set(n.id, writeChartNote(n));
        let left = Math.floor(readNumber(n.votes, 0, unplaced, 0));
        unplaced -= left;
        for (let voter = 1; left > 0; voter++) {
          const dots = Math.min(most, left);
          votes.set(`${n.id}:imported-${index + 1}-${voter}`, dots);
          left -= dots;
        }
      });
    });
    docs.set((a.kind === "chart" ? chartDocName : boardDocName)(workshopId, a.id), doc);
  }
  return docs;
}
