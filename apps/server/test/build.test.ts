import { type ChildProcess, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listActivities } from "@continuum/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, createWorkshop, freePort, removeDir, serverProcess, synced, tempDir } from "./helpers.ts";

// `pnpm start` runs the esbuild output, not the source the other tests run under tsx: this is the one test
// of what people actually start (the bundle, its chunks, the export thread's entry beside them).
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(serverDir, "dist");

/** Every module a file loads before it runs: its static imports, followed through the build's own chunks. */
function loadedAtStart(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)) {
    const spec = (match[1] ?? match[2]) as string;
    if (seen.has(spec)) continue;
    seen.add(spec);
    if (spec.startsWith("./")) loadedAtStart(path.join(path.dirname(file), spec), seen);
  }
  return seen;
}

describe("the production build (pnpm start)", () => {
  let child: ChildProcess;
  let base = "";
  const dataDir = tempDir();

  beforeAll(async () => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: serverDir, stdio: "pipe" });
    // The flags of the start script, so this runs the server as `pnpm start` does.
    const start = (
      JSON.parse(readFileSync(path.join(serverDir, "package.json"), "utf8")) as {
        scripts: { start: string };
      }
    ).scripts.start;
    const flags = (/node ([^&]*) dist\/main\.mjs$/.exec(start)?.[1] ?? "").split(" ").filter(Boolean);
    expect(flags, start).toContain("--max-semi-space-size=2");
    const port = await freePort();
    child = await serverProcess([...flags, "dist/main.mjs"], { port, dataDir });
    base = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    removeDir(dataDir);
  });

  it("starts without loading the PostgreSQL client or the export pool", () => {
    const modules = loadedAtStart(path.join(dist, "main.mjs"));
    expect(modules).toContain("better-sqlite3");
    expect(modules).toContain("ws");
    expect(modules).not.toContain("pg");
    expect(modules).not.toContain("piscina");
  });

  it("creates a workshop, syncs it and renders a PDF in its export thread", async () => {
    const created = await createWorkshop(base);
    const facilitator = connect(base, created.id, created.token);
    try {
      await synced(facilitator);
      expect(listActivities(facilitator.doc).map((a) => a.kind)).toContain("scale");
      const pdf = await fetch(`${base}/api/workshops/${created.id}/export/pdf`, {
        headers: { authorization: `Bearer ${created.token}` },
      });
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    } finally {
      facilitator.destroy();
    }
  }, 30_000);

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 15_000);
});
