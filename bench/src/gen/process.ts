/**
 * One load-generator process (forked by matrix.ts, commands over IPC). Its sockets are plain `ws` sockets:
 * - an observer only reads: it finds the writers' markers in each message (wire.ts) and never applies an
 *   update, so a thousand of them cost a process little more than the bytes;
 * - a writer holds a small Y.Doc of its own, writes a marker into it `rate` times a second (a Y.Map value,
 *   so the document does not grow) and sends each update as y-websocket or Hocuspocus frames it; it reads
 *   the other writer's markers like an observer.
 * The process measures its own event-loop delay: a round in which any generator process lagged measures the
 * generator, and matrix.ts marks it invalid.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  type Framing,
  hocuspocusAuth,
  marker,
  nowUs,
  readMarkers,
  syncStep1Empty,
  updateMessage,
} from "./wire.ts";

export interface SocketSpec {
  /** Unique over the whole round; a writer's id is in its markers. */
  id: number;
  room: number;
  url: string;
  docName: string;
  token: string | null;
  writer: boolean;
}

export type GenCommand =
  | { cmd: "connect"; framing: Framing; waitForServer: boolean; sockets: SocketSpec[]; timeoutMs: number }
  | { cmd: "start"; rate: number }
  | { cmd: "mark" }
  | { cmd: "stop" }
  | { cmd: "collect"; finals: [writer: number, room: number, seq: number][] }
  | { cmd: "disconnect" };

export type GenReply =
  | { type: "ok" }
  | { type: "connected"; failed: number }
  | {
      type: "stopped";
      finals: [number, number, number][];
      eldP99Ms: number;
      eldMaxMs: number;
      cpuMicros: number;
    }
  | { type: "collected"; latMs: Float64Array; lost: number; closes: number; errors: number };

class Sock {
  readonly ws: WebSocket;
  /** Per writer: the highest seq seen, and how many distinct seqs (writers' seqs only go up on one socket). */
  readonly last = new Map<number, number>();
  readonly count = new Map<number, number>();
  doc: Y.Doc | null = null;
  seq = 0;
  closed = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly spec: SocketSpec,
    readonly framing: Framing,
    /** False for the bare relay: it has no document to ask for, and would forward the question to everyone. */
    serverSpeaks: boolean,
    onFirstMessage: () => void,
  ) {
    const url =
      framing === "hocuspocus"
        ? spec.url
        : `${spec.url}/${spec.docName}${spec.token ? `?token=${encodeURIComponent(spec.token)}` : ""}`;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    let first = true;
    this.ws.on("open", () => {
      if (framing === "hocuspocus") this.ws.send(hocuspocusAuth(spec.docName, spec.token ?? ""));
      else if (serverSpeaks) this.ws.send(syncStep1Empty(framing, spec.docName));
    });
    this.ws.on("message", (data: Buffer) => {
      if (first) {
        first = false;
        // Hocuspocus answers the token first; only then does a client ask for the document.
        if (framing === "hocuspocus") this.ws.send(syncStep1Empty(framing, spec.docName));
        onFirstMessage();
      }
      readMarkers(data, this.onMarker);
    });
    this.ws.on("close", () => {
      if (!this.closed) closes++;
      this.closed = true;
    });
    this.ws.on("error", () => {
      errors++;
    });
    if (spec.writer) {
      this.doc = new Y.Doc();
      this.doc.on("update", (update: Uint8Array) => {
        if (this.ws.readyState === WebSocket.OPEN) this.ws.send(updateMessage(framing, spec.docName, update));
      });
    }
  }

  private readonly onMarker = (writer: number, seq: number, timeUs: number): void => {
    if (writer === this.spec.id) return;
    const last = this.last.get(writer) ?? 0;
    if (seq <= last) return;
    this.last.set(writer, seq);
    this.count.set(writer, (this.count.get(writer) ?? 0) + 1);
    if (recording) samples.push((nowUs() - timeUs) / 1000);
  };

  start(rate: number): void {
    const doc = this.doc;
    if (!doc) return;
    const map = doc.getMap<string>("bench");
    const key = `w${this.spec.id}`;
    const write = () => {
      this.seq++;
      map.set(key, marker(this.spec.id, this.seq, nowUs()));
    };
    // Random phases, so that writes spread over the second as people's do.
    this.timer = setTimeout(
      () => {
        write();
        this.timer = setInterval(write, 1000 / rate);
      },
      Math.random() * (1000 / rate),
    );
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  destroy(): void {
    this.stop();
    this.closed = true;
    this.ws.terminate();
    this.doc?.destroy();
  }
}

