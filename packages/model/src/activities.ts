/**
 * The agenda: the activities of a workshop, in the workshop document's `activities` map.
 *
 * Layout of one activity (a Y.Map under its id):
 * - all kinds: `kind`, `title`, `prompt`, `order`; since schema 2 also `groups` (plain array of the group ids
 *   taking part; absent = every group), `openBetweenMeetings` (true = stays writable after the meeting
 *   ends, ACC-10), `durationMs` (planned length, for the timer; absent = none)
 * - chart and board: since schema 2 `voting` (plain object `{ open, revealed, budget }`, see voting.ts)
 * - scale: `leftLabel`, `rightLabel`, `aspects` (Y.Array of Y.Map `{ id, text }`)
 * - chart: `about` (plain object or Y.Map `{ text, activityId?, aspectId? }`), `columns` (Y.Array of Y.Map `{ id, title }`)
 * - board: `columns`, each headed by one of the board's prompts
 */
import type { ActivityKind } from "@continuum/protocol";
import * as Y from "yjs";
import { fnv1a } from "./hash.ts";
import {
  type ActivityId,
  type AspectId,
  type ColumnId,
  type GroupId,
  isId,
  newActivityId,
  newAspectId,
  newColumnId,
} from "./ids.ts";
import {
  asRecord,
  asYArray,
  asYMap,
  byOrderThenId,
  compareStrings,
  LIMITS,
  orderAfter,
  orderAt,
  readBoolean,
  readEntries,
  readFinite,
  readId,
  readNumber,
  readString,
  truncate,
} from "./validate.ts";

/** A prepared aspect of a scale activity: something participants place on the scale. */
export interface Aspect {
  /** Stable id; a lane's note for this aspect has the id `noteIdForAspect(id)`. */
  readonly id: AspectId;
  /** The wording the facilitator prepared, e.g. "Location of meetings". */
  readonly text: string;
}

/** A column of a chart (e.g. "Pros") or of a prompt board (headed by a prompt). */
export interface Column {
  /** Stable id that chart notes refer to, so renaming a column keeps its notes. */
  readonly id: ColumnId;
  /** The heading people see. */
  readonly title: string;
}

/** What a chart is about: usually one aspect of a scale activity, always with a sentence people can read. */
export interface ChartAbout {
  /** The sentence shown on the chart, e.g. "Patients may refer themselves". */
  readonly text: string;
  /** The scale activity the aspect comes from, when the chart follows one (for the write-up). */
  readonly activityId?: ActivityId;
  /** The aspect, when the chart is about a prepared one. */
  readonly aspectId?: AspectId;
}

interface ActivityBase {
  /** Stable id; also part of the names of the activity's own documents. */
  readonly id: ActivityId;
  /** Short heading on the agenda. */
  readonly title: string;
  /** The question or instruction participants see; may be empty. */
  readonly prompt: string;
  /** Fractional position on the agenda; ties (concurrent appends) are broken by id. */
  readonly order: number;
  /**
   * The groups taking part, sorted by id; null = every group (the default). A group that does not take part
   * may look at the activity's documents but not change them (protocol ACC-9).
   */
  readonly takingPart: readonly GroupId[] | null;
  /** Left open after the meeting ends, so people add to it in their own time (ACC-10) until it is locked. */
  readonly openBetweenMeetings: boolean;
  /** Planned length (ms) the facilitator's timer starts from; null when none is planned. */
  readonly durationMs: number | null;
}

/** Dot voting on a chart or board. Set by the facilitator in the workshop document, so participants cannot change it. */
export interface Voting {
  /** People may place and take back dots. */
  readonly open: boolean;
  /** Counts are shown to everyone (and notes can be sorted by them). */
  readonly revealed: boolean;
  /** Dots each person may place in this activity (the server holds each person's ballot to it). */
  readonly budget: number;
  /**
   * Which round of voting this is: "Clear dots" starts the next, and the server empties every ballot of an
   * earlier round. Absent (0) until the first clear.
   */
  readonly round?: number;
}

export const DEFAULT_VOTING: Voting = { open: false, revealed: false, budget: 3 };
/** Most dots a facilitator can give each person. */
export const MAX_VOTING_BUDGET = 20;

