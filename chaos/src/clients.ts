/**
 * What talks to the server: its HTTP API, real Yjs clients (y-websocket's WebsocketProvider over `ws`, as a
 * browser would connect), raw sockets for what no real client sends, and a round-trip probe.
 */
import { addChartActivity, type ChartActivity, type ColumnId, listActivities } from "@continuum/model";
import {
  type ActivityId,
  type CreateWorkshopResponse,
  chartDocName,
  type JoinResponse,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { sleep } from "./server.ts";

export interface ApiAnswer<T> {
  status: number;
  body: T;
  ms: number;
}

export async function api<T = unknown>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ApiAnswer<T>> {
  const started = performance.now();
  const res = await fetch(base + route, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a PDF, an HTML error page): the text is the body.
  }
  return { status: res.status, body: parsed as T, ms: performance.now() - started };
}

export interface Workshop {
  created: CreateWorkshopResponse;
  id: WorkshopId;
  charts: ActivityId[];
  /** Chart document names, in the order of `charts`. */
  chartDocs: string[];
  /** Each chart's column ids. */
  columns: ColumnId[][];
}

/**
 * A workshop with two groups and `charts` chart activities, added by the facilitator's real client (the
 * way the web app adds them).
 */
export async function setUpWorkshop(base: string, charts: number): Promise<Workshop> {
  const res = await api<CreateWorkshopResponse>(base, "POST", "/api/workshops", {
    title: "Chaos workshop",
    template: "blank",
    groups: ["Red", "Blue"],
  });
  if (res.status !== 201)
    throw new Error(`could not create a workshop: ${res.status} ${JSON.stringify(res.body)}`);
  const created = res.body;
  const id = created.id as WorkshopId;
  const facilitator = connect(base, workshopDocName(id), created.token);
  await synced(facilitator);
  for (let i = 0; i < charts; i++) addChartActivity(facilitator.doc, { title: `Chart ${i + 1}` });
  const list = listActivities(facilitator.doc).filter((a): a is ChartActivity => a.kind === "chart");
  const ids = list.map((a) => a.id);
  // Stored once another client of the workshop document sees the charts.
  const check = connect(base, workshopDocName(id), created.token);
  await eventually(async () => {
    await synced(check);
    return listActivities(check.doc).filter((a) => a.kind === "chart").length === charts;
  }, 10_000);
  check.destroy();
  facilitator.destroy();
  return {
    created,
    id,
    charts: ids,
    chartDocs: ids.map((a) => chartDocName(id, a)),
    columns: list.map((a) => a.columns.map((c) => c.id)),
  };
}

export async function join(base: string, code: string, name: string, group = "Red"): Promise<JoinResponse> {
  const res = await api<JoinResponse>(base, "POST", "/api/join", { code, name, group });
  if (res.status !== 200) throw new Error(`could not join: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  destroy(): void;
}

/** A stock y-websocket client, in Node, against the server. */
export function connect(
  base: string,
  docName: string,
  token: string,
  opts: { connect?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/sync`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    connect: opts.connect ?? true,
    maxBackoffTime: 500,
  });
  provider.on("connection-close", (event: { code: number } | null) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(client: Client, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.provider.off("sync", onSync);
      reject(new Error(`not synced within ${timeoutMs} ms (closes: ${client.closes.join(",") || "none"})`));
    }, timeoutMs);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      client.provider.off("sync", onSync);
      resolve();
    };
    client.provider.on("sync", onSync);
  });
}

