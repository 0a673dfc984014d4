/**
 * A load-generator thread: real Yjs clients (the stock provider of each server) that write a note position once
 * a second, send a cursor at 2 Hz, and time every remote write they see. All threads share one clock
 * (`performance.timeOrigin + performance.now()`), which goes into every written value.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { ClientSpec, Command, Note, WorkerReply } from "./types.ts";

const now = (): number => performance.timeOrigin + performance.now();

interface Seen {
  last: number;
  count: number;
}

class Client {
  readonly doc = new Y.Doc();
  readonly notes = this.doc.getMap<Note>("notes");
  readonly key: string;
  readonly seen = new Map<string, Seen>();
  seq = 0;
  closes = 0;
  syncedAt = 0;
  private timers: NodeJS.Timeout[] = [];
  private readonly destroyProvider: () => void;
  readonly setCursor: (x: number, y: number) => void;
  readonly synced: Promise<void>;

  constructor(
    readonly spec: ClientSpec,
    kind: string,
    private readonly sink: Sink,
  ) {
    this.key = `c${spec.gid}`;
    let markSynced!: () => void;
    this.synced = new Promise((r) => {
      markSynced = r;
    });
    const t = spec.target;
    if (kind === "hocuspocus") {
      // One socket per client, as with y-websocket (Hocuspocus could multiplex documents on one socket).
      const socket = new HocuspocusProviderWebsocket({ url: t.serverUrl, WebSocketPolyfill: WebSocket });
      const p = new HocuspocusProvider({
        websocketProvider: socket,
        name: t.room,
        document: this.doc,
        onSynced: () => markSynced(),
        onDisconnect: () => {
          this.closes++;
        },
      });
      p.attach();
      this.destroyProvider = () => {
        p.destroy();
        socket.destroy();
      };
      this.setCursor = (x, y) => p.awareness?.setLocalStateField("cursor", { x, y });
    } else {
      const p = new WebsocketProvider(t.serverUrl, t.room, this.doc, {
        params: t.token ? { token: t.token } : {},
        disableBc: true,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      });
      p.on("sync", (isSynced: boolean) => {
        if (isSynced) markSynced();
      });
      p.on("connection-close", () => {
        this.closes++;
      });
      this.destroyProvider = () => p.destroy();
      this.setCursor = (x, y) => p.awareness.setLocalStateField("cursor", { x, y });
    }
    this.notes.observe((ev) => {
      const t = now();
      for (const key of ev.keysChanged) {
        if (key === this.key) continue;
        const v = this.notes.get(key);
        if (!v) continue;
        let s = this.seen.get(key);
        if (!s) {
          s = { last: 0, count: 0 };
          this.seen.set(key, s);
        }
        if (v.s > s.last) {
          s.last = v.s;
          s.count++;
          this.sink.record(t - v.t, v.w, v.s);
        }
      }
    });
  }

  write(): void {
    this.seq++;
    this.notes.set(this.key, {
      x: Math.floor(Math.random() * 2000),
      y: Math.floor(Math.random() * 2000),
      w: this.spec.gid,
      s: this.seq,
      t: now(),
    });
  }

  start(writes: boolean, cursors: boolean): void {
    if (writes) {
      this.timers.push(
        setTimeout(() => {
          this.write();
          this.timers.push(setInterval(() => this.write(), 1000));
        }, Math.random() * 1000),
      );
    }
    if (cursors) {
      const move = () => this.setCursor(Math.floor(Math.random() * 2000), Math.floor(Math.random() * 2000));
      this.timers.push(
        setTimeout(() => {
          move();
          this.timers.push(setInterval(move, 500));
        }, Math.random() * 500),
      );
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  destroy(): void {
    this.stop();
    this.destroyProvider();
    this.doc.destroy();
  }
}

/** Latency samples, kept only while recording (after the warm-up). */
class Sink {
  recording = false;
  lat: number[] = [];
  writer: number[] = [];
  seq: number[] = [];
  record(latency: number, writer: number, seq: number): void {
    if (!this.recording) return;
    this.lat.push(latency);
    this.writer.push(writer);
    this.seq.push(seq);
  }
  reset(): void {
    this.lat = [];
    this.writer = [];
    this.seq = [];
  }
}

// A provider torn down mid-handshake can raise from a socket callback ("WebSocket was closed before the connection
// was established"); that is one client's end, not the thread's: count it and carry on.
let uncaught = 0;
process.on("uncaughtException", () => {
  uncaught++;
});

// y-websocket's provider adds a process 'exit' listener per instance; hundreds per thread are expected here.
process.setMaxListeners(0);

const sink = new Sink();
let clients: Client[] = [];
const eld = monitorEventLoopDelay({ resolution: 1 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function seedSize(c: Client): number {
  return c.doc.getMap("seed").size;
}

/** Resolves once the client has synced and holds at least `entries` seed entries. */
function fullySynced(c: Client, entries: number): Promise<void> {
  return c.synced.then(
    () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (seedSize(c) >= entries) {
            c.doc.off("update", check);
            c.syncedAt = now();
            resolve();
          }
        };
        c.doc.on("update", check);
        check();
      }),
  );
}