/** A sliding scale: each group places notes between two labelled ends in its own lane. */
export interface ScaleActivity extends ActivityBase {
  /** Tells the union apart; an unknown kind (from a newer client) is skipped by readers. */
  readonly kind: "scale";
  /** Label of the x = 0 end. */
  readonly leftLabel: string;
  /** Label of the x = 100 end. */
  readonly rightLabel: string;
  /** Prepared aspects, in the facilitator's order. */
  readonly aspects: readonly Aspect[];
}

/** A shared chart of pros, cons and implications (or other columns) about one thing. */
export interface ChartActivity extends ActivityBase {
  readonly kind: "chart";
  readonly about: ChartAbout;
  readonly columns: readonly Column[];
  readonly voting: Voting;
}

/** A prompt board: one column per prompt, shared by everyone (like the between-meetings online platform). */
export interface BoardActivity extends ActivityBase {
  readonly kind: "board";
  /** One column per prompt; the column title is the prompt. */
  readonly columns: readonly Column[];
  readonly voting: Voting;
}

export type Activity = ScaleActivity | ChartActivity | BoardActivity;

export const DEFAULT_LEFT_LABEL = "About choice";
export const DEFAULT_RIGHT_LABEL = "Set in stone";
export const DEFAULT_CHART_COLUMNS: readonly string[] = ["Pros", "Cons", "Implications"];

const KINDS: readonly ActivityKind[] = ["scale", "chart", "board"];

/** The `activities` map of a workshop document. */
export const activitiesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("activities");

// ---------------------------------------------------------------------------------------------------------
// Reading

/** Reads `{ id, text|title }` items of a Y.Array, skipping bad items and later duplicates of an id. */
function readItems<I extends string>(
  value: unknown,
  textKey: string,
  max: number,
): { id: I; text: string }[] {
  const arr = asYArray(value);
  if (!arr) return [];
  const seen = new Set<string>();
  const out: { id: I; text: string }[] = [];
  for (const item of arr) {
    const m = asYMap(item);
    if (!m) continue;
    const id = readId<I>(m.get("id"));
    // A column moved concurrently on two replicas exists twice (see `moveColumn`): keep the first copy.
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, text: readString(m.get(textKey), max) });
  }
  return out;
}

function readColumns(value: unknown): Column[] {
  return readItems<ColumnId>(value, "title", LIMITS.title).map(({ id, text }) => ({ id, title: text }));
}

function readAbout(value: unknown): ChartAbout {
  const r = asRecord(value);
  if (!r) return { text: typeof value === "string" ? truncate(value, LIMITS.title) : "" };
  const activityId = readId<ActivityId>(r.activityId);
  const aspectId = readId<AspectId>(r.aspectId);
  return {
    text: readString(r.text, LIMITS.title),
    ...(activityId ? { activityId } : {}),
    ...(aspectId ? { aspectId } : {}),
  };
}

/** The stored `groups` of an activity: a plain array of ids, or null (every group) for anything else. */
export function readTakingPart(value: unknown): GroupId[] | null {
  if (!Array.isArray(value)) return null;
  return [...new Set(value.filter(isId) as GroupId[])].sort(compareStrings);
}

export function readVoting(value: unknown): Voting {
  const r = asRecord(value);
  if (!r) return DEFAULT_VOTING;
  return {
    open: readBoolean(r.open),
    revealed: readBoolean(r.revealed),
    budget: Math.floor(readNumber(r.budget, 1, MAX_VOTING_BUDGET, DEFAULT_VOTING.budget)),
    // Only a cleared vote carries its round, so a vote never cleared reads (and archives) as before.
    ...(Math.floor(readNumber(r.round, 0, 1_000_000, 0)) > 0
      ? { round: Math.floor(readNumber(r.round, 0, 1_000_000, 0)) }
      : {}),
  };
}

function readDuration(value: unknown): number | null {
  const ms = readNumber(value, 0, LIMITS.timerMs, Number.NaN);
  return Number.isNaN(ms) || ms === 0 ? null : Math.floor(ms);
}

