/**
 * `GET|HEAD /api/workshops/<id>/export/<format>[?activity=<id>]` with `Authorization: Bearer <key>`, where
 * the key is the facilitator key (or a facilitator token of this workshop). Closed workshops can still be
 * exported: archiving after the meeting is the point.
 */
import { EXPORT_FORMATS, isExportFormat } from "@continuum/export";
import { authorizeFacilitator } from "../../auth/facilitator.ts";
import { contentDisposition } from "../../exports/render.ts";
import { updatesFromRooms } from "../../exports/snapshot.ts";
import type { Handler, HttpDeps } from "../context.ts";
import { HttpError } from "../errors.ts";

export function exportRoutes(deps: HttpDeps) {
  const { store, rooms, tokens } = deps;

  const exportWorkshop: Handler = async ({ req, res, url, params }) => {
    const format = params.format ?? "";
    const workshop = await deps.guarded(
      req,
      () => authorizeFacilitator(req, store, tokens, params.id ?? "", "Exports"),
      params.id,
    );
    if (!isExportFormat(format)) {
      throw new HttpError(
        400,
        "unknown_format",
        `There is no export format "${format}". Use one of: ${EXPORT_FORMATS.join(", ")}.`,
      );
    }
    // Only copying the documents' state happens here; building the snapshot and rendering it (seconds
    // for a PDF of thousands of notes) happen in the export pool, off the event loop.
    // The history of moves is read (one stored row per move) only for the formats that hold it.
    const history = format === "json" || format === "moves-csv";
    const updates = await updatesFromRooms(store, rooms, workshop.id, { history });
    const rendered = await deps.exportPool.render(updates, format, url.searchParams.get("activity"));
    res.writeHead(200, {
      "content-type": rendered.contentType,
      "content-disposition": contentDisposition(rendered.fileName),
      "content-length": rendered.body.byteLength,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // An SVG opened from the server's origin must never run anything.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    if (req.method === "HEAD") res.end();
    else res.end(rendered.body);
    return undefined;
  };

  return { exportWorkshop };
}
