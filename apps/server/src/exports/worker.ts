/**
 * The work of exports and imports that grows with a workshop's size, run in the export pool's threads
 * (pool.ts), never on the event loop that carries everyone's sync. Each task answers a plain value:
 * errors a person should read come back as `{ ok: false, … }`, since an Error's class does not survive
 * the trip between threads.
 */
import {
  ArchiveError,
  type ExportFormat,
  importArchiveUpdates,
  parseArchive,
  type SharedResults,
  sharedResults,
} from "@continuum/export";
import type { WorkshopId } from "@continuum/protocol";
import { ExportRequestError, type RenderedExport, renderExport } from "./render.ts";
import { snapshotFromUpdates, type WorkshopUpdates } from "./snapshot.ts";

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

export interface RenderTask {
  updates: WorkshopUpdates;
  format: ExportFormat;
  activity: string | null;
  now: number;
}

export async function render(task: RenderTask): Promise<Answer<RenderedExport>> {
  try {
    const snapshot = snapshotFromUpdates(task.updates, task.now);
    return { ok: true, value: await renderExport(snapshot, task.format, task.activity) };
  } catch (err) {
    if (err instanceof ExportRequestError)
      return { ok: false, status: err.status, code: err.code, message: err.message };
    throw err;
  }
}

/** The share-back page's content: the results without names (`sharedResults`). */
export function results(task: { updates: WorkshopUpdates; now: number }): Answer<SharedResults> {
  return { ok: true, value: sharedResults(snapshotFromUpdates(task.updates, task.now)) };
}

const refused = (err: unknown): Answer<never> => {
  if (err instanceof ArchiveError)
    return { ok: false, status: 400, code: "invalid_archive", message: err.message };
  throw err;
};

/** The workshop id an archive carries, once it has passed every bound. */
export function archiveId(task: { text: string }): Answer<string | null> {
  try {
    return { ok: true, value: parseArchive(task.text).workshop.id };
  } catch (err) {
    return refused(err);
  }
}

/** The archive as one Yjs update per document of the new workshop. */
export function importArchive(task: { text: string; workshopId: string }): Answer<Map<string, Uint8Array>> {
  try {
    return {
      ok: true,
      value: importArchiveUpdates(task.text, { workshopId: task.workshopId as WorkshopId }),
    };
  } catch (err) {
    return refused(err);
  }
}
