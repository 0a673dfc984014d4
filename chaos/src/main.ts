/**
 * `pnpm chaos [--quick] [--only name,name] [--write-doc]`: the chaos and fuzz suite (docs/reliability.md).
 * Every scenario starts its own server as a child process on a free loopback port with a temporary data
 * directory, and stops it and removes the directory when it is done.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { markdownReport, replaceBetweenMarkers, runInfo } from "./report.ts";
import { attacks } from "./scenarios/attacks.ts";
import { frames } from "./scenarios/frames.ts";
import { hold } from "./scenarios/hold.ts";
import { kill9 } from "./scenarios/kill9.ts";
import { stopAllServers } from "./server.ts";
import type { Scenario, ScenarioResult } from "./types.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const chaosDir = path.resolve(here, "..");
const docPath = path.resolve(chaosDir, "..", "docs", "reliability.md");

const SCENARIOS: Scenario[] = [kill9, frames, ...attacks, hold];

const HELP = `pnpm chaos [options]

  --quick            a short version (about 3 minutes): fewer kills and frames, a 30 s hold
  --only a,b         run only these scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}
  --write-doc        put the table into docs/reliability.md (between its chaos-table markers)
  -h, --help         this text

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(12)} ${s.about}`).join("\n")}

Results: chaos/results/latest.md and latest.json.`;

/** No scenario may take longer than this; past it, it counts as failed and the run goes on. */
const SCENARIO_LIMIT_MS = { quick: 5 * 60_000, full: 14 * 60_000 };

function options() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: "boolean", default: false },
        only: { type: "string" },
        "write-doc": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.help) {
    console.log(HELP);
    return;
  }
  const only = opts.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) {
    console.error(
      `No scenario named ${unknown.join(", ")}. There are: ${SCENARIOS.map((s) => s.name).join(", ")}.`,
    );
    process.exit(2);
  }
  const chosen = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  const quick = opts.quick ?? false;
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const limit = SCENARIO_LIMIT_MS[quick ? "quick" : "full"];

  const interrupted = () => {
    say("interrupted: stopping servers");
    void stopAllServers().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  // Every y-websocket provider registers a process exit listener; a scenario holds more than ten of them.
  process.setMaxListeners(0);
  const t0 = Date.now();
  const results: ScenarioResult[] = [];
  for (const scenario of chosen) {
    say(`▶ ${scenario.name}: ${scenario.about}`);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const rows = await Promise.race([
        scenario.run({ quick, say }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`took longer than ${limit / 60_000} min`)), limit);
        }),
      ]);
      results.push(...rows);
      for (const r of rows) say(`  ${r.pass ? "pass" : "FAIL"} ${r.name}: ${r.figures}`);
    } catch (err) {
      const message = (err as Error).message.split("\n")[0] ?? String(err);
      say(`  ERROR ${scenario.name}: ${(err as Error).stack ?? message}`);
      results.push({
        name: scenario.name,
        pass: false,
        criterion: scenario.about,
        lost: null,
        serverUp: null,
        p99Ms: null,
        memory: null,
        figures: `the scenario could not finish: ${message}`,
        details: { error: String((err as Error).stack ?? err) },
        durationMs: Date.now() - started,
      });
      await stopAllServers();
    } finally {
      clearTimeout(timer);
    }
    say(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await stopAllServers();

  const info = runInfo(quick ? "quick" : "full", only ?? null, Date.now() - t0);
  const report = markdownReport(info, results);
  const resultsDir = path.join(chaosDir, "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, "latest.md"), report);
  writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify({ ...info, results }, null, 2)}\n`);
  if (opts["write-doc"]) writeFileSync(docPath, replaceBetweenMarkers(readFileSync(docPath, "utf8"), report));
  console.log(`\n${report}`);
  say(
    `Written to chaos/results/latest.md and latest.json${opts["write-doc"] ? " and docs/reliability.md" : ""}.`,
  );
  // Sockets of clients that lost their server can hold the event loop open; the run is over.
  process.exit(results.every((r) => r.pass) ? 0 : 1);
}

void main();
