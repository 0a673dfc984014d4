/**
 * Sync benchmark: runs Continuum's server and the reference Yjs servers one after another under the same load,
 * on this machine, and prints one table with our figures and our ratio to each peer.
 *
 * Real Yjs clients (the stock providers): join storm, idle hold, and load at the sizes two threads can drive.
 * The delivery matrix at every size is matrix.ts (`pnpm bench`).
 *
 *   pnpm bench:clients          quick (< 5 minutes)
 *   pnpm bench:clients --full          every size, longer windows, and the 5-minute idle hold of 2,000 connections
 *   options: --only continuum,ywebsocket   --sizes 1x2,10x10 (or none)   --seconds 20   --retries 2
 *            --no-storm   --idle (idle hold in a quick run)   --idle-size 100x20   --idle-seconds 300
 *            --workers 2   --profile (CPU profiles of the servers into results/profiles)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { loadAverage, machineCpu } from "./machine.ts";
import { render } from "./report.ts";
import {
  buildContinuum,
  CONTINUUM_IDLE_UNLOAD_MS,
  type ProcStats,
  SERVER_KINDS,
  SERVER_LABEL,
  type ServerKind,
  ServerProcess,
} from "./servers.ts";
import type { ClientSpec, Command, WorkerReply } from "./types.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.resolve(here, "..", "results");
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A run is dropped when a load thread's own event-loop delay (p99) passes this. */
const MAX_GENERATOR_ELD_MS = 5;
/** A run is dropped when other processes on the machine take more than this share of a core meanwhile. */
const MAX_FOREIGN_CPU_PCT = 50;
/** Past this event-loop delay in the warm-up, the generator cannot keep up at all and the window is skipped. */
const SATURATED_ELD_MS = 50;

export interface RunResult {
  scenario: string;
  server: ServerKind;
  metrics: Record<string, number | null>;
  /** Why the run does not count, or null. */
  dropped: string | null;
  error: string | null;
}

// ---------- options ----------

