/**
 * The workshop document: meta, groups, the agenda and the control state, plus `workshopView`, the read
 * model the server's access rules run against.
 *
 * - `meta` Y.Map: `schemaVersion`, `kind` ("workshop"), `id`, `title`, `date`, `description`, `anonymous`, `createdAt`,
 *   and optionally `language` (the exports' language; absent is English)
 * - `groups` Y.Map<GroupId, Y.Map{ name, colour, order, createdAt }>
 * - `activities`, see activities.ts; `control`, `locks`, `reveals`, see control.ts
 */
import type { ActivityKind, WorkshopTemplate, WorkshopView } from "@continuum/protocol";
import * as Y from "yjs";
import {
  type Activity,
  activityKindOf,
  addBoardActivity,
  addChartActivity,
  addScaleActivity,
  type ChartAbout,
  chartIdForAspect,
  DEFAULT_LEFT_LABEL,
  DEFAULT_RIGHT_LABEL,
  getActivity,
  getVoting,
  isOpenBetweenMeetings,
  listActivities,
  takesPart,
} from "./activities.ts";
import { COLOURS, type Colour, readColour } from "./colours.ts";
import { type Control, isLocked, isMeetingEnded, isRevealed, readControl } from "./control.ts";
import { type ActivityId, type GroupId, newGroupId, type WorkshopId } from "./ids.ts";
import { readSchemaVersion } from "./migrations.ts";
import { isWordsShared } from "./privateWords.ts";
import { currentRound, isSoloRevealed } from "./rounds.ts";
import { metaMap, SCHEMA_VERSION } from "./schema.ts";
import { TEMPLATES, type TemplateActivity } from "./templates.ts";
import {
  asYMap,
  byOrderThenId,
  LIMITS,
  orderAfter,
  orderAt,
  readBoolean,
  readDate,
  readEntries,
  readFinite,
  readId,
  readString,
  readTime,
  truncate,
} from "./validate.ts";

/**
 * The languages the exports can be written in (their headings, the codebook's descriptions, the report's
 * sentences; packages/export's catalogues). The workshop's own words are never translated.
 */
export const WORKSHOP_LANGUAGES = ["en", "cy"] as const;
export type WorkshopLanguage = (typeof WORKSHOP_LANGUAGES)[number];

/** Only a literal language the exports have counts; anything else (and absent) is English. */
export function readWorkshopLanguage(value: unknown): WorkshopLanguage {
  return WORKSHOP_LANGUAGES.find((l) => l !== "en" && l === value) ?? "en";
}

export interface WorkshopMeta {
  /** The schema version the document was written with (0 = unversioned, see migrations.ts). */
  readonly schemaVersion: number;
  /** The workshop's id, or null if missing or invalid (the server knows it from the document name anyway). */
  readonly id: WorkshopId | null;
  /** Shown on every screen and in the export. */
  readonly title: string;
  /** `YYYY-MM-DD`, or `""` when not set: a date people recognise in the write-up. */
  readonly date: string;
  /** A few sentences for the start page and the export. */
  readonly description: string;
  /**
   * When true, the UI does not show or export authors' names, only their groups: groups are what the
   * research compares, and some participants are more at ease unnamed.
   */
  readonly anonymous: boolean;
  /** When the workshop was created (ms); 0 if unknown. */
  readonly createdAt: number;
  /**
   * The language of the exports (issue 17), set by the facilitator; "en" when absent. An optional field
   * added without a migration: a document without it reads as English, as every workshop did before.
   */
  readonly language: WorkshopLanguage;
}

export interface Group {
  /** Stable id; part of lane document names and of participants' tokens. */
  readonly id: GroupId;
  /** What people pick when joining and see on the lane, e.g. "Link workers". */
  readonly name: string;
  /** A palette name; the UI shows the name too, so colour never carries meaning alone. */
  readonly colour: Colour;
  /** Fractional display order; ties broken by id. */
  readonly order: number;
  /** When the group was added (ms); 0 if unknown. */
  readonly createdAt: number;
}

export interface Workshop {
  readonly meta: WorkshopMeta;
  /** Sorted by order, then id. */
  readonly groups: readonly Group[];
  /** The agenda, in order. */
  readonly activities: readonly Activity[];
  readonly control: Control;
}

const groupsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("groups");

// ---------------------------------------------------------------------------------------------------------
// Meta

export function readMeta(doc: Y.Doc): WorkshopMeta {
  const meta = metaMap(doc);
  return {
    schemaVersion: readSchemaVersion(doc),
    id: readId<WorkshopId>(meta.get("id")),
    title: readString(meta.get("title"), LIMITS.title),
    date: readDate(meta.get("date")),
    description: readString(meta.get("description"), LIMITS.prompt),
    anonymous: readBoolean(meta.get("anonymous")),
    createdAt: readTime(meta.get("createdAt")),
    language: readWorkshopLanguage(meta.get("language")),
  };
}