/** Reads one stored activity; null when it is not a Y.Map or has an unknown kind (e.g. from a newer client). */
export function readActivity(id: ActivityId, value: unknown): Activity | null {
  const m = asYMap(value);
  if (!m) return null;
  const kind = m.get("kind");
  if (!KINDS.includes(kind as ActivityKind)) return null;
  const base = {
    id,
    title: readString(m.get("title"), LIMITS.title),
    prompt: readString(m.get("prompt"), LIMITS.prompt),
    order: readFinite(m.get("order"), 0),
    takingPart: readTakingPart(m.get("groups")),
    openBetweenMeetings: readBoolean(m.get("openBetweenMeetings")),
    durationMs: readDuration(m.get("durationMs")),
  };
  switch (kind as ActivityKind) {
    case "scale":
      return {
        ...base,
        kind: "scale",
        // A missing label falls back to the default; an empty one is what the facilitator chose.
        leftLabel:
          typeof m.get("leftLabel") === "string"
            ? readString(m.get("leftLabel"), LIMITS.name)
            : DEFAULT_LEFT_LABEL,
        rightLabel:
          typeof m.get("rightLabel") === "string"
            ? readString(m.get("rightLabel"), LIMITS.name)
            : DEFAULT_RIGHT_LABEL,
        aspects: readItems<AspectId>(m.get("aspects"), "text", LIMITS.aspect),
      };
    case "chart":
      return {
        ...base,
        kind: "chart",
        about: readAbout(m.get("about")),
        columns: readColumns(m.get("columns")),
        voting: readVoting(m.get("voting")),
      };
    case "board":
      return {
        ...base,
        kind: "board",
        columns: readColumns(m.get("columns")),
        voting: readVoting(m.get("voting")),
      };
  }
}

/** Every valid activity, in agenda order. */
export function listActivities(doc: Y.Doc): Activity[] {
  return readEntries<ActivityId, Activity>(activitiesMap(doc), readActivity, byOrderThenId);
}

/** One activity, or undefined if it does not exist or is not valid. */
export function getActivity(doc: Y.Doc, id: ActivityId): Activity | undefined {
  return readActivity(id, activitiesMap(doc).get(id)) ?? undefined;
}

/** The kind of an activity without reading the rest of it (cheap: used on every permission check). */
export function activityKindOf(doc: Y.Doc, id: ActivityId): ActivityKind | undefined {
  const m = asYMap(activitiesMap(doc).get(id));
  const kind = m?.get("kind");
  return KINDS.includes(kind as ActivityKind) ? (kind as ActivityKind) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

function itemMap(id: string, key: string, text: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set("id", id);
  m.set(key, text);
  return m;
}

function newActivityMap(kind: ActivityKind, title: string, prompt: string, order: number): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set("kind", kind);
  m.set("title", truncate(title, LIMITS.title));
  m.set("prompt", truncate(prompt, LIMITS.prompt));
  m.set("order", order);
  return m;
}

function columnsArray(titles: readonly string[]): Y.Array<unknown> {
  const arr = new Y.Array<unknown>();
  arr.push(titles.map((t) => itemMap(newColumnId(), "title", truncate(t, LIMITS.title))));
  return arr;
}

/** The order for a new activity: at the end, or at `index` on the agenda (clamped). */
function nextOrder(doc: Y.Doc, index?: number): number {
  const orders = listActivities(doc).map((a) => a.order);
  return index === undefined ? orderAfter(orders) : orderAt(orders, index);
}

/** Options every new activity takes (schema 2). */
export interface NewActivityOptions {
  /** Position on the agenda; the end by default. */
  index?: number;
  /** Group ids taking part; every group by default. */
  takingPart?: readonly GroupId[] | null;
  openBetweenMeetings?: boolean;
  durationMs?: number | null;
  /** A fixed id (tests, imports, derived ids); a new random one by default. */
  id?: ActivityId;
}

function writeOptions(m: Y.Map<unknown>, input: NewActivityOptions): void {
  if (input.takingPart) m.set("groups", readTakingPart([...input.takingPart]));
  if (input.openBetweenMeetings) m.set("openBetweenMeetings", true);
  const ms = readDuration(input.durationMs);
  if (ms !== null) m.set("durationMs", ms);
}

function normaliseAbout(about: string | ChartAbout | undefined): ChartAbout {
  if (about === undefined) return { text: "" };
  if (typeof about === "string") return { text: truncate(about, LIMITS.title) };
  return readAbout(about);
}

export interface NewScaleActivity extends NewActivityOptions {
  title: string;
  prompt?: string;
  leftLabel?: string;
  rightLabel?: string;
  aspects?: readonly string[];
}

