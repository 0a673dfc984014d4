/**
 * The JSON archive: the snapshot itself, complete and versioned, and its import into fresh Y.Docs.
 *
 * The import keeps every id of the archive (workshop, groups, activities, aspects, columns, notes), so that
 * exporting an imported workshop gives back the same archive (`exportedAt` aside). Only the workshop id can
 * be replaced (`options.workshopId`): a server that already has a workshop with the archive's id imports it
 * under a new one. Votes are archived as a count per note, not per voter (voter ids identify people across
 * notes); the import writes each count under made-up voters `imported-<note number>-1`, `-2`, … that each vote on
 * that one note with at most the activity's budget of dots, which read back as the same counts.
 */
import {
  type ActivityId,
  type AspectId,
  type ChartAbout,
  type Colour,
  type ColumnId,
  type GroupId,
  initChart,
  initLane,
  isColour,
  isId,
  LIMITS,
  type NoteId,
  SCHEMA_VERSION,
  setLocked,
  setRevealed,
  type WorkshopId,
} from "@continuum/model";
import { boardDocName, chartDocName, laneDocName, workshopDocName } from "@continuum/protocol";
import * as Y from "yjs";
import {
  ARCHIVE_FORMAT,
  type IsoTime,
  type SnapshotActivity,
  type SnapshotChartNote,
  type SnapshotScaleNote,
  type WorkshopSnapshot,
} from "./snapshot.ts";

