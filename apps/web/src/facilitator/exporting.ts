/**
 * The facilitator's downloads. Text formats and the SVG are built on this device from the workshop's Y.Docs
 * with `@continuum/export` (so they work offline from what IndexedDB holds); the PDF and the PNG need Node
 * (fonts, a native renderer) and come from the server's export endpoint. Only the facilitator's lazily loaded
 * tools import this module.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import {
  CONTENT_TYPES,
  exportFileName,
  renderTextExport,
  snapshotFromDocs,
  type TextExportFormat,
  type WorkshopSnapshot,
} from "@continuum/export";
import { listActivities, listGroups } from "@continuum/model";
import { boardDocName, chartDocName, laneDocName, type WorkshopId } from "@continuum/protocol";
import type * as Y from "yjs";
import { getApiBase } from "../api.ts";
import { apiMessage } from "../i18n/errors.ts";
import { i18n } from "../i18n/i18n.ts";
import type { Session } from "../session.ts";
import { type DocConnection, findOpenConnection } from "../sync/connection.ts";
import { openDocConnection } from "../sync/hooks.ts";

/** Formats made on this device: the text formats, which `@continuum/export` renders anywhere. */
export type LocalFormat = TextExportFormat;
/** Formats only the server can make. */
export type ServerFormat = "pdf" | "png" | "json" | "moves-csv" | "reasons-csv";

/** Every document a snapshot reads besides the workshop's: each scale's lanes (one per group), each chart and board. */
export function workshopDocNames(workshopId: WorkshopId, workshopDoc: Y.Doc): string[] {
  const groups = listGroups(workshopDoc);
  return listActivities(workshopDoc).flatMap((a) => {
    if (a.kind === "scale") return groups.map((g) => laneDocName(workshopId, a.id, g.id));
    return [a.kind === "chart" ? chartDocName(workshopId, a.id) : boardDocName(workshopId, a.id)];
  });
}

/** Resolves when the connection is in step with the server, closed, or (offline) has read IndexedDB. */
function settled(conn: DocConnection, timeoutMs: number): Promise<boolean> {
  const done = () => {
    const s = conn.getState();
    if (s.status === "connected" || s.status === "closed") return true;
    return s.status === "offline" && s.ready;
  };
  if (done()) return Promise.resolve(conn.getState().status !== "closed");
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, timeoutMs);
    const off = conn.subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      off();
      resolve(conn.getState().status !== "closed");
    });
  });
}

export interface GatheredDocs {
  docs: Map<string, Y.Doc>;
  /** Documents that did not finish syncing in time (the export has what this device holds of them). */
  incomplete: string[];
}

/**
 * Opens every lane, chart and board of the workshop that this screen has not open already, waits for them to
 * sync (or, offline, for what IndexedDB holds), hands them to `use`, then closes the extra connections.
 */
export async function withAllDocs<T>(
  session: Session,
  workshopDoc: Y.Doc,
  use: (gathered: GatheredDocs) => T,
  timeoutMs = 8000,
): Promise<T> {
  // The agenda and groups decide which documents there are: bring the workshop document up to date first.
  const workshopConn = findOpenConnection(session.workshopId, workshopDoc);
  if (workshopConn) await settled(workshopConn, timeoutMs);
  const names = workshopDocNames(session.workshopId, workshopDoc);
  const extra: DocConnection[] = [];
  const conns = names.map((name) => {
    const open = findOpenConnection(name);
    if (open) return open;
    // Quiet: these few seconds of connections are not worth a line in the connection banner if one fails.
    const c = openDocConnection(name, session.token, session.role, true);
    extra.push(c);
    return c;
  });
  try {
    const ok = await Promise.all(conns.map((c) => settled(c, timeoutMs)));
    const docs = new Map<string, Y.Doc>();
    conns.forEach((c) => {
      docs.set(c.docName, c.doc);
    });
    return use({ docs, incomplete: conns.filter((_, i) => !ok[i]).map((c) => c.docName) });
  } finally {
    for (const c of extra) c.destroy();
  }
}

export function buildSnapshot(workshopDoc: Y.Doc, docs: ReadonlyMap<string, Y.Doc>): WorkshopSnapshot {
  return snapshotFromDocs(workshopDoc, docs);
}

/** One file of a snapshot, ready to save. */
export function localFile(
  snapshot: WorkshopSnapshot,
  format: LocalFormat,
  activityId?: string,
): { blob: Blob; name: string } {
  const text = renderTextExport(snapshot, format, activityId);
  return {
    blob: new Blob([text], { type: CONTENT_TYPES[format] }),
    name: exportFileName(snapshot, format, activityId),
  };
}

/** Asks the server for a PDF report or a PNG picture, with the facilitator's token. */
export async function serverFile(
  session: Session,
  format: ServerFormat,
  activityId?: string,
): Promise<{ blob: Blob; name: string }> {
  const query = format === "png" && activityId ? `?activity=${encodeURIComponent(activityId)}` : "";
  const url = `${getApiBase()}/api/workshops/${encodeURIComponent(session.workshopId)}/export/${format}${query}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    throw new Error(i18n.t("exports.unreachable", { format: format.toUpperCase() }));
  }
  if (!res.ok) {
    let message: string = i18n.t("exports.failed", { format: format.toUpperCase(), status: res.status });
    try {
      const body = (await res.json()) as { error?: { message?: string; code?: string } };
      // The server's error by its code, in the person's language (its own words for a code this app lacks).
      if (body.error?.message) message = apiMessage(body.error.code ?? "", body.error.message);
    } catch {
      // not JSON: keep the sentence above
    }
    throw new Error(message);
  }
  const disposition = res.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `workshop.${format}`;
  return { blob: await res.blob(), name };
}

export type FileSaver = (blob: Blob, name: string) => void;

/** Saves a file through the browser's download (an `<a download>` on an object URL). */
const browserSaver: FileSaver = (blob, name) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
};

let saver: FileSaver = browserSaver;
/** Tests catch the files instead of downloading them; `null` restores the browser's download. */
export function setFileSaver(next: FileSaver | null): void {
  saver = next ?? browserSaver;
}
export function saveFile(blob: Blob, name: string): void {
  saver(blob, name);
}
