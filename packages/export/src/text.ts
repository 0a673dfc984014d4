/**
 * Every text export by its format, in one function the server and the web both call: what a format means
 * is decided here once, not in each app. Browser-safe; the PDF and the PNG need Node and have their own
 * entry points (`@continuum/export/pdf`, `@continuum/export/png`).
 */

import { toJson } from "./archive.ts";
import { codebook, toComparisonCsv, toCsv } from "./csv.ts";
import type { ExportFormat } from "./files.ts";
import { toMarkdown } from "./markdown.ts";
import { toMovesCsv, toReasonsCsv } from "./research.ts";
import { toRoundsCsv } from "./rounds.ts";
import type { WorkshopSnapshot } from "./snapshot.ts";
import { renderActivitySvg } from "./svg.ts";

/** The formats that are text: made anywhere, from the snapshot alone. */
export const TEXT_EXPORT_FORMATS = [
  "csv",
  "comparison-csv",
  "codebook",
  "json",
  "md",
  "svg",
  "moves-csv",
  "reasons-csv",
  "rounds-csv",
] as const satisfies readonly ExportFormat[];
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number];

export const isTextExportFormat = (value: unknown): value is TextExportFormat =>
  typeof value === "string" && (TEXT_EXPORT_FORMATS as readonly string[]).includes(value);

/**
 * A text export of a snapshot. The SVG draws one activity and needs its id: without one, or with an id the
 * workshop does not have, this throws a RangeError (check first with `findActivity` to say something
 * better, as the server does).
 */
export function renderTextExport(
  snapshot: WorkshopSnapshot,
  format: TextExportFormat,
  activityId?: string | null,
): string {
  switch (format) {
    case "csv":
      return toCsv(snapshot);
    case "comparison-csv":
      return toComparisonCsv(snapshot);
    case "codebook":
      return codebook(snapshot);
    case "json":
      return toJson(snapshot);
    case "md":
      return toMarkdown(snapshot);
    case "moves-csv":
      return toMovesCsv(snapshot);
    case "reasons-csv":
      return toReasonsCsv(snapshot);
    case "rounds-csv":
      return toRoundsCsv(snapshot);
    case "svg":
      if (!activityId) throw new RangeError("An SVG picture is of one activity.");
      return renderActivitySvg(snapshot, activityId);
  }
}
