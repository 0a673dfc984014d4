#!/usr/bin/env node
// Runs every test suite of the workspace and ends with one line of totals, `N passed, N failed`, which CI
// reads. Vitest's own summary stays in the output above it for people.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const outDir = mkdtempSync(path.join(tmpdir(), "continuum-results-"));
const suites = [
  { name: "unit and integration (vitest)", file: "vitest.json", config: "vitest.config.ts" },
  { name: "end to end (Chromium)", file: "e2e.json", config: "apps/e2e/vitest.config.ts" },
];

// The browser suite needs a Chromium on the machine (apps/e2e/src/harness.ts looks in the same places). On a
// person's machine without one it is skipped out loud; in CI a missing browser is a failure.
const browser = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
].find((p) => p && existsSync(p));
if (!browser && process.env.CI !== "true") {
  suites.pop();
  console.log(
    "\nNOTE: no Chromium found, so the browser tests (apps/e2e) will not run. Install Chromium (Debian/Ubuntu: " +
      "apt-get install chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary to run them too.",
  );
}

// The PostgreSQL tests (the PostgresStore and the several-nodes cluster) start Debian's PostgreSQL in a
// temporary folder (apps/server/src/cluster/localPostgres.ts). Without it they are skipped out loud; in CI the
// test files themselves fail instead.
const pgBin = process.env.PG_BIN
  ? [process.env.PG_BIN]
  : existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql").map((v) => path.join("/usr/lib/postgresql", v, "bin"))
    : [];
if (!pgBin.some((bin) => existsSync(path.join(bin, "initdb"))) && process.env.CI !== "true") {
  console.log(
    "\nNOTE: PostgreSQL is not installed, so the PostgreSQL store and several-nodes tests will be skipped. " +
      "Install it (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN to its bin folder to run them too.",
  );
}

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
// The names of the tests that failed, repeated just above the totals: CI keeps only the end of a long output,
// and a failure scrolled away above five minutes of browser tests cannot be found again.
const failures = [];
const firstLine = (text) =>
  String(text ?? "")
    .split("\n")[0]
    .slice(0, 300);
for (const suite of suites) {
  const outputFile = path.join(outDir, suite.file);
  console.log(`\n=== ${suite.name} ===`);
  const args = ["exec", "vitest", "run", "--config", suite.config, "--reporter=default", "--reporter=json"];
  const result = spawnSync("pnpm", [...args, `--outputFile.json=${outputFile}`, ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) exitCode = 1;
  try {
    const report = JSON.parse(readFileSync(outputFile, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const where = path.relative(root, file.name ?? "");
      for (const test of file.assertionResults ?? []) {
        if (test.status !== "failed") continue;
        failures.push(
          `${where} > ${test.fullName ?? test.title}\n    ${firstLine(test.failureMessages?.[0])}`,
        );
      }
      // A file that failed to load or whose hooks threw has no failed test of its own to name.
      if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")) {
        failures.push(`${where}\n    ${firstLine(file.message)}`);
      }
    }
    if ((report.numTotalTests ?? 0) === 0) {
      console.error(`${suite.name}: no test ran`);
      exitCode = 1;
    }
  } catch {
    console.error(`${suite.name}: no results were written (the runner failed before reporting)`);
    failed += 1;
    exitCode = 1;
  }
}
rmSync(outDir, { recursive: true, force: true });
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
