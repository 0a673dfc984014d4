/**
 * Exports of a whole workshop: `GET /api/workshops/<id>/export/<format>` for the facilitator, and the
 * loading and rendering the command line (exportCli.ts) shares.
 *
 * The HTTP route reads documents through the RoomManager, so what people are doing right now is included;
 * the command line reads the store directly (the server appends every update before it forwards it, so
 * the store has everything anyone has seen).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ACTIVITY_FORMATS,
  CONTENT_TYPES,
  codebook,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
  findActivity,
  isExportFormat,
  renderActivitySvg,
  snapshotFromDocs,
  toComparisonCsv,
  toCsv,
  toJson,
  toMarkdown,
  type WorkshopSnapshot,
} from "@continuum/export";
import { migrateDoc } from "@continuum/model";
import { parseDocName, type WorkshopId, workshopDocName } from "@continuum/protocol";
import * as Y from "yjs";
import type { TokenSigner } from "./auth.ts";
import { authorizeFacilitator } from "./facilitatorAuth.ts";
import { HttpError } from "./http.ts";
import type { Room, RoomManager } from "./rooms.ts";
import type { Store, WorkshopRecord } from "./store/types.ts";

// ---------------------------------------------------------------------------------------------------------
// Loading a workshop's documents

/** Names of every stored document of a workshop besides the workshop document, that parse as ours. */
async function childDocNames(
  store: Store,
  id: WorkshopId,
  alsoLoaded: readonly string[] = [],
): Promise<string[]> {
  const names = new Set(await store.listDocs(`${id}/`));
  for (const name of alsoLoaded) if (name.startsWith(`${id}/`)) names.add(name);
  return [...names].filter((name) => parseDocName(name)?.workshopId === id).sort();
}

/**
 * The snapshot of a workshop read through the RoomManager: loaded rooms give their live state, others are
 * loaded from the store (and unloaded again once idle). Only documents that exist are opened, so an export
 * never creates a lane or chart document as a side effect.
 */
export async function snapshotFromRooms(
  store: Store,
  rooms: RoomManager,
  id: WorkshopId,
  now = Date.now(),
): Promise<WorkshopSnapshot> {
  const held: Room[] = [];
  try {
    const workshop = await rooms.acquire(workshopDocName(id));
    held.push(workshop);
    const docs = new Map<string, Y.Doc>();
    for (const name of await childDocNames(store, id, rooms.loadedNames())) {
      const room = await rooms.acquire(name);
      held.push(room);
      docs.set(name, room.doc);
    }
    return snapshotFromDocs(workshop.doc, docs, { now });
  } finally {
    for (const room of held.reverse()) rooms.release(room);
  }
}

/** A document rebuilt from its stored updates and migrated in memory (nothing is written back). */
async function docFromStore(store: Store, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await store.loadDoc(name)) {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      // Same rule as the server's rooms: one unreadable row does not lose the rest of the document.
    }
  }
  const kind = parseDocName(name)?.kind;
  if (doc.store.clients.size > 0) migrateDoc(doc, kind ? { kind } : {});
  return doc;
}

/** The snapshot of a workshop read straight from a store (the command line, with no server running). */
export async function snapshotFromStore(
  store: Store,
  id: WorkshopId,
  now = Date.now(),
): Promise<WorkshopSnapshot> {
  const workshopDoc = await docFromStore(store, workshopDocName(id));
  const docs = new Map<string, Y.Doc>();
  for (const name of await childDocNames(store, id)) docs.set(name, await docFromStore(store, name));
  try {
    return snapshotFromDocs(workshopDoc, docs, { now });
  } finally {
    workshopDoc.destroy();
    for (const doc of docs.values()) doc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

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
  const activity = activityId ?? "";
  switch (format) {
    case "csv":
      body = utf8(toCsv(snapshot));
      break;
    case "comparison-csv":
      body = utf8(toComparisonCsv(snapshot));
      break;
    case "codebook":
      body = utf8(codebook(snapshot));
      break;
    case "json":
      body = utf8(toJson(snapshot));
      break;
    case "md":
      body = utf8(toMarkdown(snapshot));
      break;
    case "svg":
      body = utf8(renderActivitySvg(snapshot, activity));
      break;
    case "pdf": {
      // Loaded on first use: fonts and the PDF writer are only needed by the few who export a PDF.
      const { toPdf } = await import("@continuum/export/pdf");
      body = await toPdf(snapshot);
      break;
    }
    case "png": {
      const { renderActivityPng } = await import("@continuum/export/png");
      body = renderActivityPng(snapshot, activity);
      break;
    }
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

// ---------------------------------------------------------------------------------------------------------
// HTTP

export interface ExportDeps {
  store: Store;
  rooms: RoomManager;
  tokens: TokenSigner;
  /** Wraps a check of a guessable secret: failures are slowed, then refused (the server's FailureLimiter). */
  guard: (attempt: () => Promise<WorkshopRecord>) => Promise<WorkshopRecord>;
}

/** The route; its two groups are the workshop id and the format. */
export const EXPORT_ROUTE = /^\/api\/workshops\/([^/]+)\/export\/([^/]+)$/;

/**
 * `GET|HEAD /api/workshops/<id>/export/<format>[?activity=<id>]` with `Authorization: Bearer <key>`, where
 * the key is the facilitator key (or a facilitator token of this workshop). Closed workshops can still be
 * exported: archiving after the meeting is the point.
 */
export async function serveExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  match: RegExpExecArray,
  deps: ExportDeps,
): Promise<void> {
  const id = safeDecode(match[1] ?? "");
  const format = safeDecode(match[2] ?? "");
  const workshop = await deps.guard(() => authorizeFacilitator(req, deps.store, deps.tokens, id, "Exports"));
  if (!isExportFormat(format)) {
    throw new HttpError(
      400,
      "unknown_format",
      `There is no export format "${format}". Use one of: ${EXPORT_FORMATS.join(", ")}.`,
    );
  }
  const snapshot = await snapshotFromRooms(deps.store, deps.rooms, workshop.id);
  let rendered: RenderedExport;
  try {
    rendered = await renderExport(snapshot, format, url.searchParams.get("activity"));
  } catch (err) {
    if (err instanceof ExportRequestError) throw new HttpError(err.status, err.code, err.message);
    throw err;
  }
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
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
