/**
 * The delivery matrix (issue 16): Continuum, y-websocket-server, Hocuspocus and a bare `ws` relay (the floor)
 * under the same load at every size, rounds interleaved across the servers, the median of valid rounds.
 *
 *   pnpm bench                  the whole matrix: 7 sizes x 4 servers x 3 rounds of 1 s warm-up + 3 s measured
 *                               (84 rounds, about 12 minutes)
 *   pnpm bench --quick          10x10, 50x20, 1x200; 2 rounds of 1 + 2 s (about 2.5 minutes)
 *   options: --sizes 10x10,1x500  --only continuum,relay  --rounds 3  --seconds 3  --warmup 1  --rate 5
 *            --writers 2  --observer-procs 3  --max-eld 5  --max-foreign 50  --write-doc  --profile
 *            --from-source (Continuum under tsx instead of the build)  --out name (results/<name>.md/.json)
 *            --continuum-main <file> (another build of the server, e.g. a copy of dist from before a change)
 *
 * Load: in every room two writers (plain `ws` sockets with a small Y.Doc each) write a marker 5 times a second;
 * every other client is an observer that only reads markers out of the bytes (gen/wire.ts). Writers run in one
 * generator process, observers in three; each measures its own event-loop delay, and a round where any of them
 * lagged (p99 over --max-eld ms) or where other processes used more than --max-foreign % of a core is invalid.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { GenCommand, GenReply, SocketSpec } from "./gen/process.ts";
import { median, parseSizes, quantile } from "./gen/wire.ts";
import { loadAverage, machineCpu } from "./machine.ts";
import { buildContinuum, type ProcStats, type ServerKind, ServerProcess } from "./servers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.resolve(here, "..", "results");
const docFile = path.resolve(here, "..", "..", "docs", "performance.md");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

const ALL_KINDS: ServerKind[] = ["continuum", "ywebsocket", "hocuspocus", "relay"];
const SHORT: Record<ServerKind, string> = {
  continuum: "Continuum",
  ywebsocket: "y-websocket-server",
  hocuspocus: "Hocuspocus",
  relay: "bare relay",
};
const FULL_SIZES = "1x2,10x10,50x20,100x20,1x200,1x500,1x1000";
const QUICK_SIZES = "10x10,50x20,1x200";

// ---------- options ----------

const { values: args } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        quick: { type: "boolean" },
        sizes: { type: "string" },
        only: { type: "string" },
        rounds: { type: "string" },
        seconds: { type: "string" },
        warmup: { type: "string" },
        rate: { type: "string" },
        writers: { type: "string" },
        "observer-procs": { type: "string" },
        "max-eld": { type: "string" },
        "max-foreign": { type: "string" },
        "write-doc": { type: "boolean" },
        profile: { type: "boolean" },
        "from-source": { type: "boolean" },
        "continuum-main": { type: "string" },
        out: { type: "string" },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\nSee the options at the top of bench/src/matrix.ts.`);
    process.exit(2);
  }
})();
const quick = args.quick === true;
const sizes = parseSizes(args.sizes ?? (quick ? QUICK_SIZES : FULL_SIZES));
const kinds = (args.only?.split(",") ?? ALL_KINDS) as ServerKind[];
for (const k of kinds)
  if (!ALL_KINDS.includes(k)) throw new Error(`unknown server ${k}: ${ALL_KINDS.join(", ")}`);
const rounds = Number(args.rounds ?? (quick ? 2 : 3));
const measureS = Number(args.seconds ?? (quick ? 2 : 3));
const warmupS = Number(args.warmup ?? 1);
const rate = Number(args.rate ?? 5);
const writersPerRoom = Number(args.writers ?? 2);
const observerProcs = Number(args["observer-procs"] ?? 3);
const maxEld = Number(args["max-eld"] ?? 5);
const maxForeign = Number(args["max-foreign"] ?? 50);
const profileDir = args.profile ? path.join(resultsDir, "profiles") : null;
const outName = args.out ?? (args.sizes || args.only ? "matrix-custom" : quick ? "matrix-quick" : "matrix");

// ---------- generator processes ----------

class GenProc {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: GenReply) => void; reject: (e: Error) => void }
  >();

  constructor() {
    this.child = fork(path.join(here, "gen", "process.ts"), [], {
      execArgv: ["--import", "tsx"],
      // Typed arrays of latencies cross as they are.
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (m: { id: number; reply?: GenReply; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.error !== undefined) p.reject(new Error(m.error));
      else if (m.reply) p.resolve(m.reply);
    });
    this.child.on("exit", () => {
      for (const p of this.pending.values()) p.reject(new Error("generator process exited"));
      this.pending.clear();
    });
  }

  call<T extends GenReply>(cmd: GenCommand, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`generator did not answer ${cmd.cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ id, cmd });
    });
  }

  kill(): void {
    this.child.kill();
  }
}

// ---------- one round of one server at one size ----------

interface RoundResult {
  size: string;
  server: ServerKind;
  round: number;
  metrics: Record<string, number | null>;
  invalid: string | null;
  error: string | null;
}

async function runRound(
  gens: { writer: GenProc; observers: GenProc[] },
  kind: ServerKind,
  rooms: number,
  perRoom: number,
  round: number,
): Promise<RoundResult> {
  const size = `${rooms}x${perRoom}`;
  const m: Record<string, number | null> = {};
  const all = [gens.writer, ...gens.observers];
  const server = await ServerProcess.start(kind, {
    profileDir,
    fromSource: args["from-source"] === true,
    continuumMain: args["continuum-main"]
      ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args["continuum-main"])
      : undefined,
  });
  try {
    const start = await server.stats({ gc: true });
    m.rssStartMB = start.rss / MB;
    const targets = await server.createRooms(rooms, `m${size}r${round}`);
    const afterRooms = await server.stats({ gc: true });
    const framing = kind === "hocuspocus" ? "hocuspocus" : "y-websocket";
    const writerSpecs: SocketSpec[] = [];
    const observerSpecs: SocketSpec[][] = gens.observers.map(() => []);
    let id = 1;
    let o = 0;
    for (let r = 0; r < rooms; r++) {
      const t = targets[r];
      if (!t) throw new Error("missing room");
      for (let c = 0; c < perRoom; c++) {
        const writer = c < writersPerRoom;
        const spec: SocketSpec = {
          id: id++,
          room: r,
          url: t.serverUrl,
          docName: t.room,
          token: t.token,
          writer,
        };
        if (writer) writerSpecs.push(spec);
        else observerSpecs[o++ % observerSpecs.length]?.push(spec);
      }
    }
    const connectCmd = (sockets: SocketSpec[]): GenCommand => ({
      cmd: "connect",
      framing,
      waitForServer: kind !== "relay",
      sockets,
      timeoutMs: 30_000,
    });
    const connected = await Promise.all([
      gens.writer.call<Extract<GenReply, { type: "connected" }>>(connectCmd(writerSpecs)),
      ...gens.observers.map((g, i) =>
        g.call<Extract<GenReply, { type: "connected" }>>(connectCmd(observerSpecs[i] ?? [])),
      ),
    ]);
    m.connectFailed = connected.reduce((a, c) => a + c.failed, 0);
    const idle = await server.stats({ gc: true });
    m.rssConnectedMB = idle.rss / MB;
    m.rssPerConnKB = (idle.rss - afterRooms.rss) / (rooms * perRoom) / 1024;

    await Promise.all(all.map((g) => g.call({ cmd: "start", rate })));
    await sleep(warmupS * 1000);
    await Promise.all(all.map((g) => g.call({ cmd: "mark" })));
    const cpu0: ProcStats = await server.stats({ gc: false, resetEld: true });
    const machine0 = machineCpu();
    const bench0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(measureS * 1000);
    const stopped = await Promise.all(
      all.map((g) => g.call<Extract<GenReply, { type: "stopped" }>>({ cmd: "stop" })),
    );
    const window = (performance.now() - t0) / 1000;
    const cpu1 = await server.stats({ gc: false });
    const machine1 = machineCpu();
    const bench1 = process.cpuUsage(bench0);
    // The last writes arrive before anything is counted as lost.
    await sleep(1000);
    const finals = stopped.flatMap((s) => s.finals);
    const collected = await Promise.all(
      all.map((g) => g.call<Extract<GenReply, { type: "collected" }>>({ cmd: "collect", finals })),
    );
    const n = collected.reduce((a, c) => a + c.latMs.length, 0);
    const lat = new Float64Array(n);
    let at = 0;
    for (const c of collected) {
      lat.set(c.latMs, at);
      at += c.latMs.length;
    }
    lat.sort();
    m.deliveries = n;
    m.p50 = quantile(lat, 0.5);
    m.p99 = quantile(lat, 0.99);
    m.max = quantile(lat, 1);
    m.lost = collected.reduce((a, c) => a + c.lost, 0);
    m.closes = collected.reduce((a, c) => a + c.closes, 0);
    const serverCpuS = (cpu1.cpuMicros - cpu0.cpuMicros) / 1e6;
    m.serverCpuPct = (100 * serverCpuS) / window;
    m.cpuUsPerDelivery = n > 0 ? (serverCpuS * 1e6) / n : null;
    m.serverEldP99 = cpu1.eldP99Ms;
    m.genEldP99 = Math.max(...stopped.map((s) => s.eldP99Ms));
    m.genEldMax = Math.max(...stopped.map((s) => s.eldMaxMs));
    const genCpuS = stopped.reduce((a, s) => a + s.cpuMicros, 0) / 1e6 + (bench1.user + bench1.system) / 1e6;
    m.genCpuPct = (100 * genCpuS) / window;
    // Everything else on the machine meanwhile: other people's builds and tests.
    m.foreignCpuPct =
      machine0 && machine1
        ? Math.max(0, (100 * (machine1.busyS - machine0.busyS)) / window - m.serverCpuPct - m.genCpuPct)
        : null;
    m.loadAvg = loadAverage();
    const end = await server.stats({ gc: true });
    m.rssEndMB = end.rss / MB;
    const reasons: string[] = [];
    if (m.genEldP99 > maxEld) reasons.push(`generator event-loop delay p99 ${m.genEldP99.toFixed(1)} ms`);
    if ((m.foreignCpuPct ?? 0) > maxForeign)
      reasons.push(`other processes used ${(m.foreignCpuPct ?? 0).toFixed(0)}% of a core`);
    if (m.connectFailed > 0) reasons.push(`${m.connectFailed} sockets did not connect`);
    return { size, server: kind, round, metrics: m, invalid: reasons.join("; ") || null, error: null };
  } finally {
    await Promise.all(all.map((g) => g.call({ cmd: "disconnect" }).catch(() => undefined)));
    await server.stop();
  }
}

// ---------- the table ----------

interface Cell {
  size: string;
  server: ServerKind;
  valid: number;
  rounds: number;
  /** Medians over the valid rounds, or over every round when none was valid (then `valid` is 0). */
  m: Record<string, number | null>;
}

