/**
 * @continuum/model: the shared workshop model on Yjs. Plain functions over `Y.Doc`: readers validate every
 * stored value and never throw; writers run in one transaction with no origin (so a default
 * `Y.UndoManager` tracks them) and take an optional `now` for deterministic tests.
 */
export * from "./activities.ts";
export * from "./attribution.ts";
export * from "./ballot.ts";
export * from "./boardMaterial.ts";
export * from "./chart.ts";
export * from "./colours.ts";
export * from "./content.ts";
export * from "./control.ts";
export * from "./history.ts";
export * from "./ids.ts";
export * from "./lane.ts";
export * from "./migrations.ts";
export * from "./noteLayout.ts";
export * from "./privateWords.ts";
export * from "./reasons.ts";
export * from "./removed.ts";
export * from "./rounds.ts";
export { MODEL_DOC_KINDS, type ModelDocKind, SCHEMA_VERSION } from "./schema.ts";
export * from "./stats.ts";
export * from "./statsSettings.ts";
export * from "./templates.ts";
// The limits are public so inputs can show them (maxLength). Of the parsing helpers in validate.ts, the
// readers of plain values are public too, so that other formats of the same data (the JSON archive) read a
// value exactly as the documents' readers do; the rest are internal.
export {
  LIMITS,
  readBoolean,
  readDate,
  readFinite,
  readId,
  readNumber,
  readString,
  readTime,
  truncate,
} from "./validate.ts";
export * from "./workshop.ts";
