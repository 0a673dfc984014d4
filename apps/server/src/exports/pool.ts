/**
 * The export pool: PDF and PNG rendering, every other export, and archive imports run here, in worker
 * threads (piscina), so that a large workshop costs the person who asked for it some waiting and never
 * stalls anyone's sync. Bounded in every direction: threads, queued tasks (503 beyond), time per task (the
 * thread is stopped) and heap per thread (the thread dies, the pool starts another).
 */
import { pathToFileURL } from "node:url";
import type { ExportFormat, SharedResults } from "@continuum/export";
import type { Piscina } from "piscina";
import { HttpError } from "../http/errors.ts";
import type { RenderedExport } from "./render.ts";
import type { WorkshopUpdates } from "./snapshot.ts";
import type { Answer, RenderTask } from "./worker.ts";

/** The file the pool's threads start from, as a file URL. */
function workerEntry(): string {
  const url = new URL("./worker-entry.mjs", import.meta.url);
  if (url.protocol === "file:") return url.href;
  // A test environment that serves modules over HTTP (vitest's jsdom, for the web's tests against a real
  // server) still has the file's path in the URL, after vite's /@fs prefix.
  return pathToFileURL(decodeURIComponent(url.pathname).replace(/^\/@fs/, "")).href;
}

export interface ExportPoolOptions {
  /** Threads rendering at once; one leaves the other core to sync on a two-core machine. */
  threads: number;
  /** Tasks waiting for a thread, past which requests are answered 503. */
  maxQueue: number;
  /** Longest a task may take. */
  timeoutMs: number;
  /** Heap of one thread, in MB. */
  maxHeapMb: number;
}

export class ExportPool {
  /**
   * Made with the first export, not with the server: piscina is loaded only then, so a server that is only
   * syncing (most of a workshop) does not hold it in memory. Kept as a promise so that two first exports at
   * once share one pool.
   */
  private pool: Promise<Piscina> | null = null;

  constructor(private readonly opts: ExportPoolOptions) {}

  private threads(): Promise<Piscina> {
    this.pool ??= import("piscina").then(
      ({ Piscina }) =>
        new Piscina({
          filename: workerEntry(),
          minThreads: 0,
          maxThreads: this.opts.threads,
          // A warm thread answers the next export at once; an idle one gives its memory back.
          idleTimeout: 30_000,
          maxQueue: this.opts.maxQueue,
          resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb },
        }),
    );
    return this.pool;
  }

  private async run<T>(name: string, task: unknown): Promise<T> {
    const pool = await this.threads();
    let answer: Answer<T>;
    try {
      answer = await pool.run(task, { name, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      const e = err as Error & { code?: string };
      if (/queue is at limit/i.test(e.message)) {
        throw new HttpError(503, "busy", "The server is busy with other exports. Try again in a minute.", {
          "retry-after": "30",
        });
      }
      if (e.name === "AbortError" || e.code === "ABORT_ERR" || e.name === "TimeoutError") {
        throw new HttpError(503, "too_slow", "This export took too long and was stopped. Try a smaller one.");
      }
      if (/heap|memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${e.message} ${e.code ?? ""}`)) {
        throw new HttpError(503, "too_large", "This export needed more memory than the server allows.");
      }
      throw err;
    }
    if (!answer.ok) throw new HttpError(answer.status, answer.code, answer.message);
    return answer.value;
  }

  render(updates: WorkshopUpdates, format: ExportFormat, activity: string | null): Promise<RenderedExport> {
    const task: RenderTask = { updates, format, activity, now: Date.now() };
    return this.run("render", task);
  }

  /** The share-back page's content, built from the documents' state off the event loop. */
  results(updates: WorkshopUpdates): Promise<SharedResults> {
    return this.run("results", { updates, now: Date.now() });
  }

  archiveId(text: string): Promise<string | null> {
    return this.run("archiveId", { text });
  }

  importArchive(text: string, workshopId: string): Promise<Map<string, Uint8Array>> {
    return this.run("importArchive", { text, workshopId });
  }

  async close(): Promise<void> {
    if (this.pool) await (await this.pool).destroy();
  }
}