/** Appends a scale activity to the agenda. */
export function addScaleActivity(doc: Y.Doc, input: NewScaleActivity): ActivityId {
  const id = input.id ?? newActivityId();
  doc.transact(() => {
    const m = newActivityMap("scale", input.title, input.prompt ?? "", nextOrder(doc, input.index));
    writeOptions(m, input);
    m.set("leftLabel", truncate(input.leftLabel ?? DEFAULT_LEFT_LABEL, LIMITS.name));
    m.set("rightLabel", truncate(input.rightLabel ?? DEFAULT_RIGHT_LABEL, LIMITS.name));
    const aspects = new Y.Array<unknown>();
    aspects.push(
      (input.aspects ?? []).map((t) => itemMap(newAspectId(), "text", truncate(t, LIMITS.aspect))),
    );
    m.set("aspects", aspects);
    activitiesMap(doc).set(id, m);
  });
  return id;
}

export interface NewChartActivity extends NewActivityOptions {
  title: string;
  prompt?: string;
  /** What the chart is about; a string is taken as the sentence alone. */
  about?: string | ChartAbout;
  /** Column titles; "Pros", "Cons", "Implications" by default. */
  columns?: readonly string[];
}

/** Appends a chart activity to the agenda. */
export function addChartActivity(doc: Y.Doc, input: NewChartActivity): ActivityId {
  const id = input.id ?? newActivityId();
  doc.transact(() => {
    const m = newActivityMap("chart", input.title, input.prompt ?? "", nextOrder(doc, input.index));
    writeOptions(m, input);
    // Stored as a plain object: it is always replaced as a whole, so a nested shared type would add nothing.
    m.set("about", { ...normaliseAbout(input.about) });
    m.set("columns", columnsArray(input.columns ?? DEFAULT_CHART_COLUMNS));
    activitiesMap(doc).set(id, m);
  });
  return id;
}

export interface NewBoardActivity extends NewActivityOptions {
  title: string;
  prompt?: string;
  /** One column per prompt, e.g. "Surprising or interesting things", "Ways to improve". */
  prompts: readonly string[];
}

/** Appends a prompt board to the agenda. */
export function addBoardActivity(doc: Y.Doc, input: NewBoardActivity): ActivityId {
  const id = input.id ?? newActivityId();
  doc.transact(() => {
    const m = newActivityMap("board", input.title, input.prompt ?? "", nextOrder(doc, input.index));
    writeOptions(m, input);
    m.set("columns", columnsArray(input.prompts));
    activitiesMap(doc).set(id, m);
  });
  return id;
}

/** Fields an activity can change; fields that do not apply to its kind are ignored. */
export interface ActivityPatch {
  title?: string;
  prompt?: string;
  /** Scale only. */
  leftLabel?: string;
  /** Scale only. */
  rightLabel?: string;
  /** Chart only. */
  about?: string | ChartAbout;
}

/** Changes an activity's fields. Returns false if there is no such activity. */
export function updateActivity(doc: Y.Doc, id: ActivityId, patch: ActivityPatch): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  const kind = activityKindOf(doc, id);
  if (!m || !kind) return false;
  doc.transact(() => {
    if (patch.title !== undefined) m.set("title", truncate(patch.title, LIMITS.title));
    if (patch.prompt !== undefined) m.set("prompt", truncate(patch.prompt, LIMITS.prompt));
    if (kind === "scale" && patch.leftLabel !== undefined)
      m.set("leftLabel", truncate(patch.leftLabel, LIMITS.name));
    if (kind === "scale" && patch.rightLabel !== undefined)
      m.set("rightLabel", truncate(patch.rightLabel, LIMITS.name));
    if (kind === "chart" && patch.about !== undefined) m.set("about", { ...normaliseAbout(patch.about) });
  });
  return true;
}

/**
 * Removes an activity, its locks and reveals, and unsets it as the current activity. Its lane, chart or
 * board documents are separate documents: the server archives or deletes them.
 */
export function removeActivity(doc: Y.Doc, id: ActivityId): boolean {
  const map = activitiesMap(doc);
  if (!map.has(id)) return false;
  doc.transact(() => {
    map.delete(id);
    doc.getMap<unknown>("locks").delete(id);
    const reveals = doc.getMap<unknown>("reveals");
    for (const key of Array.from(reveals.keys())) if (key.startsWith(`${id}:`)) reveals.delete(key);
    const control = doc.getMap<unknown>("control");
    if (control.get("currentActivity") === id) control.set("currentActivity", null);
  });
  return true;
}

