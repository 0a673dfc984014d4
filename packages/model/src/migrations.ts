/**
 * Schema migrations.
 *
 * Each migration upgrades a document from `version - 1` to `version`. Two replicas may open an old document
 * at the same time and both migrate it; their changes then merge. So every step must be idempotent and
 * must converge when run twice concurrently: it only ever writes a value that is missing or wrong, and it
 * writes the same value on every replica (no random ids, no timestamps).
 */
import { isId } from "@continuum/protocol";
import * as Y from "yjs";
import { DEFAULT_VOTING } from "./activities.ts";
import {
  BALLOT_KEYS,
  CHART_KEYS,
  LANE_KEYS,
  MODEL_DOC_KINDS,
  type ModelDocKind,
  metaMap,
  SCHEMA_VERSION,
  WORKSHOP_KEYS,
} from "./schema.ts";

export interface MigrationContext {
  readonly kind?: ModelDocKind;
}

export interface Migration {
  /** The version a document has after this step. */
  readonly version: number;
  /** For people reading logs. */
  readonly description: string;
  /**
   * Runs inside the transaction opened by `migrateDoc`.
   * @param context what the caller knows about the document, e.g. its kind from the document name.
   */
  up(doc: Y.Doc, context?: MigrationContext): void;
}

/**
 * The transaction origin of migrations. It is not `null`, so a `Y.UndoManager` with default tracked origins
 * ignores it: a participant's undo must never un-migrate a document.
 */
export const MIGRATION_ORIGIN: unique symbol = Symbol("continuum-migration");

/**
 * Tells which kind of document an unversioned document is: from `meta.kind` when a client wrote one, else
 * from the top-level types that exist. A lane and a chart both have `notes`; only a chart has `votes`, so an
 * unmarked document with notes and no votes is taken to be a lane (the caller can pass the kind it knows
 * from the document name to remove the guess).
 */
export function inferDocKind(doc: Y.Doc): ModelDocKind | null {
  const kind = doc.share.has("meta") ? metaMap(doc).get("kind") : undefined;
  if (typeof kind === "string" && (MODEL_DOC_KINDS as readonly string[]).includes(kind))
    return kind as ModelDocKind;
  const has = (name: string) => doc.share.has(name);
  if (has("groups") || has("activities") || has("control") || has("locks") || has("reveals"))
    return "workshop";
  if (has("votes")) return "chart";
  if (has("notes")) return "lane";
  return null;
}

/** Sets a key only if it differs, so that re-running a step writes nothing. */
function setIfMissing(map: Y.Map<unknown>, key: string, value: unknown, ok: (v: unknown) => boolean): void {
  if (!ok(map.get(key))) map.set(key, value);
}

const isString = (v: unknown) => typeof v === "string";
const isNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const isBoolean = (v: unknown) => typeof v === "boolean";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      "Stamp an unversioned document (from a client that wrote no version) with its kind and version, " +
      "fill in missing meta fields, and create the missing top-level types.",
    up(doc, context) {
      const kind = context?.kind ?? inferDocKind(doc);
      const meta = metaMap(doc);
      if (kind !== null) setIfMissing(meta, "kind", kind, (v) => v === kind);
      if (kind === "workshop") {
        setIfMissing(meta, "title", "", isString);
        setIfMissing(meta, "date", "", isString);
        setIfMissing(meta, "description", "", isString);
        setIfMissing(meta, "anonymous", false, isBoolean);
        setIfMissing(meta, "createdAt", 0, isNumber);
      }
      // Top-level types exist as soon as they are named; naming them here makes them visible to
      // `doc.share` (and to observers registered afterwards) without writing anything that could conflict.
      const keys =
        kind === "workshop"
          ? WORKSHOP_KEYS
          : kind === "lane"
            ? LANE_KEYS
            : kind === "ballot"
              ? BALLOT_KEYS
              : kind
                ? CHART_KEYS
                : [];
      for (const key of keys) doc.getMap(key);
      setIfMissing(meta, "schemaVersion", 1, (v) => typeof v === "number" && v >= 1);
    },
  },
  {
    version: 2,
    description:
      "Agenda and voting (issue 4): the workshop document gets `control.meetingEnded` (false), and every " +
      "chart and board activity an explicit closed `voting` state, so a version 1 client (which knows neither " +
      "who takes part, nor the meeting's end, nor votes' budgets) opens the document read-only instead of " +
      "offering edits the server refuses. Activities without `groups` keep meaning every group takes part.",
    up(doc, context) {
      const kind = context?.kind ?? inferDocKind(doc);
      const meta = metaMap(doc);
      if (kind === "workshop") {
        setIfMissing(doc.getMap("control"), "meetingEnded", false, isBoolean);
        for (const [id, value] of doc.getMap("activities")) {
          if (!isId(id) || !(value instanceof Y.Map)) continue;
          const k = value.get("kind");
          if (k !== "chart" && k !== "board") continue;
          // Only a missing or unreadable state is replaced; a valid one (from a v2 replica migrating at the
          // same time, or a facilitator's vote) is kept.
          setIfMissing(value, "voting", { ...DEFAULT_VOTING }, isVoting);
        }
      }
      setIfMissing(meta, "schemaVersion", 2, (v) => typeof v === "number" && v >= 2);
    },
  },
];

const isVoting = (v: unknown): boolean => {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Y.AbstractType) return false;
  const r = v as Record<string, unknown>;
  return typeof r.open === "boolean" && typeof r.revealed === "boolean" && typeof r.budget === "number";
};

/**
 * The schema version of a document: `meta.schemaVersion` when it is a non-negative integer, else 0
 * ("unversioned": written by a client that stamped no version, or not initialised yet).
 */
export function readSchemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get("schemaVersion");
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** True when a newer client wrote this document: this client should then open it read-only. */
export function isNewerThanSupported(doc: Y.Doc): boolean {
  return readSchemaVersion(doc) > SCHEMA_VERSION;
}

/**
 * Applies every migration the document needs, in one transaction. A document newer than this code is left
 * alone. Call it after the document has synced with its server: migrating an empty, not yet loaded replica
 * would stamp it as if it were new.
 *
 * @param options.kind the document's kind when the caller knows it (from the document name).
 */
export function migrateDoc(doc: Y.Doc, options: { kind?: ModelDocKind } = {}): { from: number; to: number } {
  const from = readSchemaVersion(doc);
  if (from >= SCHEMA_VERSION) return { from, to: from };
  doc.transact(() => {
    for (const m of MIGRATIONS) if (m.version > from) m.up(doc, options);
  }, MIGRATION_ORIGIN);
  return { from, to: readSchemaVersion(doc) };
}