export interface MetaPatch {
  title?: string;
  /** `YYYY-MM-DD` or `""`; anything else is stored as `""`. */
  date?: string;
  description?: string;
  anonymous?: boolean;
  language?: WorkshopLanguage;
}

/** Changes the editable meta fields; id, version and creation time are fixed at creation. */
export function setMeta(doc: Y.Doc, patch: MetaPatch): void {
  const meta = metaMap(doc);
  doc.transact(() => {
    if (patch.title !== undefined) meta.set("title", truncate(patch.title, LIMITS.title));
    if (patch.date !== undefined) meta.set("date", readDate(patch.date));
    if (patch.description !== undefined) meta.set("description", truncate(patch.description, LIMITS.prompt));
    if (patch.anonymous !== undefined) meta.set("anonymous", patch.anonymous === true);
    // English is the default: stored as absent, so a document stays as it was unless another is chosen.
    if (patch.language !== undefined) {
      const lang = readWorkshopLanguage(patch.language);
      if (lang === "en") meta.delete("language");
      else meta.set("language", lang);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Groups

function readGroup(id: GroupId, value: unknown): Group | null {
  const m = asYMap(value);
  if (!m) return null;
  return {
    id,
    name: readString(m.get("name"), LIMITS.name),
    colour: readColour(m.get("colour")),
    order: readFinite(m.get("order"), 0),
    createdAt: readTime(m.get("createdAt")),
  };
}

/** Every valid group, sorted by order then id. */
export function listGroups(doc: Y.Doc): Group[] {
  return readEntries<GroupId, Group>(groupsMap(doc), readGroup, byOrderThenId);
}

/** One group, or undefined. */
export function getGroup(doc: Y.Doc, id: GroupId): Group | undefined {
  return readGroup(id, groupsMap(doc).get(id)) ?? undefined;
}

/** Adds a group at the end, with the next palette colour. */
export function addGroup(
  doc: Y.Doc,
  name: string,
  now: number = Date.now(),
  id: GroupId = newGroupId(),
): GroupId {
  doc.transact(() => {
    const groups = listGroups(doc);
    const m = new Y.Map<unknown>();
    m.set("name", truncate(name, LIMITS.name));
    m.set("colour", COLOURS[groups.length % COLOURS.length]?.id ?? "yellow");
    m.set("order", orderAfter(groups.map((g) => g.order)));
    m.set("createdAt", now);
    groupsMap(doc).set(id, m);
  });
  return id;
}

/** Renames a group. Returns false if there is no such group. */
export function renameGroup(doc: Y.Doc, id: GroupId, name: string): boolean {
  const m = asYMap(groupsMap(doc).get(id));
  if (!m) return false;
  doc.transact(() => m.set("name", truncate(name, LIMITS.name)));
  return true;
}

/** Changes a group's colour. */
export function setGroupColour(doc: Y.Doc, id: GroupId, colour: Colour): boolean {
  const m = asYMap(groupsMap(doc).get(id));
  if (!m) return false;
  doc.transact(() => m.set("colour", readColour(colour)));
  return true;
}

/** Moves a group to `toIndex` in the list (clamped). */
export function moveGroup(doc: Y.Doc, id: GroupId, toIndex: number): boolean {
  const m = asYMap(groupsMap(doc).get(id));
  if (!m) return false;
  const others = listGroups(doc).filter((g) => g.id !== id);
  doc.transact(() =>
    m.set(
      "order",
      orderAt(
        others.map((g) => g.order),
        toIndex,
      ),
    ),
  );
  return true;
}

/**
 * Removes a group and its reveals. Its lane documents are separate documents and stay until the server
 * deletes them; a participant token bound to the group can no longer open anything (ACC-3).
 */
export function removeGroup(doc: Y.Doc, id: GroupId): boolean {
  const groups = groupsMap(doc);
  if (!groups.has(id)) return false;
  doc.transact(() => {
    groups.delete(id);
    const reveals = doc.getMap<unknown>("reveals");
    for (const key of Array.from(reveals.keys())) if (key.endsWith(`:${id}`)) reveals.delete(key);
  });
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Whole workshop

/** Everything in the workshop document as plain objects, for rendering and export. */
export function readWorkshop(doc: Y.Doc): Workshop {
  return {
    meta: readMeta(doc),
    groups: listGroups(doc),
    activities: listActivities(doc),
    control: readControl(doc),
  };
}

export interface InitWorkshopOptions {
  id: WorkshopId;
  title: string;
  template?: WorkshopTemplate;
  /** Replace the template's group names. */
  groups?: readonly string[];
  /** Replace the template's prepared aspects. */
  aspects?: readonly string[];
  date?: string;
  description?: string;
  /**
   * Names hidden from the room's screen, other people and the exports (groups are always shown). New
   * workshops are anonymous unless the facilitator asks to show names; a stored workshop keeps its setting.
   */
  anonymous?: boolean;
  now?: number;
}

/**
 * Appends a template's activities to the agenda (a new workshop's, or an existing one's: the facilitator can
 * add a template's activities later). `aspects` replace the prepared aspects of the template's first scale;
 * given for a template without a scale, they add a scale with default labels (the start page lets people
 * type aspects for any template, and they should not vanish). Charts about an aspect of the template's scale
 * get the same id `openChartForAspect` would give them, so the compare view finds them.
 */
export function addTemplateActivities(
  doc: Y.Doc,
  template: WorkshopTemplate,
  options: { aspects?: readonly string[] } = {},
): ActivityId[] {
  const content = TEMPLATES[template] ?? TEMPLATES.blank;
  const ids: ActivityId[] = [];
  const minutes = (m: number | undefined) => (m ? m * 60_000 : null);
  const aspects = options.aspects?.map((a) => a.trim()).filter(Boolean);
  const items: TemplateActivity[] = [...content.activities];
  if (aspects && aspects.length > 0 && !items.some((a) => a.kind === "scale")) {
    items.unshift({
      kind: "scale",
      title: "Sliding scale",
      prompt: "",
      leftLabel: DEFAULT_LEFT_LABEL,
      rightLabel: DEFAULT_RIGHT_LABEL,
      aspects,
    });
  }
  doc.transact(() => {
    let scaleId: ActivityId | null = null;
    let firstScale = true;
    for (const item of items) {
      if (item.kind === "scale") {
        const id = addScaleActivity(doc, {
          title: item.title,
          prompt: item.prompt,
          leftLabel: item.leftLabel,
          rightLabel: item.rightLabel,
          aspects: firstScale && aspects ? aspects : item.aspects,
          durationMs: minutes(item.durationMinutes),
        });
        firstScale = false;
        scaleId = id;
        ids.push(id);
      } else if (item.kind === "chart") {
        const scale = scaleId ? getActivity(doc, scaleId) : undefined;
        const aspect =
          scale?.kind === "scale" ? scale.aspects.find((a) => a.text === item.aboutAspect) : undefined;
        const about: ChartAbout =
          scaleId && aspect
            ? { text: item.about, activityId: scaleId, aspectId: aspect.id }
            : { text: item.about };
        ids.push(
          addChartActivity(doc, {
            title: item.title,
            prompt: item.prompt,
            about,
            columns: item.columns,
            durationMs: minutes(item.durationMinutes),
            ...(scaleId && aspect ? { id: chartIdForAspect(scaleId, aspect.id) } : {}),
          }),
        );
      } else {
        ids.push(
          addBoardActivity(doc, {
            title: item.title,
            prompt: item.prompt,
            prompts: item.prompts,
            openBetweenMeetings: item.openBetweenMeetings ?? false,
            durationMs: minutes(item.durationMinutes),
          }),
        );
      }
    }
  });
  return ids;
}

/**
 * Fills a new workshop document from a template. Does nothing if the document already has a kind (it was
 * initialised before), so a retried creation cannot duplicate groups and activities.
 */
export function initWorkshop(doc: Y.Doc, options: InitWorkshopOptions): void {
  const meta = metaMap(doc);
  if (meta.get("kind") !== undefined) return;
  const templateId = options.template && TEMPLATES[options.template] ? options.template : "blank";
  const template = TEMPLATES[templateId];
  const now = options.now ?? Date.now();
  doc.transact(() => {
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("kind", "workshop");
    meta.set("id", options.id);
    meta.set("title", truncate(options.title, LIMITS.title));
    meta.set("date", readDate(options.date ?? ""));
    meta.set("description", truncate(options.description ?? "", LIMITS.prompt));
    meta.set("anonymous", options.anonymous !== false);
    meta.set("createdAt", now);
    doc.getMap<unknown>("control").set("meetingEnded", false);
    for (const name of (options.groups ?? template.groups).map((n) => n.trim()).filter(Boolean)) {
      addGroup(doc, name, now);
    }
    addTemplateActivities(doc, templateId, options.aspects ? { aspects: options.aspects } : {});
  });
}

/**
 * The protocol's `WorkshopView` over the live document: every call reads the current state (no caching, so
 * a lock or reveal takes effect at once) and touches only the entries it needs.
 */
export function workshopView(doc: Y.Doc): WorkshopView {
  return {
    activityKind: (activityId): ActivityKind | undefined => activityKindOf(doc, activityId),
    hasGroup: (groupId) => asYMap(groupsMap(doc).get(groupId)) !== null,
    isLocked: (activityId) => isLocked(doc, activityId),
    isRevealed: (activityId, groupId) => isRevealed(doc, activityId, groupId),
    takesPart: (activityId, groupId) => takesPart(doc, activityId, groupId),
    meetingEnded: () => isMeetingEnded(doc),
    isOpenBetweenMeetings: (activityId) => isOpenBetweenMeetings(doc, activityId),
    votingOpen: (activityId) => getVoting(doc, activityId).open,
    wordsShared: (activityId) => isWordsShared(doc, activityId),
    round: (activityId) => currentRound(doc, activityId),
    soloRevealed: (activityId) => isSoloRevealed(doc, activityId),
  };
}