/** Moves an activity to `toIndex` on the agenda (clamped), by giving it an order between its new neighbours. */
export function moveActivity(doc: Y.Doc, id: ActivityId, toIndex: number): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  if (!m || !activityKindOf(doc, id)) return false;
  const others = listActivities(doc).filter((a) => a.id !== id);
  doc.transact(() => {
    m.set(
      "order",
      orderAt(
        others.map((a) => a.order),
        toIndex,
      ),
    );
  });
  return true;
}

// Aspects -------------------------------------------------------------------------------------------------

function itemsOf(doc: Y.Doc, activityId: ActivityId, key: "aspects" | "columns"): Y.Array<unknown> | null {
  return asYArray(asYMap(activitiesMap(doc).get(activityId))?.get(key));
}

/** Y.Array indices (descending, so deleting in order is safe) of every copy of an item. */
function indicesOf(arr: Y.Array<unknown>, id: string): number[] {
  const out: number[] = [];
  arr.forEach((item, i) => {
    if (asYMap(item)?.get("id") === id) out.unshift(i);
  });
  return out;
}

function renameItem(
  doc: Y.Doc,
  arr: Y.Array<unknown> | null,
  id: string,
  key: string,
  text: string,
): boolean {
  if (!arr) return false;
  const idx = indicesOf(arr, id);
  if (idx.length === 0) return false;
  doc.transact(() => {
    for (const i of idx) asYMap(arr.get(i))?.set(key, text);
  });
  return true;
}

function removeItem(doc: Y.Doc, arr: Y.Array<unknown> | null, id: string): boolean {
  if (!arr) return false;
  const idx = indicesOf(arr, id);
  if (idx.length === 0) return false;
  doc.transact(() => {
    for (const i of idx) arr.delete(i, 1);
  });
  return true;
}

/**
 * Adds a prepared aspect to a scale activity. Throws if there is no such scale activity: that is a
 * programming error (or a race with its removal in another tab), and returning an id that was never
 * written would be worse. Readers never throw; writers may, on bad arguments.
 */
export function addAspect(doc: Y.Doc, activityId: ActivityId, text: string, id?: AspectId): AspectId {
  const arr = activityKindOf(doc, activityId) === "scale" ? itemsOf(doc, activityId, "aspects") : null;
  if (!arr) throw new Error(`addAspect: no scale activity ${activityId}`);
  const aspectId = id ?? newAspectId();
  doc.transact(() => arr.push([itemMap(aspectId, "text", truncate(text, LIMITS.aspect))]));
  return aspectId;
}

/** Rewords an aspect. Notes already placed keep the text they were placed with (see lane.ts). */
export function renameAspect(doc: Y.Doc, activityId: ActivityId, aspectId: AspectId, text: string): boolean {
  return renameItem(
    doc,
    itemsOf(doc, activityId, "aspects"),
    aspectId,
    "text",
    truncate(text, LIMITS.aspect),
  );
}

/** Removes a prepared aspect. Notes already placed in lanes stay: they are what the group decided. */
export function removeAspect(doc: Y.Doc, activityId: ActivityId, aspectId: AspectId): boolean {
  return removeItem(doc, itemsOf(doc, activityId, "aspects"), aspectId);
}

// Columns -------------------------------------------------------------------------------------------------

function columnsOf(doc: Y.Doc, activityId: ActivityId): Y.Array<unknown> | null {
  const kind = activityKindOf(doc, activityId);
  return kind === "chart" || kind === "board" ? itemsOf(doc, activityId, "columns") : null;
}

/** Adds a column to a chart or board (at the end, or at `index`). Throws if there is no such chart or board. */
export function addColumn(
  doc: Y.Doc,
  activityId: ActivityId,
  title: string,
  index?: number,
  id?: ColumnId,
): ColumnId {
  const arr = columnsOf(doc, activityId);
  if (!arr) throw new Error(`addColumn: no chart or board activity ${activityId}`);
  const columnId = id ?? newColumnId();
  const at = index === undefined ? arr.length : Math.max(0, Math.min(arr.length, Math.trunc(index) || 0));
  doc.transact(() => arr.insert(at, [itemMap(columnId, "title", truncate(title, LIMITS.title))]));
  return columnId;
}

