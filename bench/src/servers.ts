import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listActivities, listGroups } from "@continuum/model";
import {
  type ActivityId,
  type CreateWorkshopResponse,
  type GroupId,
  laneDocName,
  type WorkshopId,
  workshopDocName,
} from "@continuum/protocol";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** The ids of a workshop's scale and of its first group, from the workshop document as a client syncs it. */
async function firstLane(
  wsBase: string,
  id: WorkshopId,
  token: string,
): Promise<{ scale: ActivityId; group: GroupId }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, workshopDocName(id), doc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync of workshop ${id}`)), 30_000);
      provider.once("sync", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const scale = listActivities(doc).find((a) => a.kind === "scale");
    const group = listGroups(doc)[0];
    if (!scale || !group) throw new Error("the discretion template has no scale or no group");
    return { scale: scale.id, group: group.id };
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

export type ServerKind = "continuum" | "ywebsocket" | "hocuspocus" | "relay";

/** The servers the Yjs-client bench (main.ts) compares. */
export const SERVER_KINDS: ServerKind[] = ["continuum", "ywebsocket", "hocuspocus"];

export const SERVER_LABEL: Record<ServerKind, string> = {
  continuum: "Continuum",
  ywebsocket: "y-websocket-server 0.1.1 (LevelDB)",
  hocuspocus: "Hocuspocus 3.4.4 (SQLite)",
  relay: "bare ws relay (no Yjs, no storage)",
};

const serverPackageDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.resolve("@continuum/server"))),
  "..",
);

/**
 * The Node flags `pnpm start` gives the server (its package's start script, `node <flags> dist/main.mjs`), so
 * the bench runs it exactly as people do; BENCH_CONTINUUM_NODE_FLAGS replaces them for a before/after.
 */
function startFlags(): string[] {
  const override = process.env.BENCH_CONTINUUM_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync(path.join(serverPackageDir, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const m = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/main\.mjs/.exec(pkg.scripts.start);
  if (!m) throw new Error(`apps/server's start script does not run dist/main.mjs: ${pkg.scripts.start}`);
  return (m[1] ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Builds the server as `pnpm start` does (apps/server/scripts/build.mjs, esbuild, about a second), so that
 * the bench measures the compiled JavaScript people run. Once per bench run.
 */
export function buildContinuum(): void {
  const result = spawnSync(process.execPath, [path.join(serverPackageDir, "scripts", "build.mjs")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error("building the server (apps/server/scripts/build.mjs) failed");
}

/** How a load client reaches one room: the room's URL parts, and a token where the server wants one. */
export interface RoomTarget {
  serverUrl: string;
  room: string;
  token: string | null;
}

export interface ProcStats {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  cpuMicros: number;
  eldP99Ms: number;
  eldMaxMs: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, "..");
const agent = path.join(here, "servers", "agent.mjs");

/** Idle documents of our server unload after this (the others unload as soon as the last client leaves). */
export const CONTINUUM_IDLE_UNLOAD_MS = 1000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One server under test in its own process, so that its CPU time and resident memory are its own. The
 * agent preloaded into it answers stats requests over IPC.
 */
export class ServerProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, (s: ProcStats) => void>();
  private exited: Promise<number | null>;
  private stderr = "";
  readonly httpUrl: string;

  private constructor(
    readonly kind: ServerKind,
    readonly port: number,
    readonly dataDir: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.httpUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, args, {
      cwd: benchDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.child.stderr?.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.child.on("message", (m: unknown) => {
      const msg = m as { type?: string; id?: number } & ProcStats;
      if (msg.type !== "stats" || typeof msg.id !== "number") return;
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve?.(msg);
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static async start(
    kind: ServerKind,
    opts: {
      profileDir: string | null;
      /** Continuum from its TypeScript source under tsx (as before `pnpm start` compiled it) instead of dist. */
      fromSource?: boolean;
      /** Another build of Continuum to run (a before/after comparison), instead of apps/server/dist/main.mjs. */
      continuumMain?: string;
      /** Extra environment for the server (Continuum's settings, e.g. IDLE_UNLOAD_MS). */
      env?: NodeJS.ProcessEnv;
    },
  ): Promise<ServerProcess> {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), `continuum-bench-${kind}-`));
    // One folder per server; Node names each thread's profile CPU.<date>.<time>.<pid>.<thread>.<n>: the
    // server's own is thread 0 (tsx's module-loader thread writes one too).
    const profDir = opts.profileDir ? path.join(opts.profileDir, kind) : null;
    const prof = profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : [];
    if (profDir) mkdirSync(profDir, { recursive: true });
    const base = ["--expose-gc", ...prof];
    let args: string[];
    let env: NodeJS.ProcessEnv;
    if (kind === "continuum") {
      // Run the way `pnpm start` runs it (the build's dist/main.mjs with node; buildContinuum first), with the
      // storage it ships with (SQLite, file-backed).
      args = opts.fromSource
        ? [...base, "--import", "tsx", "--import", agent, path.join(serverPackageDir, "src", "main.ts")]
        : [
            ...base,
            ...startFlags(),
            "--import",
            agent,
            opts.continuumMain ?? path.join(serverPackageDir, "dist", "main.mjs"),
          ];
      env = {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        WEB_DIR: "/nonexistent",
        IDLE_UNLOAD_MS: String(CONTINUUM_IDLE_UNLOAD_MS),
        // One address makes every room of a round (100 workshops at 100x20); the guard is for people.
        CREATE_LIMIT: "100000",
        ...opts.env,
      };
    } else if (kind === "ywebsocket") {
      const pkg = fileURLToPath(import.meta.resolve("@y/websocket-server/package.json"));
      // The package's own server binary; YPERSISTENCE switches on y-leveldb, GC is on by default.
      args = [...base, "--import", agent, path.join(path.dirname(pkg), "src", "server.js")];
      env = { PORT: String(port), HOST: "127.0.0.1", YPERSISTENCE: path.join(dataDir, "leveldb") };
    } else if (kind === "hocuspocus") {
      args = [...base, "--import", agent, path.join(here, "servers", "hocuspocus.mjs")];
      env = { PORT: String(port), DB: path.join(dataDir, "hocuspocus.sqlite") };
    } else {
      args = [...base, "--import", agent, path.join(here, "servers", "relay.mjs")];
      env = { PORT: String(port) };
    }
    const server = new ServerProcess(kind, port, dataDir, args, env);
    await server.waitReady();
    return server;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    while (Date.now() < deadline && !exited) {
      try {
        const res = await fetch(this.httpUrl, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`${this.kind} did not start: ${this.stderr}`);
  }

  wsBase(): string {
    return this.kind === "continuum" ? `ws://127.0.0.1:${this.port}/sync` : `ws://127.0.0.1:${this.port}`;
  }

  /** Creates `count` rooms: a workshop each on our server, fresh names on the others. */
  async createRooms(count: number, tag: string): Promise<RoomTarget[]> {
    const out: RoomTarget[] = [];
    if (this.kind !== "continuum") {
      for (let i = 0; i < count; i++)
        out.push({ serverUrl: this.wsBase(), room: `${tag}-${i}`, token: null });
      return out;
    }
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${this.httpUrl}/api/workshops`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `bench ${tag} ${i}`, template: "discretion" }),
      });
      if (res.status !== 201)
        throw new Error(`creating a workshop failed: ${res.status} ${await res.text()}`);
      const w = (await res.json()) as CreateWorkshopResponse;
      // The room is the first group's lane of the scale, where a workshop's writes happen: participants write
      // lanes, charts and boards, and only the facilitator writes the workshop document (whose every update
      // re-decides the access of the workshop's connections, a cost real rooms pay rarely). Its ids are read
      // from the workshop document over sync, as a facilitator's browser reads them: an export would also
      // start an export thread, which then counted in the server's memory for the whole round.
      const { scale, group } = await firstLane(this.wsBase(), w.id as WorkshopId, w.token);
      out.push({
        serverUrl: this.wsBase(),
        room: laneDocName(w.id as WorkshopId, scale, group),
        token: w.token,
      });
    }
    // The workshop documents read above unload once idle (writing themselves out): wait for that, so it does
    // not happen during the measured window.
    const deadline = Date.now() + 15_000;
    while (((await this.loaded())?.rooms ?? 0) > 0 && Date.now() < deadline) await sleep(100);
    return out;
  }

  /** Our server's own count of loaded rooms and connections (null for the others: they do not expose it). */
  async loaded(): Promise<{ rooms: number; connections: number } | null> {
    if (this.kind !== "continuum") return null;
    const res = await fetch(`${this.httpUrl}/healthz`);
    return (await res.json()) as { rooms: number; connections: number };
  }

  stats(opts: { gc: boolean; resetEld?: boolean }): Promise<ProcStats> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.kind}: no stats answer`));
      }, 60_000);
      this.pending.set(id, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
      this.child.send({ type: "stats", id, gc: opts.gc, resetEld: opts.resetEld ?? false });
    });
  }

  /** Writes a heap snapshot of the server process to `file` (after a GC). */
  heapSnapshot(file: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ type: "heapsnapshot", id, file });
    });
  }

  /** Asks the process to exit (so a CPU profile is written), then kills it if it does not. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.connected) this.child.send({ type: "exit" });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
