/**
 * `pnpm cluster`: several nodes on one machine, to try them out. Starts a PostgreSQL of its own (Debian's
 * package, in a temporary folder: everything is thrown away on Ctrl-C) unless DATABASE_URL names one, then
 * three server nodes on ports 8081, 8082 and 8083 (NODES and FIRST_PORT change that), each its own process
 * exactly as `STORAGE=postgres pnpm start` runs it, and in front of them on port 8080 (PORT) a plain TCP
 * balancer that hands each new connection to the next node that answers, as a load balancer would, so that
 * killing one node shows its clients moving to the others. Ctrl-C stops the nodes, then PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
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

/**
 * Round robin over the nodes at the TCP level (HTTP and WebSocket alike); a node that refuses the connection
 * (killed) is skipped for this connection. For trying things out: in production use a real load balancer.
 */
function startBalancer(port: number, nodePorts: number[]): Promise<Server> {
  let next = 0;
  const server = createServer((client: Socket) => {
    client.on("error", () => client.destroy());
    const attempt = (tries: number) => {
      if (tries >= nodePorts.length) return client.destroy();
      const target = nodePorts[next++ % nodePorts.length] ?? 0;
      const upstream = connect(target, "127.0.0.1");
      upstream.once("connect", () => {
        upstream.removeAllListeners("error");
        upstream.on("error", () => client.destroy());
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.once("error", () => attempt(tries + 1));
    };
    attempt(0);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const count = Number(process.env.NODES ?? 3);
  const firstPort = Number(process.env.FIRST_PORT ?? 8081);
  const balancerPort = Number(process.env.PORT ?? 8080);
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
  let balancer: Server | null = null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the nodes, then PostgreSQL…");
    balancer?.close();
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            // Already gone (a node someone killed has a signal code and no exit code).
            if (n.exitCode !== null || n.signalCode !== null) return resolve();
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
    const ports = nodes.map((_, i) => firstPort + i);
    balancer = await startBalancer(balancerPort, ports);
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
      `and a balancer in front of them: http://localhost:${balancerPort}\n` +
      "Open the balancer (or any node): a workshop started on one node can be joined on every other. " +
      "Kill a node's process and its clients move to the others.\n" +
      `The cluster as a whole: http://localhost:${balancerPort}/healthz/cluster\nCtrl-C stops everything.`,
  );
}

void main();
