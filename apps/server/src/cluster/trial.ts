/**
 * `pnpm cluster`: several nodes on one machine, to try them out. Starts a PostgreSQL of its own (Debian's
 * package, in a temporary folder: everything is thrown away on Ctrl-C) unless DATABASE_URL names one, then
 * three server nodes on ports 8081, 8082 and 8083 (NODES and FIRST_PORT change that), each its own process
 * exactly as `STORAGE=postgres pnpm start` runs it. Ctrl-C stops the nodes, then PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalPostgres, postgresMissingReason, startLocalPostgres } from "./localPostgres.ts";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function startNode(port: number, databaseUrl: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      STORAGE: "postgres",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (d: Buffer) => {
      output += d;
      if (output.includes("Continuum is running")) {
        child.stdout?.removeAllListeners("data");
        child.stdout?.pipe(process.stdout);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`node on port ${port} exited (${code}):\n${output}`)));
  });
}

async function main(): Promise<void> {
  const count = Number(process.env.NODES ?? 3);
  const firstPort = Number(process.env.FIRST_PORT ?? 8081);
  let db: LocalPostgres | null = null;
  let databaseUrl = process.env.DATABASE_URL ?? "";
  if (!databaseUrl) {
    const missing = postgresMissingReason();
    if (missing) {
      console.error(`${missing}. Or set DATABASE_URL to a PostgreSQL you have.`);
      process.exitCode = 1;
      return;
    }
    db = await startLocalPostgres();
    databaseUrl = db.url;
    console.log(`PostgreSQL is running at ${databaseUrl} (a throwaway one: its data goes on Ctrl-C).`);
  }
  // The nodes keep nothing on disk with STORAGE=postgres; the folder only satisfies DATA_DIR.
  const dataDir = mkdtempSync(path.join(tmpdir(), "continuum-cluster-"));
  const nodes: ChildProcess[] = [];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the nodes, then PostgreSQL…");
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (n.exitCode !== null) return resolve();
            n.once("exit", () => resolve());
            n.kill("SIGTERM");
          }),
      ),
    );
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  try {
    for (let i = 0; i < count; i++) nodes.push(await startNode(firstPort + i, databaseUrl, dataDir));
  } catch (err) {
    console.error((err as Error).message);
    await stop();
    return;
  }
  const list = nodes
    .map((n, i) => `  node ${i + 1}: http://localhost:${firstPort + i}   (process ${n.pid})`)
    .join("\n");
  console.log(
    `\n${count} Continuum nodes share one PostgreSQL:\n${list}\n` +
      "Open any of them: a workshop started on one can be joined on every other. " +
      `The cluster as a whole: http://localhost:${firstPort}/healthz/cluster\nCtrl-C stops everything.`,
  );
}

void main();
