import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { mb } from "./server.ts";
import type { ScenarioResult } from "./types.ts";

export const TABLE_START = "<!-- chaos-table:start -->";
export const TABLE_END = "<!-- chaos-table:end -->";

export interface RunInfo {
  date: string;
  mode: "quick" | "full";
  only: string[] | null;
  commit: string;
  machine: string;
  node: string;
  durationMs: number;
}

export function runInfo(mode: "quick" | "full", only: string[] | null, durationMs: number): RunInfo {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "apps/server", "packages"], {
      encoding: "utf8",
    }).trim();
    if (dirty) commit += " (server or packages with uncommitted changes)";
  } catch {
    // Not a git checkout.
  }
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    mode,
    only,
    commit,
    machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    durationMs,
  };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const verdict = (pass: boolean | null) => (pass === null ? "not run" : pass ? "pass" : "**FAIL**");
const yesNo = (b: boolean | null) => (b === null ? "–" : b ? "yes" : "**no**");
const ms = (n: number | null) =>
  n === null ? "–" : n === Number.POSITIVE_INFINITY ? "timeout" : n.toFixed(1);

export function markdownTable(results: ScenarioResult[]): string {
  const head =
    "| Scenario | Result | Criterion | Lost updates | Server up | Healthy p99 (ms) | RSS start / peak / end (MB) | Key figures |\n" +
    "|---|---|---|---|---|---|---|---|\n";
  const rows = results.map((r) => {
    const mem = r.memory ? `${mb(r.memory.start)} / ${mb(r.memory.peak)} / ${mb(r.memory.end)}` : "–";
    return `| ${cell(r.name)} | ${verdict(r.pass)} | ${cell(r.criterion)} | ${r.lost ?? "–"} | ${yesNo(r.serverUp)} | ${ms(r.p99Ms)} | ${mem} | ${cell(r.figures)} |`;
  });
  return head + rows.join("\n");
}

export function markdownReport(info: RunInfo, results: ScenarioResult[]): string {
  const passed = results.filter((r) => r.pass === true).length;
  const scope = info.only ? `, only ${info.only.join(",")}` : "";
  return (
    `Run finished ${info.date.slice(0, 16).replace("T", " ")} UTC, \`pnpm chaos${info.mode === "quick" ? " --quick" : ""}\`${scope}, ` +
    `commit ${info.commit}, ${info.machine}, Node ${info.node}; took ${(info.durationMs / 60_000).toFixed(1)} min. ` +
    `${passed} of ${results.length} rows pass.\n\n${markdownTable(results)}\n`
  );
}

/** Replaces what is between the markers of a document with the report. */
export function replaceBetweenMarkers(doc: string, report: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the document has no ${TABLE_START} … ${TABLE_END} markers`);
  return `${doc.slice(0, start + TABLE_START.length)}\n\n${report}\n${doc.slice(end)}`;
}