export function renameColumn(doc: Y.Doc, activityId: ActivityId, columnId: ColumnId, title: string): boolean {
  return renameItem(doc, columnsOf(doc, activityId), columnId, "title", truncate(title, LIMITS.title));
}

/**
 * Removes a column. Notes in it stay in the chart document with a column id that no longer exists;
 * `groupChartNotes` reports them as orphans so the facilitator can move them instead of losing them.
 */
export function removeColumn(doc: Y.Doc, activityId: ActivityId, columnId: ColumnId): boolean {
  return removeItem(doc, columnsOf(doc, activityId), columnId);
}

/**
 * Moves a column to `toIndex` (an index into `columns` as read). A Y.Array cannot move an item, so this
 * deletes it and inserts a copy with the same id. If two people move the same column at the same time,
 * both copies survive the merge; readers keep the first, and the next move or removal deletes every copy.
 * A rename made concurrently with a move is lost; only facilitators edit columns, so this is rare.
 */
export function moveColumn(doc: Y.Doc, activityId: ActivityId, columnId: ColumnId, toIndex: number): boolean {
  const arr = columnsOf(doc, activityId);
  if (!arr) return false;
  const columns = readColumns(arr);
  const column = columns.find((c) => c.id === columnId);
  if (!column) return false;
  const rest = columns.filter((c) => c.id !== columnId);
  const target = Math.max(0, Math.min(rest.length, Math.trunc(toIndex) || 0));
  doc.transact(() => {
    for (const i of indicesOf(arr, columnId)) arr.delete(i, 1);
    // Insert before the column that will follow it, found by id because duplicates or invalid items may sit
    // between the valid columns in the raw array.
    const next = rest[target];
    const at = next ? (indicesOf(arr, next.id).at(-1) ?? arr.length) : arr.length;
    arr.insert(at, [itemMap(columnId, "title", column.title)]);
  });
  return true;
}

// Who takes part, between meetings, planned length, voting ------------------------------------------------

/**
 * Sets the groups taking part in an activity (ACC-9): a list of group ids, or null for every group. A scale
 * is worked by each taking-part group separately (one lane each); a chart or board by all of them together.
 */
export function setTakingPart(doc: Y.Doc, id: ActivityId, groups: readonly GroupId[] | null): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  if (!m || !activityKindOf(doc, id)) return false;
  doc.transact(() => {
    if (groups === null) m.delete("groups");
    else m.set("groups", readTakingPart([...groups]));
  });
  return true;
}

/** Whether a group takes part in an activity (false for an activity that does not exist). */
export function takesPart(doc: Y.Doc, id: ActivityId, groupId: GroupId): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  if (!m) return false;
  const groups = readTakingPart(m.get("groups"));
  return groups === null || groups.includes(groupId);
}

/** Leaves an activity open after the meeting ends (ACC-10), or not. Closing it later is `setLocked(…, true)`. */
export function setOpenBetweenMeetings(doc: Y.Doc, id: ActivityId, open: boolean): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  if (!m || !activityKindOf(doc, id)) return false;
  doc.transact(() => {
    if (open) m.set("openBetweenMeetings", true);
    else m.delete("openBetweenMeetings");
  });
  return true;
}

/** Whether an activity is left open between meetings; cheap, for permission checks. */
export function isOpenBetweenMeetings(doc: Y.Doc, id: ActivityId): boolean {
  return readBoolean(asYMap(activitiesMap(doc).get(id))?.get("openBetweenMeetings"));
}

/** Sets (or clears, with null or 0) the planned length of an activity. */
export function setPlannedDuration(doc: Y.Doc, id: ActivityId, durationMs: number | null): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  if (!m || !activityKindOf(doc, id)) return false;
  const ms = readDuration(durationMs);
  doc.transact(() => {
    if (ms === null) m.delete("durationMs");
    else m.set("durationMs", ms);
  });
  return true;
}

/**
 * Changes the dot voting of a chart or board. Opening a vote does not clear earlier dots: call
 * `clearVotes` on the chart document for a fresh round. Returns false if there is no such chart or board.
 */