function cells(results: RoundResult[]): Cell[] {
  const out: Cell[] = [];
  const keys = [...new Set(results.map((r) => `${r.size}|${r.server}`))];
  for (const key of keys) {
    const [size, server] = key.split("|") as [string, ServerKind];
    const all = results.filter((r) => r.size === size && r.server === server && !r.error);
    const valid = all.filter((r) => !r.invalid);
    const use = valid.length > 0 ? valid : all;
    const names = [...new Set(use.flatMap((r) => Object.keys(r.metrics)))];
    const m: Record<string, number | null> = {};
    for (const name of names) m[name] = median(use.map((r) => r.metrics[name]));
    out.push({
      size,
      server,
      valid: valid.length,
      rounds: results.filter((r) => r.size === size && r.server === server).length,
      m,
    });
  }
  return out;
}

function num(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return v.toFixed(digits);
}

function renderTables(
  list: Cell[],
  servers: ServerKind[],
  env: Record<string, unknown>,
  failures: string[],
): string {
  const sizesSeen = [...new Set(list.map((c) => c.size))];
  const get = (size: string, s: ServerKind) => list.find((c) => c.size === size && c.server === s);
  const mark = (c: Cell | undefined) => (c && c.valid === 0 ? "†" : "");
  const peers = servers.filter((s) => s === "ywebsocket" || s === "hocuspocus");
  const ours = servers.includes("continuum");
  const ratio = (size: string, key: string, p: ServerKind): string => {
    const a = get(size, "continuum");
    const b = get(size, p);
    const x = a?.m[key];
    const y = b?.m[key];
    if (typeof x !== "number" || typeof y !== "number" || y <= 0) return "–";
    return `${(x / y).toFixed(2)}×${mark(a) || mark(b)}`;
  };
  const lines: string[] = [];
  const latHead = [
    "rooms × clients",
    ...servers.map((s) => `${SHORT[s]} p50 / p99 / worst`),
    ...(ours ? peers.flatMap((p) => [`p99 ÷ ${SHORT[p]}`, `worst ÷ ${SHORT[p]}`]) : []),
    "valid rounds",
  ];
  lines.push(
    "Delivery, writer to each other client (ms):",
    "",
    `| ${latHead.join(" | ")} |`,
    `|${latHead.map(() => "---").join("|")}|`,
  );
  for (const size of sizesSeen) {
    const row = [size];
    for (const s of servers) {
      const c = get(size, s);
      row.push(c ? `${num(c.m.p50, 2)} / ${num(c.m.p99, 2)} / ${num(c.m.max)}${mark(c)}` : "");
    }
    if (ours) for (const p of peers) row.push(ratio(size, "p99", p), ratio(size, "max", p));
    row.push(
      servers
        .map((s) => {
          const c = get(size, s);
          return c ? `${c.valid}/${c.rounds}` : "–";
        })
        .join(", "),
    );
    lines.push(`| ${row.join(" | ")} |`);
  }
  const footHead = [
    "rooms × clients",
    "updates lost",
    "server RSS at start / end (MB)",
    "RSS per idle connection (KB)",
    "server CPU per delivery (µs)",
    ...(ours ? peers.map((p) => `CPU ÷ ${SHORT[p]}`) : []),
    ...(ours ? peers.map((p) => `RSS end ÷ ${SHORT[p]}`) : []),
  ];
  lines.push(
    "",
    `Footprint and cost, each cell ${servers.map((s) => SHORT[s]).join(" / ")}:`,
    "",
    `| ${footHead.join(" | ")} |`,
    `|${footHead.map(() => "---").join("|")}|`,
  );
  for (const size of sizesSeen) {
    const per = (f: (c: Cell) => string) =>
      servers
        .map((s) => {
          const c = get(size, s);
          return c ? f(c) : "–";
        })
        .join(" / ");
    const row = [
      size,
      per((c) => num(c.m.lost, 0)),
      per((c) => `${num(c.m.rssStartMB, 0)}→${num(c.m.rssEndMB, 0)}`),
      per((c) => num(c.m.rssPerConnKB, 1)),
      per((c) => `${num(c.m.cpuUsPerDelivery, 1)}${mark(c)}`),
      ...(ours ? peers.map((p) => ratio(size, "cpuUsPerDelivery", p)) : []),
      ...(ours ? peers.map((p) => ratio(size, "rssEndMB", p)) : []),
    ];
    lines.push(`| ${row.join(" | ")} |`);
  }
  lines.push(
    "",
    `Median of valid rounds per cell (rounds interleaved across servers); † no valid round, median of all rounds shown. ` +
      `Ratios are Continuum ÷ peer (below 1.00× Continuum is ahead). ` +
      `${env.cpus}, ${env.memoryGB} GB, Node ${env.node}; ${env.rounds} rounds, ${env.warmupS} s warm-up + ${env.measureS} s measured, ` +
      `${env.writersPerRoom} writers per room at ${env.rate} writes/s, ${env.observerProcs} observer processes + 1 writer process; ` +
      `valid when every generator process's event-loop delay p99 ≤ ${env.maxEld} ms and other processes used ≤ ${env.maxForeign}% of a core; ` +
      `run took ${env.seconds} s (${env.date}).`,
  );
  if (failures.length) lines.push("", "Failed rounds:", ...failures.map((f) => `- ${f}`));
  return lines.join("\n");
}