/** Writes about `entries` × 200 bytes into the room's "seed" map, in updates of about 100 KB. */
async function seed(spec: ClientSpec, kind: string, entries: number): Promise<void> {
  const writer = new Client(spec, kind, sink);
  await withTimeout(writer.synced, 30_000, "seeder sync");
  const seedMap = writer.doc.getMap<{ text: string }>("seed");
  const text = "x".repeat(190);
  for (let i = 0; i < entries; i += 500) {
    writer.doc.transact(() => {
      for (let j = i; j < Math.min(entries, i + 500); j++) seedMap.set(`n${j}`, { text: `${j}:${text}` });
    });
    await sleep(20);
  }
  // Another client proves the server holds all of it before the writer leaves.
  const check = new Client({ ...spec, gid: spec.gid + 1_000_000 }, kind, sink);
  await withTimeout(fullySynced(check, entries), 60_000, "seed verification");
  check.destroy();
  writer.destroy();
}

async function handle(cmd: Command): Promise<WorkerReply> {
  switch (cmd.cmd) {
    case "connect": {
      const created = cmd.clients.map((spec) => new Client(spec, cmd.kind, sink));
      clients.push(...created);
      if (cmd.batch > 0) {
        // Steady-state scenarios: connect in batches, so the join is not itself a storm.
        for (let i = 0; i < created.length; i += cmd.batch) {
          await withTimeout(
            Promise.all(created.slice(i, i + cmd.batch).map((c) => fullySynced(c, cmd.seedEntries))),
            cmd.timeoutMs,
            "connect",
          );
        }
      } else {
        await withTimeout(
          Promise.all(created.map((c) => fullySynced(c, cmd.seedEntries))),
          cmd.timeoutMs,
          "join storm",
        );
      }
      return { type: "connected", syncedAt: created.map((c) => c.syncedAt) };
    }
    case "seed": {
      for (const spec of cmd.clients) await seed(spec, cmd.kind, cmd.entries);
      return { type: "ok" };
    }
    case "start":
      eld.reset();
      eld.enable();
      for (const c of clients) c.start(cmd.writes, cmd.cursors);
      return { type: "ok" };
    case "mark": {
      // The warm-up's event-loop delay tells the bench whether this thread can keep up at all.
      const warmupEldP99Ms = Math.max(0, eld.percentile(99) / 1e6 - 1);
      sink.reset();
      sink.recording = true;
      eld.reset();
      return { type: "marked", warmupEldP99Ms };
    }
    case "stop": {
      sink.recording = false;
      eld.disable();
      for (const c of clients) c.stop();
      return {
        type: "stopped",
        finals: clients.map((c) => [c.spec.gid, c.spec.roomIdx, c.seq] as [number, number, number]),
        // The histogram holds whole timer intervals: the delay is what exceeds the 1 ms resolution.
        eldP50Ms: Math.max(0, eld.percentile(50) / 1e6 - 1),
        eldP99Ms: Math.max(0, eld.percentile(99) / 1e6 - 1),
        eldMaxMs: Math.max(0, eld.max / 1e6 - 1),
      };
    }
    case "collect": {
      // Expected: each receiver has seen every seq of every other writer in its room.
      const byRoom = new Map<number, [number, number][]>();
      for (const [gid, roomIdx, seq] of cmd.finals) {
        let list = byRoom.get(roomIdx);
        if (!list) {
          list = [];
          byRoom.set(roomIdx, list);
        }
        list.push([gid, seq]);
      }
      let lost = 0;
      let closes = uncaught;
      uncaught = 0;
      for (const c of clients) {
        closes += c.closes;
        for (const [gid, final] of byRoom.get(c.spec.roomIdx) ?? []) {
          if (gid === c.spec.gid) continue;
          const s = c.seen.get(`c${gid}`);
          lost += Math.max(0, final - (s?.count ?? 0));
        }
      }
      const lat = Float64Array.from(sink.lat);
      const writer = Uint32Array.from(sink.writer);
      const seq = Uint32Array.from(sink.seq);
      sink.reset();
      return { type: "collected", lost, closes, lat, writer, seq };
    }
    case "disconnect": {
      for (const c of clients) c.destroy();
      clients = [];
      await sleep(200);
      return { type: "ok" };
    }
  }
}

parentPort?.on("message", (msg: { id: number; cmd: Command }) => {
  handle(msg.cmd).then(
    (reply) => {
      const transfer =
        reply.type === "collected" ? [reply.lat.buffer, reply.writer.buffer, reply.seq.buffer] : [];
      parentPort?.postMessage({ id: msg.id, reply }, transfer as ArrayBuffer[]);
    },
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: String((err as Error)?.stack ?? err) }),
  );
});
