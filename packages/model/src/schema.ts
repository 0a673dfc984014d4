/**
 * Names of the top-level shared types in each kind of document, and the schema version. Kept in one place
 * so that readers, writers and migrations cannot disagree about a name.
 */
import type * as Y from "yjs";

/**
 * The schema version this code writes and fully understands. A document stamped with a higher version was
 * written by a newer client: this code must then only read it (see `isNewerThanSupported`).
 */
export const SCHEMA_VERSION = 2;

/** What a document holds; stored as `meta.kind` so a document can be recognised without its name. */
export type ModelDocKind = "workshop" | "lane" | "chart" | "board" | "ballot";
export const MODEL_DOC_KINDS: readonly ModelDocKind[] = ["workshop", "lane", "chart", "board", "ballot"];

/** Top-level shared types of the workshop document. */
export const WORKSHOP_KEYS = ["meta", "groups", "activities", "control", "locks", "reveals"] as const;
/** Top-level shared types of a lane document. */
export const LANE_KEYS = ["meta", "notes"] as const;
/** Top-level shared types of a chart or board document (`tally` and `ballots` are the server's: ballot.ts). */
export const CHART_KEYS = ["meta", "notes", "votes"] as const;
/** Top-level shared types of a ballot document (since schema 2: ballots were born stamped, never migrated). */
export const BALLOT_KEYS = ["meta", "dots"] as const;

/** The `meta` map every document has. */
export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>("meta");