/** The archive as a file: pretty-printed JSON with a final newline (diffs well, reads well). */
export function toJson(snapshot: WorkshopSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** An archive that cannot be imported, with a sentence saying why. */
export class ArchiveError extends Error {}

// The model keeps its parsing helpers internal; these follow the same rules (never throw, fall back).
const readString = (v: unknown, max: number): string => {
  if (typeof v !== "string") return "";
  return v.length <= max ? v : Array.from(v).slice(0, max).join("");
};
const readFinite = (v: unknown, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;
const readNumber = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
const readId = <T extends string>(v: unknown): T | null => (isId(v) ? (v as T) : null);
const readDate = (v: unknown): string => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");

const asObject = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function readIso(v: unknown): IsoTime {
  if (typeof v !== "string") return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}
const colour = (v: unknown): Colour => (isColour(v) ? v : "yellow");
const pos = (v: unknown): number => readNumber(v, 0, 100, 50);

/** Items with a valid id, later duplicates of an id dropped (the documents are keyed by id). */
function uniqueById<T extends { id: string }>(items: (T | null)[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of items) {
    if (x === null || seen.has(x.id)) continue;
    seen.add(x.id);
    out.push(x);
  }
  return out;
}

function readScaleNote(v: unknown): SnapshotScaleNote | null {
  const o = asObject(v);
  const id = readId<NoteId>(o?.id);
  if (!o || !id) return null;
  return {
    id,
    text: readString(o.text, LIMITS.noteText),
    colour: colour(o.colour),
    x: pos(o.x),
    y: pos(o.y),
    aspectId: readId<AspectId>(o.aspectId),
    author: readString(o.author, LIMITS.name),
    createdAt: readIso(o.createdAt),
    updatedAt: readIso(o.updatedAt),
  };
}

function readChartNote(v: unknown): SnapshotChartNote | null {
  const o = asObject(v);
  const id = readId<NoteId>(o?.id);
  const columnId = readId<ColumnId>(o?.columnId);
  if (!o || !id || !columnId) return null;
  return {
    id,
    text: readString(o.text, LIMITS.noteText),
    colour: colour(o.colour),
    columnId,
    order: readFinite(o.order, 0),
    author: readString(o.author, LIMITS.name),
    groupId: readId<GroupId>(o.groupId),
    votes: Math.floor(readNumber(o.votes, 0, 1_000_000, 0)),
    createdAt: readIso(o.createdAt),
    updatedAt: readIso(o.updatedAt),
  };
}

function readItems<I extends string>(v: unknown, key: "text" | "title", max: number) {
  return uniqueById(
    asArray(v).map((x) => {
      const o = asObject(x);
      const id = readId<I>(o?.id);
      return o && id ? { id, text: readString(o[key], max) } : null;
    }),
  );
}

function readActivity(v: unknown, groupIds: ReadonlySet<string>): SnapshotActivity | null {
  const o = asObject(v);
  const id = readId<ActivityId>(o?.id);
  if (!o || !id) return null;
  const base = {
    id,
    title: readString(o.title, LIMITS.title),
    prompt: readString(o.prompt, LIMITS.prompt),
    order: readFinite(o.order, 0),
    locked: o.locked === true,
    takingPart: Array.isArray(o.takingPart)
      ? [...new Set(o.takingPart.map((g) => readId<GroupId>(g)))]
          .filter((g): g is GroupId => g !== null)
          .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
      : null,
    openBetweenMeetings: o.openBetweenMeetings === true,
    durationMs:
      typeof o.durationMs === "number" && o.durationMs > 0
        ? Math.round(readNumber(o.durationMs, 1, 86_400_000, 0))
        : null,
  };
  const vote = asObject(o.voting);
  const voting = {
    open: vote?.open === true,
    revealed: vote?.revealed === true,
    budget: Math.floor(readNumber(vote?.budget, 1, 20, 3)),
  };
  const columns = () =>
    readItems<ColumnId>(o.columns, "title", LIMITS.title).map((c) => ({ id: c.id, title: c.text }));
  const notes = () => uniqueById(asArray(o.notes).map(readChartNote));
  switch (o.kind) {
    case "scale": {
      const lanes = new Map<GroupId, SnapshotScaleNote[]>();
      for (const l of asArray(o.lanes)) {
        const lane = asObject(l);
        const groupId = readId<GroupId>(lane?.groupId);
        if (groupId && groupIds.has(groupId) && !lanes.has(groupId)) {
          lanes.set(groupId, uniqueById(asArray(lane?.notes).map(readScaleNote)));
        }
      }
      return {
        ...base,
        kind: "scale",
        leftLabel: readString(o.leftLabel, LIMITS.name),
        rightLabel: readString(o.rightLabel, LIMITS.name),
        aspects: readItems<AspectId>(o.aspects, "text", LIMITS.aspect),
        revealed: [...new Set(asArray(o.revealed).map((g) => readId<GroupId>(g)))].filter(
          (g): g is GroupId => g !== null && groupIds.has(g),
        ),
        lanes: [...groupIds].map((g) => ({ groupId: g as GroupId, notes: lanes.get(g as GroupId) ?? [] })),
      };
    }
    case "chart": {
      const about = asObject(o.about);
      const activityId = readId<ActivityId>(about?.activityId);
      const aspectId = readId<AspectId>(about?.aspectId);
      const chartAbout: ChartAbout = {
        text: readString(about?.text, LIMITS.title),
        ...(activityId ? { activityId } : {}),
        ...(aspectId ? { aspectId } : {}),
      };
      return { ...base, kind: "chart", about: chartAbout, columns: columns(), voting, notes: notes() };
    }
    case "board":
      return { ...base, kind: "board", columns: columns(), voting, notes: notes() };
    default:
      return null;
  }
}

/**
 * Reads an archive (parsed JSON or its text), checking every value the way the model's readers do: bad
 * items are dropped, long texts truncated, positions clamped. Throws `ArchiveError` for something that is
 * not a Continuum archive at all, or one written by a newer version.
 */
export function parseArchive(input: unknown): WorkshopSnapshot {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      throw new ArchiveError("The file is not valid JSON.");
    }
  }
  const o = asObject(value);
  if (!o || o.format !== ARCHIVE_FORMAT) {
    throw new ArchiveError(
      `This is not a Continuum workshop archive (its "format" is not "${ARCHIVE_FORMAT}").`,
    );
  }
  const version = o.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new ArchiveError('The archive has no valid "schemaVersion".');
  }
  if (version > SCHEMA_VERSION) {
    throw new ArchiveError(
      `The archive was written by a newer version of Continuum (schema ${version}; this one reads up to ${SCHEMA_VERSION}).`,
    );
  }
  const w = asObject(o.workshop);
  if (!w) throw new ArchiveError('The archive has no "workshop".');
  const groups = uniqueById(
    asArray(o.groups).map((g) => {
      const x = asObject(g);
      const id = readId<GroupId>(x?.id);
      if (!x || !id) return null;
      return {
        id,
        name: readString(x.name, LIMITS.name),
        colour: colour(x.colour),
        order: readFinite(x.order, 0),
        createdAt: readIso(x.createdAt),
      };
    }),
  );
  const groupIds = new Set<string>(groups.map((g) => g.id));
  return {
    format: ARCHIVE_FORMAT,
    // The model's readers turn every older version into this one, and so does this reader.
    schemaVersion: SCHEMA_VERSION,
    exportedAt: readIso(o.exportedAt) ?? new Date(0).toISOString(),
    workshop: {
      id: readId<WorkshopId>(w.id),
      title: readString(w.title, LIMITS.title),
      date: readDate(w.date),
      description: readString(w.description, LIMITS.prompt),
      anonymous: w.anonymous === true,
      meetingEnded: w.meetingEnded === true,
      createdAt: readIso(w.createdAt),
    },
    groups,
    activities: uniqueById(asArray(o.activities).map((a) => readActivity(a, groupIds))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Import

export interface ImportedWorkshop {
  readonly workshopId: WorkshopId;
  /** The workshop document. */
  readonly workshopDoc: Y.Doc;
  /** Every document of the workshop, the workshop document included, by document name. */
  readonly docs: Map<string, Y.Doc>;
}

export interface ImportOptions {
  /** The id of the new workshop; the archive's own id by default (required if the archive has none). */
  workshopId?: WorkshopId;
}

/**
 * The schema version whose layout this import writes. Documents are stamped with it (not with the model's
 * current version), so that when the model moves on, its migrations bring imported documents up to date
 * on first load, as they do for any old document.
 */
export const IMPORT_LAYOUT_VERSION = 2;

function stamp(doc: Y.Doc): void {
  doc.getMap<unknown>("meta").set("schemaVersion", IMPORT_LAYOUT_VERSION);
}

const ms = (t: IsoTime): number => (t === null ? 0 : Date.parse(t));

function itemMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

/**
 * Builds fresh Y.Docs from an archive, in the layout the model documents (workshop.ts, activities.ts,
 * lane.ts, chart.ts) and read back by its readers. Accepts anything `parseArchive` accepts.
 */
export function importArchive(archive: unknown, options: ImportOptions = {}): ImportedWorkshop {
  const s = parseArchive(archive);
  const workshopId = options.workshopId ?? s.workshop.id;
  if (!workshopId) throw new ArchiveError("The archive has no workshop id; give one to import it.");
  const docs = new Map<string, Y.Doc>();
  const workshopDoc = new Y.Doc();
  docs.set(workshopDocName(workshopId), workshopDoc);

  workshopDoc.transact(() => {
    const meta = workshopDoc.getMap<unknown>("meta");
    meta.set("schemaVersion", IMPORT_LAYOUT_VERSION);
    meta.set("kind", "workshop");
    meta.set("id", workshopId);
    meta.set("title", s.workshop.title);
    meta.set("date", s.workshop.date);
    meta.set("description", s.workshop.description);
    meta.set("anonymous", s.workshop.anonymous);
    meta.set("createdAt", ms(s.workshop.createdAt));
    for (const key of ["control", "locks", "reveals"]) workshopDoc.getMap(key);
    workshopDoc.getMap<unknown>("control").set("meetingEnded", s.workshop.meetingEnded);
    const groups = workshopDoc.getMap<unknown>("groups");
    for (const g of s.groups) {
      groups.set(
        g.id,
        itemMap({ name: g.name, colour: g.colour, order: g.order, createdAt: ms(g.createdAt) }),
      );
    }
    const activities = workshopDoc.getMap<unknown>("activities");
    for (const a of s.activities) {
      const m = itemMap({ kind: a.kind, title: a.title, prompt: a.prompt, order: a.order });
      if (a.takingPart !== null) m.set("groups", [...a.takingPart]);
      if (a.openBetweenMeetings) m.set("openBetweenMeetings", true);
      if (a.durationMs !== null) m.set("durationMs", a.durationMs);
      if (a.kind === "scale") {
        m.set("leftLabel", a.leftLabel);
        m.set("rightLabel", a.rightLabel);
        const aspects = new Y.Array<unknown>();
        aspects.push(a.aspects.map((x) => itemMap({ id: x.id, text: x.text })));
        m.set("aspects", aspects);
      } else {
        if (a.kind === "chart") m.set("about", { ...a.about });
        m.set("voting", { ...a.voting });
        const columns = new Y.Array<unknown>();
        columns.push(a.columns.map((c) => itemMap({ id: c.id, title: c.title })));
        m.set("columns", columns);
      }
      activities.set(a.id, m);
    }
    for (const a of s.activities) {
      if (a.locked) setLocked(workshopDoc, a.id, true);
      if (a.kind === "scale") for (const g of a.revealed) setRevealed(workshopDoc, a.id, g, true);
    }
  });

  for (const a of s.activities) {
    if (a.kind === "scale") {
      for (const lane of a.lanes) {
        // Only lanes with notes: a lane nobody wrote in has no document on the server either.
        if (lane.notes.length === 0) continue;
        const doc = new Y.Doc();
        initLane(doc, { workshopId, activityId: a.id, groupId: lane.groupId });
        doc.transact(() => {
          stamp(doc);
          const notes = doc.getMap<unknown>("notes");
          for (const n of lane.notes) {
            notes.set(
              n.id,
              itemMap({
                text: n.text,
                colour: n.colour,
                x: n.x,
                y: n.y,
                aspectId: n.aspectId,
                author: n.author,
                createdAt: ms(n.createdAt),
                updatedAt: ms(n.updatedAt),
              }),
            );
          }
        });
        docs.set(laneDocName(workshopId, a.id, lane.groupId), doc);
      }
      continue;
    }
    if (a.notes.length === 0) continue;
    const doc = new Y.Doc();
    initChart(doc, { workshopId, activityId: a.id, kind: a.kind });
    doc.transact(() => {
      stamp(doc);
      const notes = doc.getMap<unknown>("notes");
      const votes = doc.getMap<unknown>("votes");
      a.notes.forEach((n, index) => {
        notes.set(
          n.id,
          itemMap({
            text: n.text,
            colour: n.colour,
            columnId: n.columnId,
            order: n.order,
            author: n.author,
            groupId: n.groupId,
            createdAt: ms(n.createdAt),
            updatedAt: ms(n.updatedAt),
          }),
        );
        // Each made-up voter votes on this note only, with no more dots than the budget, so the model's
        // count (at most `budget` dots per voter) reads back the archived count.
        let left = n.votes;
        const most = Math.min(a.voting.budget, LIMITS.dotsPerNote);
        for (let voter = 1; left > 0; voter++) {
          const dots = Math.min(most, left);
          votes.set(`${n.id}:imported-${index + 1}-${voter}`, dots);
          left -= dots;
        }
      });
    });
    docs.set((a.kind === "chart" ? chartDocName : boardDocName)(workshopId, a.id), doc);
  }
  return { workshopId, workshopDoc, docs };
}

/** The import as one Yjs update per document, ready for `Store.appendUpdate`. */
export function importArchiveUpdates(archive: unknown, options: ImportOptions = {}): Map<string, Uint8Array> {
  const { docs } = importArchive(archive, options);
  const out = new Map<string, Uint8Array>();
  for (const [name, doc] of docs) {
    out.set(name, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return out;
}