// node:util's parseArgs in strict mode: an unknown flag or one without its value stops the run with a
// sentence instead of silently benchmarking something else.
const { values: args } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        full: { type: "boolean" },
        "no-storm": { type: "boolean" },
        idle: { type: "boolean" },
        profile: { type: "boolean" },
        only: { type: "string" },
        sizes: { type: "string" },
        workers: { type: "string" },
        seconds: { type: "string" },
        retries: { type: "string" },
        "idle-size": { type: "string" },
        "idle-seconds": { type: "string" },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\nSee the options at the top of bench/src/main.ts.`);
    process.exit(2);
  }
})();
const flag = (name: string) => args[name.slice(2) as keyof typeof args] === true;
const option = (name: string): string | undefined => {
  const value = args[name.slice(2) as keyof typeof args];
  return typeof value === "string" ? value : undefined;
};
const full = flag("--full");
const only = (option("--only")?.split(",") as ServerKind[] | undefined) ?? SERVER_KINDS;
const sizes = (option("--sizes") ?? (full ? "1x2,10x10,50x20,100x20,1x200" : "1x2,10x10,50x20"))
  .split(",")
  .filter((s) => s !== "" && s !== "none")
  .map((s) => s.split("x").map(Number) as [number, number]);
const workerCount = Number(option("--workers") ?? Math.max(1, Math.min(2, availableParallelism())));
const measureSeconds = Number(option("--seconds") ?? (full ? 30 : 6));
const warmupSeconds = full ? 5 : 2;
const storm = full ? { rooms: 20, perRoom: 20 } : { rooms: 10, perRoom: 10 };
const stormSkip = flag("--no-storm");
const SEED_ENTRIES = 5000; // about 1 MB: 5,000 entries of about 200 bytes
const idleSize = (option("--idle-size") ?? "100x20").split("x").map(Number) as [number, number];
const idleHold =
  full || flag("--idle")
    ? { rooms: idleSize[0], perRoom: idleSize[1], seconds: Number(option("--idle-seconds") ?? 300) }
    : null;
const retries = Number(option("--retries") ?? (full ? 2 : 0));
const profileDir = flag("--profile") ? path.join(resultsDir, "profiles") : null;

// ---------- load threads ----------

class LoadThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }
  >();
  private failed: Error | null = null;

  constructor() {
    this.worker = new Worker(new URL("./worker-boot.mjs", import.meta.url));
    this.worker.on("message", (m: { id: number; reply?: WorkerReply; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.error !== undefined) p.reject(new Error(m.error));
      else if (m.reply) p.resolve(m.reply);
    });
    this.worker.on("exit", () => {
      this.failed ??= new Error("load thread exited");
      for (const p of this.pending.values()) p.reject(this.failed);
      this.pending.clear();
    });
    this.worker.on("error", (err) => {
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  call(cmd: Command, timeoutMs = 120_000): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.failed) {
        reject(this.failed);
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load thread did not answer ${cmd.cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.worker.postMessage({ id, cmd });
    });
  }

  isFailed(): boolean {
    return this.failed !== null;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

const threads = Array.from({ length: workerCount }, () => new LoadThread());
/** A thread that died is replaced before the next run, so one failure cannot fail every run after it. */
async function healThreads(): Promise<void> {
  for (let i = 0; i < threads.length; i++) {
    const t = threads[i];
    if (t?.isFailed()) {
      await t.terminate();
      threads[i] = new LoadThread();
    }
  }
}
const all = <T extends WorkerReply>(cmd: (i: number) => Command, timeoutMs?: number) =>
  Promise.all(threads.map((t, i) => t.call(cmd(i), timeoutMs))) as Promise<T[]>;

/** Clients of each room are spread over every thread (round robin by client). */
function spread(specs: ClientSpec[]): ClientSpec[][] {
  const out: ClientSpec[][] = threads.map(() => []);
  for (let i = 0; i < specs.length; i++) out[i % threads.length]?.push(specs[i] as ClientSpec);
  return out;
}

// ---------- statistics ----------

function quantile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? null;
}

const KB = 1024;
const MB = 1024 * 1024;

async function gcStats(server: ServerProcess): Promise<ProcStats> {
  return server.stats({ gc: true });
}

async function afterLeave(server: ServerProcess, base: ProcStats, m: Record<string, number | null>) {
  await all(() => ({ cmd: "disconnect" }));
  // Our server unloads idle documents after IDLE_UNLOAD_MS; the peers as soon as the last client leaves.
  await sleep(CONTINUUM_IDLE_UNLOAD_MS + 2500);
  const left = await gcStats(server);
  m.leftRssMB = (left.rss - base.rss) / MB;
  m.leftHeapMB = (left.heapUsed + left.external - base.heapUsed - base.external) / MB;
  const loaded = await server.loaded();
  m.leftRooms = loaded ? loaded.rooms : null;
}

// ---------- scenarios ----------

async function runLoad(kind: ServerKind, rooms: number, perRoom: number): Promise<RunResult> {
  const scenario = `load ${rooms}x${perRoom}`;
  const m: Record<string, number | null> = {};
  const server = await ServerProcess.start(kind, { profileDir });
  try {
    const targets = await server.createRooms(rooms, `load-${rooms}x${perRoom}`);
    const base = await gcStats(server);
    const specs: ClientSpec[] = [];
    for (let r = 0; r < rooms; r++) {
      for (let c = 0; c < perRoom; c++)
        specs.push({ gid: specs.length, roomIdx: r, target: targets[r] as ClientSpec["target"] });
    }
    const parts = spread(specs);
    const t0 = now();
    await all(
      (i) => ({
        cmd: "connect",
        kind,
        clients: parts[i] ?? [],
        batch: 25,
        seedEntries: 0,
        timeoutMs: 120_000,
      }),
      150_000,
    );
    m.connectS = (now() - t0) / 1000;
    await all(() => ({ cmd: "start", writes: true, cursors: true }));
    await sleep(warmupSeconds * 1000);
    const marked = await all<Extract<WorkerReply, { type: "marked" }>>(() => ({ cmd: "mark" }));
    m.warmupEldP99 = Math.max(...marked.map((r) => r.warmupEldP99Ms));
    const reasons: string[] = [];
    if (m.warmupEldP99 > SATURATED_ELD_MS) {
      // The threads cannot even keep up during the warm-up: every timing would measure the generator's
      // backlog, not the server. Stop the traffic, keep the memory figures, move on.
      reasons.push(
        `load generator saturated in the warm-up (event-loop delay p99 ${m.warmupEldP99.toFixed(0)} ms): ` +
          `${workerCount} threads on this machine cannot drive ${rooms * perRoom} clients`,
      );
      const cpu0 = await server.stats({ gc: false });
      await all(() => ({ cmd: "stop" }));
      await sleep(3000);
      const cpu1 = await server.stats({ gc: false });
      m.cpuPct = (100 * (cpu1.cpuMicros - cpu0.cpuMicros)) / 1e6 / 3;
      m.genEldP99 = m.warmupEldP99;
    } else {
      const cpu0 = await server.stats({ gc: false, resetEld: true });
      const machine0 = machineCpu();
      const bench0 = process.cpuUsage();
      const w0 = now();
      await sleep(measureSeconds * 1000);
      const stopped = await all<Extract<WorkerReply, { type: "stopped" }>>(() => ({ cmd: "stop" }));
      const window = (now() - w0) / 1000;
      const cpu1 = await server.stats({ gc: false });
      const machine1 = machineCpu();
      const bench1 = process.cpuUsage(bench0);
      // Let the last writes arrive before counting what did not.
      await sleep(2000);
      const finals = stopped.flatMap((s) => s.finals);
      const collected = await all<Extract<WorkerReply, { type: "collected" }>>(() => ({
        cmd: "collect",
        finals,
      }));

      let n = 0;
      for (const c of collected) n += c.lat.length;
      const lat = new Float64Array(n);
      const perWrite = new Map<number, number>();
      let o = 0;
      for (const c of collected) {
        lat.set(c.lat, o);
        o += c.lat.length;
        for (let i = 0; i < c.lat.length; i++) {
          const key = (c.writer[i] ?? 0) * 1_000_000 + (c.seq[i] ?? 0);
          const v = c.lat[i] ?? 0;
          if ((perWrite.get(key) ?? Number.NEGATIVE_INFINITY) < v) perWrite.set(key, v);
        }
      }
      lat.sort();
      const toAll = Float64Array.from(perWrite.values()).sort();
      m.deliveries = n;
      m.deliveriesPerS = n / window;
      m.writesPerS = (rooms * perRoom) / 1;
      m.p50 = quantile(lat, 0.5);
      m.p95 = quantile(lat, 0.95);
      m.p99 = quantile(lat, 0.99);
      m.max = quantile(lat, 1);
      m.allP99 = quantile(toAll, 0.99);
      m.lost = collected.reduce((a, c) => a + c.lost, 0);
      m.closes = collected.reduce((a, c) => a + c.closes, 0);
      m.cpuS = (cpu1.cpuMicros - cpu0.cpuMicros) / 1e6;
      m.cpuPct = (100 * m.cpuS) / window;
      m.benchCpuPct = (100 * (bench1.user + bench1.system)) / 1e6 / window;
      // CPU used by anything else on the machine (other people's builds and tests) during the window.
      m.foreignCpuPct =
        machine0 && machine1
          ? Math.max(0, (100 * (machine1.busyS - machine0.busyS)) / window - m.cpuPct - m.benchCpuPct)
          : null;
      m.loadAvg = loadAverage();
      m.serverEldP99 = cpu1.eldP99Ms;
      m.genEldP99 = Math.max(...stopped.map((s) => s.eldP99Ms));
      m.genEldMax = Math.max(...stopped.map((s) => s.eldMaxMs));
    }
    const loaded = await gcStats(server);
    const clients = rooms * perRoom;
    m.rssPerClientKB = (loaded.rss - base.rss) / clients / KB;
    m.heapPerClientKB = (loaded.heapUsed + loaded.external - base.heapUsed - base.external) / clients / KB;
    m.rssPerRoomKB = (loaded.rss - base.rss) / rooms / KB;
    await afterLeave(server, base, m);
    if (reasons.length === 0 && (m.genEldP99 ?? 0) > MAX_GENERATOR_ELD_MS)
      reasons.push(
        `load generator event-loop delay p99 ${(m.genEldP99 ?? 0).toFixed(1)} ms > ${MAX_GENERATOR_ELD_MS} ms`,
      );
    if ((m.foreignCpuPct ?? 0) > MAX_FOREIGN_CPU_PCT)
      reasons.push(`other processes used ${(m.foreignCpuPct ?? 0).toFixed(0)}% of a core during the window`);
    const dropped = reasons.length ? reasons.join("; ") : null;
    return { scenario, server: kind, metrics: m, dropped, error: null };
  } finally {
    await all(() => ({ cmd: "disconnect" })).catch(() => undefined);
    await server.stop();
  }
}

async function runStorm(kind: ServerKind, rooms: number, perRoom: number): Promise<RunResult> {
  const scenario = `join storm ${rooms}x${perRoom}, 1 MB docs`;
  const m: Record<string, number | null> = {};
  const server = await ServerProcess.start(kind, { profileDir });
  try {
    const targets = await server.createRooms(rooms, "storm");
    const seeders: ClientSpec[] = targets.map((target, r) => ({ gid: 2_000_000 + r, roomIdx: r, target }));
    const t0seed = now();
    await all(
      (i) => ({ cmd: "seed", kind, clients: spread(seeders)[i] ?? [], entries: SEED_ENTRIES }),
      300_000,
    );
    m.seedS = (now() - t0seed) / 1000;
    // Every document is written out and unloaded before the storm: the storm loads them from storage.
    await sleep(CONTINUUM_IDLE_UNLOAD_MS + 2500);
    const base = await gcStats(server);
    const specs: ClientSpec[] = [];
    for (let r = 0; r < rooms; r++) {
      for (let c = 0; c < perRoom; c++)
        specs.push({ gid: specs.length, roomIdx: r, target: targets[r] as ClientSpec["target"] });
    }
    const parts = spread(specs);
    const cpu0 = await server.stats({ gc: false });
    const t0 = now();
    const replies = await all<Extract<WorkerReply, { type: "connected" }>>(
      (i) => ({
        cmd: "connect",
        kind,
        clients: parts[i] ?? [],
        batch: 0,
        seedEntries: SEED_ENTRIES,
        timeoutMs: 180_000,
      }),
      200_000,
    );
    const done = Float64Array.from(replies.flatMap((r) => r.syncedAt).map((t) => t - t0)).sort();
    const cpu1 = await server.stats({ gc: false });
    m.stormMs = quantile(done, 1);
    m.stormP50Ms = quantile(done, 0.5);
    m.stormCpuS = (cpu1.cpuMicros - cpu0.cpuMicros) / 1e6;
    const loaded = await gcStats(server);
    m.rssPerClientKB = (loaded.rss - base.rss) / (rooms * perRoom) / KB;
    m.rssPerRoomKB = (loaded.rss - base.rss) / rooms / KB;
    await afterLeave(server, base, m);
    return { scenario, server: kind, metrics: m, dropped: null, error: null };
  } finally {
    await all(() => ({ cmd: "disconnect" })).catch(() => undefined);
    await server.stop();
  }
}

async function runIdle(
  kind: ServerKind,
  rooms: number,
  perRoom: number,
  seconds: number,
): Promise<RunResult> {
  const scenario = `idle hold ${rooms * perRoom} connections, ${seconds} s`;
  const m: Record<string, number | null> = {};
  const server = await ServerProcess.start(kind, { profileDir });
  try {
    const targets = await server.createRooms(rooms, "idle");
    const base = await gcStats(server);
    const specs: ClientSpec[] = [];
    for (let r = 0; r < rooms; r++) {
      for (let c = 0; c < perRoom; c++)
        specs.push({ gid: specs.length, roomIdx: r, target: targets[r] as ClientSpec["target"] });
    }
    const parts = spread(specs);
    await all(
      (i) => ({
        cmd: "connect",
        kind,
        clients: parts[i] ?? [],
        batch: 25,
        seedEntries: 0,
        timeoutMs: 120_000,
      }),
      150_000,
    );
    const start = await gcStats(server);
    const n = rooms * perRoom;
    m.rssPerConnKB = (start.rss - base.rss) / n / KB;
    m.heapPerConnKB = (start.heapUsed + start.external - base.heapUsed - base.external) / n / KB;
    await sleep(seconds * 1000);
    const end = await gcStats(server);
    m.rssPerConnEndKB = (end.rss - base.rss) / n / KB;
    m.heapPerConnEndKB = (end.heapUsed + end.external - base.heapUsed - base.external) / n / KB;
    m.idleCpuS = (end.cpuMicros - start.cpuMicros) / 1e6;
    const collected = await all<Extract<WorkerReply, { type: "collected" }>>(() => ({
      cmd: "collect",
      finals: [],
    }));
    m.closes = collected.reduce((a, c) => a + c.closes, 0);
    await afterLeave(server, base, m);
    return { scenario, server: kind, metrics: m, dropped: null, error: null };
  } finally {
    await all(() => ({ cmd: "disconnect" })).catch(() => undefined);
    await server.stop();
  }
}

async function attempt(
  scenario: string,
  kind: ServerKind,
  run: () => Promise<RunResult>,
): Promise<RunResult> {
  await healThreads();
  const started = Date.now();
  process.stdout.write(`  ${scenario.padEnd(36)} ${SERVER_LABEL[kind].padEnd(36)} `);
  try {
    const r = await run();
    const m = r.metrics;
    const brief =
      m.p99 !== undefined
        ? `p50 ${fmt(m.p50)} p99 ${fmt(m.p99)} ms, lost ${m.lost}, cpu ${fmt(m.cpuS)} s, gen eld p99 ${fmt(m.genEldP99)} ms`
        : m.stormMs !== undefined
          ? `synced in ${fmt(m.stormMs)} ms`
          : `${fmt(m.rssPerConnKB)} KB/conn`;
    console.log(
      `${brief}${r.dropped ? ` DROPPED (${r.dropped})` : ""} [${((Date.now() - started) / 1000).toFixed(0)} s]`,
    );
    return r;
  } catch (err) {
    console.log(`FAILED: ${(err as Error).message.split("\n")[0]}`);
    return { scenario, server: kind, metrics: {}, dropped: null, error: (err as Error).message };
  }
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "-";
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(Math.abs(v) >= 10 ? 1 : 2);
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? "?"}`,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    mode: full ? "full" : "quick",
    loadThreads: workerCount,
    measureSeconds,
    warmupSeconds,
  };
  if (only.includes("continuum")) buildContinuum();
  console.log(`Sync benchmark (${env.mode}): ${env.node}, ${env.cpus}, ${workerCount} load threads`);
  const results: RunResult[] = [];
  for (const [rooms, perRoom] of sizes) {
    for (const kind of only) {
      // A run disturbed by other processes (or a passing hiccup of the load threads) is run again, up to
      // --retries times; a saturated generator is not (it would saturate again).
      // If every attempt is dropped, the least disturbed one is kept.
      let r = await attempt(`load ${rooms}x${perRoom}`, kind, () => runLoad(kind, rooms, perRoom));
      for (let i = 0; i < retries && r.dropped && !r.dropped.includes("saturated"); i++) {
        const again = await attempt(`load ${rooms}x${perRoom} (again)`, kind, () =>
          runLoad(kind, rooms, perRoom),
        );
        const disturbance = (x: RunResult) =>
          x.error
            ? Number.POSITIVE_INFINITY
            : x.dropped
              ? (x.metrics.foreignCpuPct ?? 0) + 1000 * (x.metrics.genEldP99 ?? 0)
              : -1;
        if (disturbance(again) <= disturbance(r)) r = again;
      }
      results.push(r);
    }
  }
  if (!stormSkip) {
    for (const kind of only) {
      results.push(
        await attempt(`join storm ${storm.rooms}x${storm.perRoom}`, kind, () =>
          runStorm(kind, storm.rooms, storm.perRoom),
        ),
      );
    }
  }
  if (idleHold) {
    for (const kind of only) {
      results.push(
        await attempt(`idle hold ${idleHold.rooms * idleHold.perRoom}`, kind, () =>
          runIdle(kind, idleHold.rooms, idleHold.perRoom, idleHold.seconds),
        ),
      );
    }
  }
  await Promise.all(threads.map((t) => t.terminate()));
  const md = render(results, { ...env, seconds: Math.round((Date.now() - started) / 1000) }, only);
  console.log(`\n${md}`);
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify({ env, totalSeconds: Math.round((Date.now() - started) / 1000), results }, null, 2)}\n`;
  // latest.* is the last run of any kind; quick.* and full.* keep the last of each.
  for (const name of ["latest", env.mode]) {
    writeFileSync(path.join(resultsDir, `${name}.md`), `${md}\n`);
    writeFileSync(path.join(resultsDir, `${name}.json`), json);
  }
  console.log(
    `Written to ${path.relative(process.cwd(), resultsDir)}/latest.md and latest.json (and ${env.mode}.md/.json)`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
