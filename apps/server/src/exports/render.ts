/** Rendering one export format of a snapshot, shared by the HTTP route and the command line. */
import {
  ACTIVITY_FORMATS,
  CONTENT_TYPES,
  type ExportFormat,
  exportFileName,
  findActivity,
  isTextExportFormat,
  renderTextExport,
  type WorkshopSnapshot,
} from "@continuum/export";

export interface RenderedExport {
  body: Uint8Array;
  contentType: string;
  fileName: string;
}

/** Why a format cannot be rendered for this request (bad or missing activity). */
export class ExportRequestError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function activityList(snapshot: WorkshopSnapshot): string {
  if (snapshot.activities.length === 0) return "This workshop has no activities.";
  return `Its activities: ${snapshot.activities.map((a) => `${a.id} ("${a.title}")`).join(", ")}.`;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Renders one format of a snapshot; svg and png need an activity id. */
export async function renderExport(
  snapshot: WorkshopSnapshot,
  format: ExportFormat,
  activityId?: string | null,
): Promise<RenderedExport> {
  let body: Uint8Array;
  if (ACTIVITY_FORMATS.includes(format)) {
    if (!activityId) {
      throw new ExportRequestError(
        400,
        "missing_activity",
        `The ${format} export draws one activity: add ?activity=<id>. ${activityList(snapshot)}`,
      );
    }
    if (!findActivity(snapshot, activityId)) {
      throw new ExportRequestError(
        404,
        "unknown_activity",
        `This workshop has no activity "${activityId}". ${activityList(snapshot)}`,
      );
    }
  }
  if (isTextExportFormat(format)) {
    body = utf8(renderTextExport(snapshot, format, activityId));
  } else if (format === "pdf") {
    // Loaded on first use: fonts and the PDF writer are only needed by the few who export a PDF.
    const { toPdf } = await import("@continuum/export/pdf");
    body = await toPdf(snapshot);
  } else {
    const { renderActivityPng } = await import("@continuum/export/png");
    body = renderActivityPng(snapshot, activityId ?? "");
  }
  return {
    body,
    contentType: CONTENT_TYPES[format],
    fileName: exportFileName(snapshot, format, activityId ?? undefined),
  };
}

/** `attachment` with an ASCII name and the same name in RFC 5987 form (names are ASCII slugs anyway). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
