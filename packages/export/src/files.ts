/**
 * File names and media types of each export format, shared by the server, the command line and the web.
 * Names are the workshop title as an ASCII slug, then its date, then what the file holds:
 * `discretion-workshop-2023-02-15-notes.csv`.
 */
import { findActivity, type WorkshopSnapshot } from "./snapshot.ts";

export const EXPORT_FORMATS = [
  "csv",
  "comparison-csv",
  "codebook",
  "json",
  "md",
  "pdf",
  "svg",
  "png",
  "moves-csv",
  "reasons-csv",
  "rounds-csv",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (value: unknown): value is ExportFormat =>
  typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);

/** Formats that draw one activity and need its id. */
export const ACTIVITY_FORMATS: readonly ExportFormat[] = ["svg", "png"];

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  "comparison-csv": "text/csv; charset=utf-8",
  codebook: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
  "moves-csv": "text/csv; charset=utf-8",
  "reasons-csv": "text/csv; charset=utf-8",
  "rounds-csv": "text/csv; charset=utf-8",
};

const SUFFIX: Readonly<Record<ExportFormat, string>> = {
  csv: "-notes.csv",
  "comparison-csv": "-comparison.csv",
  codebook: "-codebook.md",
  json: ".continuum.json",
  md: "-report.md",
  pdf: "-report.pdf",
  svg: ".svg",
  png: ".png",
  "moves-csv": "-moves.csv",
  "reasons-csv": "-reasons.csv",
  "rounds-csv": "-rounds.csv",
};

/** Lower-case ASCII words joined by dashes: "Gweithdy Ŵyl Dewi!" -> "gweithdy-wyl-dewi". */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return slug;
}

/** The file name for a format; for svg and png, the activity's title is part of it. */
export function exportFileName(
  snapshot: WorkshopSnapshot,
  format: ExportFormat,
  activityId?: string,
): string {
  const title = slugify(snapshot.workshop.title) || "workshop";
  const date = snapshot.workshop.date || snapshot.exportedAt.slice(0, 10);
  let activity = "";
  if (activityId !== undefined && ACTIVITY_FORMATS.includes(format)) {
    const a = findActivity(snapshot, activityId);
    activity = `-${slugify(a?.title ?? "", 40) || activityId}`;
  }
  return `${title}-${date}${activity}${SUFFIX[format]}`;
}