export function setVoting(doc: Y.Doc, id: ActivityId, patch: Partial<Voting>): boolean {
  const m = asYMap(activitiesMap(doc).get(id));
  const kind = activityKindOf(doc, id);
  if (!m || (kind !== "chart" && kind !== "board")) return false;
  const current = readVoting(m.get("voting"));
  // A plain object replaced as a whole, like the timer: the fields only make sense together.
  const next = readVoting({ ...current, ...patch });
  doc.transact(() => m.set("voting", { ...next }));
  return true;
}

/** The voting state of a chart or board (the default, closed, for anything else). */
export function getVoting(doc: Y.Doc, id: ActivityId): Voting {
  const kind = activityKindOf(doc, id);
  if (kind !== "chart" && kind !== "board") return DEFAULT_VOTING;
  return readVoting(asYMap(activitiesMap(doc).get(id))?.get("voting"));
}

// Charts about an aspect ----------------------------------------------------------------------------------

/**
 * The id of the chart opened from a scale's aspect (or from a note's text). Derived, not random, so two
 * facilitator tabs pressing "Open chart" at once write the same key and converge on one chart.
 */
export function chartIdForAspect(
  scaleActivityId: ActivityId,
  about: AspectId | { text: string },
): ActivityId {
  const key = typeof about === "string" ? `${scaleActivityId}/${about}` : `${scaleActivityId}#${about.text}`;
  return `c_${fnv1a(key)}${fnv1a(`${key}#`)}` as ActivityId;
}

/** The chart about an aspect (or about a sentence) of a scale activity, if there is one. */
export function findChartForAspect(
  doc: Y.Doc,
  scaleActivityId: ActivityId,
  about: AspectId | { text: string },
): ChartActivity | undefined {
  for (const a of listActivities(doc)) {
    if (a.kind !== "chart" || a.about.activityId !== scaleActivityId) continue;
    if (
      typeof about === "string"
        ? a.about.aspectId === about
        : !a.about.aspectId && a.about.text === about.text
    )
      return a;
  }
  return undefined;
}

function openChart(
  doc: Y.Doc,
  scaleActivityId: ActivityId,
  about: AspectId | { text: string },
  aboutValue: ChartAbout,
): ActivityId {
  const existing = findChartForAspect(doc, scaleActivityId, about);
  if (existing) return existing.id;
  const list = listActivities(doc);
  // After the scale and any charts that already follow from it, so the agenda reads in the order of the day.
  let index = list.findIndex((a) => a.id === scaleActivityId) + 1;
  while (list[index]?.kind === "chart" && (list[index] as ChartActivity).about.activityId === scaleActivityId)
    index++;
  return addChartActivity(doc, {
    id: chartIdForAspect(scaleActivityId, about),
    title: `Pros, cons and implications: ${aboutValue.text}`,
    prompt: "What are the pros and cons of making this discretionary, and what would it mean for services?",
    about: aboutValue,
    index,
  });
}

/**
 * Finds or creates the pros/cons/implications chart about one prepared aspect of a scale activity (the
 * compare view's "Open chart" button). The chart is put on the agenda after the scale. Throws if there is
 * no such scale activity or aspect (it was removed in another tab): the caller shows that to the person.
 */
export function openChartForAspect(doc: Y.Doc, scaleActivityId: ActivityId, aspectId: AspectId): ActivityId {
  const scale = getActivity(doc, scaleActivityId);
  const aspect = scale?.kind === "scale" ? scale.aspects.find((a) => a.id === aspectId) : undefined;
  if (!aspect) throw new Error(`openChartForAspect: no aspect ${aspectId} in scale ${scaleActivityId}`);
  return openChart(doc, scaleActivityId, aspectId, {
    text: aspect.text,
    activityId: scaleActivityId,
    aspectId,
  });
}

/**
 * The same for a note a group wrote itself on the scale (it has no prepared aspect): the chart is about the
 * note's text, and found again by that text.
 */
export function openChartForText(doc: Y.Doc, scaleActivityId: ActivityId, text: string): ActivityId {
  if (activityKindOf(doc, scaleActivityId) !== "scale")
    throw new Error(`openChartForText: no scale activity ${scaleActivityId}`);
  const about = truncate(text.trim(), LIMITS.title);
  return openChart(doc, scaleActivityId, { text: about }, { text: about, activityId: scaleActivityId });
}