// ---------- main ----------

const DOC_START = "<!-- bench:matrix:start -->";
const DOC_END = "<!-- bench:matrix:end -->";

async function main(): Promise<void> {
  const started = Date.now();
  const env = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? "?"}`,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    mode: quick ? "quick" : "full",
    rounds,
    measureS,
    warmupS,
    rate,
    writersPerRoom,
    observerProcs,
    maxEld,
    maxForeign,
    continuum: args["from-source"] ? "source under tsx" : "dist (as pnpm start)",
    seconds: 0,
  };
  if (kinds.includes("continuum") && !args["from-source"] && !args["continuum-main"]) buildContinuum();
  console.log(
    `Delivery matrix (${env.mode}): ${sizes.map((s) => s.join("x")).join(", ")}; ${kinds.join(", ")}; ${rounds} rounds of ${warmupS}+${measureS} s`,
  );
  const gens = {
    writer: new GenProc(),
    observers: Array.from({ length: observerProcs }, () => new GenProc()),
  };
  const results: RoundResult[] = [];
  const failures: string[] = [];
  try {
    for (const [rooms, perRoom] of sizes) {
      for (let round = 1; round <= rounds; round++) {
        for (const kind of kinds) {
          const t = Date.now();
          const label = `${rooms}x${perRoom} round ${round} ${SHORT[kind]}`.padEnd(40);
          try {
            const r = await runRound(gens, kind, rooms, perRoom, round);
            results.push(r);
            const x = r.metrics;
            console.log(
              `  ${label} p50 ${num(x.p50, 2)} p99 ${num(x.p99, 2)} worst ${num(x.max)} ms, lost ${x.lost}, ` +
                `${num(x.cpuUsPerDelivery)} µs/delivery, RSS ${num(x.rssStartMB, 0)}→${num(x.rssEndMB, 0)} MB, ` +
                `gen eld p99 ${num(x.genEldP99)} ms${r.invalid ? ` INVALID (${r.invalid})` : ""} [${((Date.now() - t) / 1000).toFixed(0)} s]`,
            );
          } catch (err) {
            const message = (err as Error).message.split("\n")[0] ?? "";
            console.log(`  ${label} FAILED: ${message}`);
            failures.push(`${rooms}x${perRoom} round ${round}, ${SHORT[kind]}: ${message}`);
            results.push({
              size: `${rooms}x${perRoom}`,
              server: kind,
              round,
              metrics: {},
              invalid: null,
              error: message,
            });
          }
        }
      }
    }
  } finally {
    gens.writer.kill();
    for (const g of gens.observers) g.kill();
  }
  env.seconds = Math.round((Date.now() - started) / 1000);
  const list = cells(results);
  const md = renderTables(list, kinds, env, failures);
  console.log(`\n${md}\n`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, `${outName}.md`), `${md}\n`);
  writeFileSync(
    path.join(resultsDir, `${outName}.json`),
    `${JSON.stringify({ env, cells: list, rounds: results }, null, 2)}\n`,
  );
  console.log(`Written to bench/results/${outName}.md and .json`);
  if (args["write-doc"]) {
    const doc = readFileSync(docFile, "utf8");
    const a = doc.indexOf(DOC_START);
    const b = doc.indexOf(DOC_END);
    if (a === -1 || b < a) {
      console.log(`docs/performance.md has no ${DOC_START} … ${DOC_END} section; not written there.`);
    } else {
      writeFileSync(docFile, `${doc.slice(0, a + DOC_START.length)}\n${md}\n${doc.slice(b)}`);
      console.log("Written into docs/performance.md (between the bench:matrix markers).");
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
