import type { RunResult } from "./main.ts";
import { SERVER_LABEL, type ServerKind } from "./servers.ts";

interface Figure {
  key: string;
  label: string;
  /** Shown as ours ÷ peer (all figures here are lower-is-better). */
  ratio: boolean;
  /** Depends on timing, so it is invalid in a dropped run (memory figures stay valid). */
  timing?: boolean;
}

const LOAD: Figure[] = [
  { timing: true, key: "p50", label: "propagation p50 (ms)", ratio: true },
  { timing: true, key: "p95", label: "propagation p95 (ms)", ratio: true },
  { timing: true, key: "p99", label: "propagation p99 (ms)", ratio: true },
  { timing: true, key: "max", label: "propagation max (ms)", ratio: true },
  { timing: true, key: "allP99", label: "to whole room p99 (ms)", ratio: true },
  { key: "lost", label: "updates lost", ratio: false },
  { key: "closes", label: "disconnects", ratio: false },
  { timing: true, key: "cpuPct", label: "server CPU (% of a core)", ratio: true },
  { key: "rssPerClientKB", label: "RSS per client after GC (KB)", ratio: true },
  { key: "heapPerClientKB", label: "heap+external per client (KB)", ratio: true },
  { key: "rssPerRoomKB", label: "RSS per room after GC (KB)", ratio: true },
  { key: "leftHeapMB", label: "heap+external after all left (MB over start)", ratio: false },
  { key: "leftRooms", label: "rooms still loaded after all left", ratio: false },
  { key: "genEldP99", label: "load generator event-loop delay p99 (ms)", ratio: false },
  { key: "foreignCpuPct", label: "other processes' CPU meanwhile (% of a core)", ratio: false },
];

const STORM: Figure[] = [
  { key: "stormMs", label: "all clients synced (ms)", ratio: true },
  { key: "stormP50Ms", label: "median client synced (ms)", ratio: true },
  { key: "stormCpuS", label: "server CPU during storm (s)", ratio: true },
  { key: "rssPerClientKB", label: "RSS per client after GC (KB)", ratio: true },
  { key: "rssPerRoomKB", label: "RSS per room after GC (KB)", ratio: true },
  { key: "leftHeapMB", label: "heap+external after all left (MB over start)", ratio: false },
  { key: "leftRooms", label: "rooms still loaded after all left", ratio: false },
];

const IDLE: Figure[] = [
  { key: "rssPerConnKB", label: "RSS per idle connection (KB)", ratio: true },
  { key: "heapPerConnKB", label: "heap+external per idle connection (KB)", ratio: true },
  { key: "rssPerConnEndKB", label: "RSS per connection at the end (KB)", ratio: true },
  { key: "idleCpuS", label: "server CPU over the hold (s)", ratio: true },
  { key: "closes", label: "disconnects", ratio: false },
  { key: "leftHeapMB", label: "heap+external after all left (MB over start)", ratio: false },
];

const SHORT: Record<ServerKind, string> = {
  continuum: "Continuum",
  ywebsocket: "y-websocket",
  hocuspocus: "Hocuspocus",
  relay: "bare relay",
};

function num(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function render(results: RunResult[], env: Record<string, unknown>, servers: ServerKind[]): string {
  const peers = servers.filter((s) => s !== "continuum");
  const ours = servers.includes("continuum");
  const head = [
    "Scenario",
    "Figure",
    ...servers.map((s) => SHORT[s]),
    ...(ours ? peers.map((p) => `Continuum ÷ ${SHORT[p]}`) : []),
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const notes: string[] = [];
  for (const scenario of scenarios) {
    const byServer = new Map(results.filter((r) => r.scenario === scenario).map((r) => [r.server, r]));
    const figures = scenario.startsWith("load") ? LOAD : scenario.startsWith("join") ? STORM : IDLE;
    for (const r of byServer.values()) {
      if (r.dropped) notes.push(`${scenario}, ${SHORT[r.server]}: dropped (${r.dropped}).`);
      if (r.error) notes.push(`${scenario}, ${SHORT[r.server]}: failed (${r.error.split("\n")[0]}).`);
    }
    let first = true;
    for (const f of figures) {
      const cell = (s: ServerKind): string => {
        const r = byServer.get(s);
        if (!r) return "";
        if (r.error) return "failed";
        const raw = r.metrics[f.key];
        // A resident-memory delta below zero is the allocator returning pages after GC: noise, not savings.
        const v = f.key.startsWith("rss") && raw !== undefined && raw !== null && raw < 0 ? "≈0" : num(raw);
        return r.dropped && f.timing ? `${v}†` : v;
      };
      const ratio = (p: ServerKind): string => {
        if (!f.ratio) return "";
        const a = byServer.get("continuum")?.metrics[f.key];
        const b = byServer.get(p)?.metrics[f.key];
        if (a === null || a === undefined || b === null || b === undefined || b <= 0 || a <= 0) return "–";
        const dropped = f.timing && (byServer.get("continuum")?.dropped || byServer.get(p)?.dropped);
        return `${(a / b).toFixed(2)}×${dropped ? "†" : ""}`;
      };
      const row = [
        first ? `**${scenario}**` : "",
        f.label,
        ...servers.map(cell),
        ...(ours ? peers.map(ratio) : []),
      ];
      lines.push(`| ${row.join(" | ")} |`);
      first = false;
    }
  }
  const legend = [
    `Servers: ${servers.map((s) => SERVER_LABEL[s]).join("; ")}.`,
    "Ratios are Continuum ÷ peer: below 1.00× Continuum is ahead (every figure with a ratio is lower-is-better).",
    `Machine: ${env.cpus}, ${env.memoryGB} GB, Node ${env.node}; mode ${env.mode}, ${env.loadThreads} load threads, ` +
      `${env.warmupSeconds} s warm-up + ${env.measureSeconds} s measured per load run; run took ${env.seconds} s (${env.date}).`,
    ...(notes.length
      ? [
          "",
          "† Dropped or failed runs: their timing figures (latency, CPU) are shown but are not valid; memory figures stand:",
          ...notes.map((n) => `- ${n}`),
        ]
      : []),
  ];
  return [...lines, "", ...legend].join("\n");
}