let sockets: Sock[] = [];
let recording = false;
let samples: number[] = [];
let closes = 0;
let errors = 0;
let cpuAtMark = process.cpuUsage();
const eld = monitorEventLoopDelay({ resolution: 1 });

async function connect(cmd: Extract<GenCommand, { cmd: "connect" }>): Promise<GenReply> {
  let failed = 0;
  // In batches, so that connecting is not itself a storm; the servers' join storm is another question.
  const batch = 50;
  for (let i = 0; i < cmd.sockets.length; i += batch) {
    const ready = cmd.sockets.slice(i, i + batch).map(
      (spec) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            failed++;
            resolve();
          }, cmd.timeoutMs);
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          const s = new Sock(spec, cmd.framing, cmd.waitForServer, done);
          sockets.push(s);
          // The bare relay says nothing on its own: open is ready.
          if (!cmd.waitForServer) s.ws.once("open", done);
          s.ws.once("close", done);
        }),
    );
    await Promise.all(ready);
  }
  failed += sockets.filter((s) => s.closed).length;
  return { type: "connected", failed };
}

function handle(cmd: GenCommand): Promise<GenReply> | GenReply {
  switch (cmd.cmd) {
    case "connect":
      return connect(cmd);
    case "start":
      for (const s of sockets) s.start(cmd.rate);
      eld.enable();
      return { type: "ok" };
    case "mark":
      samples = [];
      recording = true;
      eld.reset();
      cpuAtMark = process.cpuUsage();
      return { type: "ok" };
    case "stop": {
      recording = false;
      for (const s of sockets) s.stop();
      const cpu = process.cpuUsage(cpuAtMark);
      const reply: GenReply = {
        type: "stopped",
        finals: sockets.filter((s) => s.spec.writer).map((s) => [s.spec.id, s.spec.room, s.seq]),
        // The histogram holds whole timer intervals: the delay is what exceeds the 1 ms resolution.
        eldP99Ms: Math.max(0, eld.percentile(99) / 1e6 - 1),
        eldMaxMs: Math.max(0, eld.max / 1e6 - 1),
        cpuMicros: cpu.user + cpu.system,
      };
      eld.disable();
      return reply;
    }
    case "collect": {
      // Each socket should have seen every write of every other writer in its room.
      let lost = 0;
      for (const s of sockets) {
        for (const [writer, room, seq] of cmd.finals) {
          if (room !== s.spec.room || writer === s.spec.id) continue;
          lost += Math.max(0, seq - (s.count.get(writer) ?? 0));
        }
      }
      const reply: GenReply = {
        type: "collected",
        latMs: Float64Array.from(samples),
        lost,
        closes,
        errors,
      };
      samples = [];
      return reply;
    }
    case "disconnect":
      for (const s of sockets) s.destroy();
      sockets = [];
      closes = 0;
      errors = 0;
      return { type: "ok" };
  }
}

process.on("message", (m: { id: number; cmd: GenCommand }) => {
  Promise.resolve(handle(m.cmd)).then(
    (reply) => process.send?.({ id: m.id, reply }),
    (err: unknown) => process.send?.({ id: m.id, error: String((err as Error)?.stack ?? err) }),
  );
});
// The bench gone (a crash, Ctrl-C): do not outlive it.
process.on("disconnect", () => process.exit(0));
