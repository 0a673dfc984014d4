/**
 * A first look at several nodes, not the full bench: the same small load on one node on SQLite, one node on
 * PostgreSQL, and three nodes on PostgreSQL with each room's clients spread over all three, measuring how long
 * a write takes to reach the room's other clients (split by same node and other node in the three-node case).
 *
 *   node --import tsx src/cluster-probe.ts [rooms] [clientsPerRoom] [seconds]
 *
 * Servers are real processes (`apps/server/src/main.ts`), PostgreSQL is Debian's, started in a temporary
 * folder; the clients are stock y-websocket providers in this process, one note written per client per second.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CreateWorkshopResponse } from "@continuum/protocol";
import { freePort, startLocalPostgres } from "@continuum/server";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const rooms = Number(process.argv[2] ?? 10);
const perRoom = Number(process.argv[3] ?? 9);
const seconds = Number(process.argv[4] ?? 15);
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../apps/server");
process.setMaxListeners(1000);

interface Node {
  url: string;
  child: ChildProcess;
  cpu(): Promise<number>;
}

async function startNode(env: Record<string, string>): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    // The probe makes more workshops from one address than the default creation limit allows.
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      CREATE_LIMIT: "100000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.once("exit", () => child.kill("SIGKILL"));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("Continuum is running")) resolve();
    });
    child.once("exit", () => reject(new Error(out)));
  });
  // CPU time of the process from /proc (user + system, in seconds).
  const cpu = async () => {
    const { readFileSync } = await import("node:fs");
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { url: `http://127.0.0.1:${port}`, child, cpu };
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function run(label: string, nodes: Node[]): Promise<void> {
  const clients: { provider: WebsocketProvider; doc: Y.Doc; node: number; room: number }[] = [];
  const same: number[] = [];
  const other: number[] = [];
  let lost = 0;
  for (let r = 0; r < rooms; r++) {
    const res = await fetch(`${nodes[0]?.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: `probe ${r}`, template: "blank" }),
    });
    if (res.status !== 201) throw new Error(`could not create a workshop: ${res.status} ${await res.text()}`);
    const created = (await res.json()) as CreateWorkshopResponse;
    for (let c = 0; c < perRoom; c++) {
      const node = c % nodes.length;
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(
        `${nodes[node]?.url.replace("http", "ws")}/sync`,
        created.id,
        doc,
        {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          params: { token: created.token },
        },
      );
      const me = { provider, doc, node, room: r };
      clients.push(me);
      doc.getMap("probe").observe((event) => {
        const now = performance.timeOrigin + performance.now();
        for (const key of event.keysChanged) {
          if (event.transaction.local) continue;
          const v = doc.getMap("probe").get(key) as { t: number; n: number } | undefined;
          if (!v) continue;
          (v.n === node ? same : other).push(now - v.t);
        }
      });
    }
  }
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) =>
          c.provider.synced ? resolve() : c.provider.once("sync", () => resolve()),
        ),
    ),
  );
  const cpuBefore = await Promise.all(nodes.map((n) => n.cpu()));
  const writes = new Map<Y.Doc, number>();
  const timers = clients.map((c, i) =>
    setTimeout(() => {
      const write = () => {
        const n = (writes.get(c.doc) ?? 0) + 1;
        writes.set(c.doc, n);
        c.doc
          .getMap("probe")
          .set(`c${i}`, { t: performance.timeOrigin + performance.now(), n: c.node, seq: n });
      };
      write();
      timers[i] = setInterval(write, 1000) as unknown as NodeJS.Timeout;
    }, Math.random() * 1000),
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) clearInterval(t);
  const stoppedAt = Date.now();
  // Every client ends with every other client's last write of its room: how long after the writes stopped
  // (a late delivery), or which are still missing after 30 s (a lost one).
  const missing = () => {
    let n = 0;
    for (const c of clients) {
      for (const [i, o] of clients.entries()) {
        if (o.room !== c.room || o === c) continue;
        const got = c.doc.getMap("probe").get(`c${i}`) as { seq: number } | undefined;
        if ((got?.seq ?? 0) !== writes.get(o.doc)) n++;
      }
    }
    return n;
  };
  while (missing() > 0 && Date.now() - stoppedAt < 30_000) await new Promise((r) => setTimeout(r, 100));
  const settledMs = Date.now() - stoppedAt;
  lost = missing();
  const cpuAfter = await Promise.all(nodes.map((n) => n.cpu()));
  const cpu = cpuAfter.reduce((s, x, i) => s + x - (cpuBefore[i] ?? 0), 0) / (seconds + settledMs / 1000);
  const fmt = (xs: number[]) =>
    xs.length ? `${pct(xs, 50).toFixed(1)} / ${pct(xs, 99).toFixed(1)} / ${Math.max(...xs).toFixed(1)}` : "–";
  console.log(
    `| ${label} | ${rooms}x${perRoom} | ${fmt(same)} | ${fmt(other)} | ${same.length + other.length} | ${settledMs} | ${lost} | ${(cpu * 100).toFixed(0)}% |`,
  );
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}

console.log(
  "| setup | rooms x clients | same node p50 / p99 / max ms | other node p50 / p99 / max ms | deliveries | all caught up after writes stopped (ms) | last writes missing after 30 s | nodes' CPU (of one core) |",
);
console.log("|---|---|---|---|---|---|---|---|");
const dataDir = mkdtempSync(path.join(tmpdir(), "continuum-probe-"));
const db = await startLocalPostgres();
try {
  const sqlite = await startNode({ DATA_DIR: dataDir });
  await run("1 node, SQLite", [sqlite]);
  sqlite.child.kill("SIGKILL");
  const one = await startNode({ STORAGE: "postgres", DATABASE_URL: db.url, DATA_DIR: dataDir });
  await run("1 node, PostgreSQL", [one]);
  one.child.kill("SIGKILL");
  const three = await Promise.all(
    [0, 1, 2].map(() => startNode({ STORAGE: "postgres", DATABASE_URL: db.url, DATA_DIR: dataDir })),
  );
  await run("3 nodes, PostgreSQL", three);
  for (const n of three) n.child.kill("SIGKILL");
} finally {
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