/** Waits until `check` returns true; false when the time is up. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // Not yet.
    }
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
}

/** A raw WebSocket to a document, for sending what a real client never would. */
export function rawSocket(wsBase: string, docName: string, token: string | null, timeoutMs = 10_000) {
  const query = token === null ? "" : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${wsBase}/sync/${docName}${query}`, { handshakeTimeout: timeoutMs });
  return new Promise<WebSocket>((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

export function closeCodeOf(ws: WebSocket, timeoutMs = 10_000): Promise<number | null> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    ws.once("close", (code: number) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** A y-websocket sync message carrying one Yjs update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket sync step 1 with an empty state vector: "send me everything". */
export function syncStep1Message(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/** An awareness message for the given entries (client id, clock, JSON state or null). */
export function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Nearest-rank percentile of a list of numbers; null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/**
 * A healthy pair of clients on one document: the writer writes a small update every `everyMs`, and the
 * time until the reader's replica has it is one round trip (writer → server → reader; the server stores an
 * update before it forwards it). A write not seen within `lostAfterMs` counts as a timeout.
 */
export class RoundTripProbe {
  readonly samples: number[] = [];
  timeouts = 0;
  private readonly pending = new Map<number, number>();
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly writer: Client;
  private readonly reader: Client;
  private recording = true;

  private constructor(
    base: string,
    docName: string,
    tokens: [string, string],
    private readonly everyMs: number,
    private readonly lostAfterMs: number,
  ) {
    this.writer = connect(base, docName, tokens[0]);
    this.reader = connect(base, docName, tokens[1]);
    // The probe writes as a participant would: its own notes on the chart (a participant may change only
    // their own notes there), each carrying the number of the write that last touched it.
    const notes = this.reader.doc.getMap<Y.Map<unknown>>("notes");
    const seen = (seq: unknown) => {
      if (typeof seq !== "number") return;
      const sent = this.pending.get(seq);
      if (sent === undefined) return;
      this.pending.delete(seq);
      if (this.recording) this.samples.push(performance.now() - sent);
    };
    notes.observeDeep((events) => {
      for (const event of events) {
        if (!(event instanceof Y.YMapEvent)) continue;
        if (event.target === notes) {
          for (const key of event.keysChanged) {
            const note = notes.get(key);
            if (note instanceof Y.Map && key.startsWith("probe")) seen(note.get("seq"));
          }
        } else if (event.target instanceof Y.Map && event.keysChanged.has("seq")) {
          seen(event.target.get("seq"));
        }
      }
    });
  }

  static async open(
    base: string,
    docName: string,
    tokens: [string, string],
    everyMs = 20,
    lostAfterMs = 5000,
  ): Promise<RoundTripProbe> {
    const probe = new RoundTripProbe(base, docName, tokens, everyMs, lostAfterMs);
    await Promise.all([synced(probe.writer), synced(probe.reader)]);
    return probe;
  }

  start(): this {
    this.timer = setInterval(() => this.tick(), this.everyMs);
    return this;
  }

  private tick(): void {
    const now = performance.now();
    for (const [seq, sent] of this.pending) {
      if (now - sent > this.lostAfterMs) {
        this.pending.delete(seq);
        if (this.recording) this.timeouts++;
      }
    }
    const seq = ++this.seq;
    this.pending.set(seq, now);
    // A few hundred notes, written in turn: the probe's writes do not grow the document for long runs.
    const notes = this.writer.doc.getMap<Y.Map<unknown>>("notes");
    const key = `probe${seq % 256}`;
    const note = notes.get(key);
    if (note instanceof Y.Map) note.set("seq", seq);
    else {
      const fresh = new Y.Map<unknown>();
      fresh.set("text", "probe");
      fresh.set("seq", seq);
      notes.set(key, fresh);
    }
  }

  /** Forgets what was measured so far (a warm-up, or a phase that is over). */
  reset(): void {
    this.samples.length = 0;
    this.timeouts = 0;
  }

  p99(): number | null {
    return percentile(this.samples, 99);
  }

  /** p99 in ms, a timed-out write counting as slower than any answer. */
  summary(): {
    samples: number;
    p50: number | null;
    p99: number | null;
    max: number | null;
    timeouts: number;
  } {
    const all = [...this.samples, ...Array.from({ length: this.timeouts }, () => Number.POSITIVE_INFINITY)];
    return {
      samples: this.samples.length,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      max: all.length > 0 ? Math.max(...all) : null,
      timeouts: this.timeouts,
    };
  }

  /** How often the server closed a healthy client's connection. */
  disconnects(): number {
    return this.writer.closes.length + this.reader.closes.length;
  }

  /** The close codes the healthy clients got. */
  closeCodes(): number[] {
    return [...this.writer.closes, ...this.reader.closes];
  }

  stop(): void {
    this.recording = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  destroy(): void {
    this.stop();
    this.writer.destroy();
    this.reader.destroy();
  }
}
