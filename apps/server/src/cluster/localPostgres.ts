/**
 * A throwaway PostgreSQL server for tests and for trying several nodes on one machine (`pnpm cluster`):
 * Debian's `postgresql` package, a new cluster in a temporary folder, on a free loopback port, stopped and
 * removed afterwards. Never used by the server itself, which takes any PostgreSQL through DATABASE_URL.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** The newest installed PostgreSQL's bin folder (PG_BIN wins), or null when there is none. */
export function findPostgresBin(): string | null {
  if (process.env.PG_BIN)
    return existsSync(path.join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const candidates: string[] = [];
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(root, v, "bin"));
  }
  return candidates.find((bin) => existsSync(path.join(bin, "initdb"))) ?? null;
}

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissingReason(): string | null {
  if (findPostgresBin()) return null;
  return "PostgreSQL is not installed (Debian/Ubuntu: apt-get install postgresql, or set PG_BIN to its bin folder)";
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user (or nobody). */
function unprivileged(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
      return { uid, gid };
    } catch {}
  }
  throw new Error("running as root and there is neither a postgres nor a nobody user to run PostgreSQL as");
}

export interface LocalPostgres {
  url: string;
  port: number;
  /** Fast shutdown, then the folder is removed. */
  stop(): Promise<void>;
}

export async function startLocalPostgres(
  options: { port?: number; log?: (line: string) => void } = {},
): Promise<LocalPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresMissingReason() ?? "no PostgreSQL");
  const dir = mkdtempSync(path.join(tmpdir(), "continuum-pg-"));
  const data = path.join(dir, "data");
  const user = unprivileged();
  if (user) chownSync(dir, user.uid, user.gid);
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  try {
    // --no-sync: a throwaway cluster need not survive a power cut. The server's own durability setting
    // (synchronous_commit) stays at its default, so a commit is still written before it is acknowledged.
    execFileSync(
      path.join(bin, "initdb"),
      ["-D", data, "-U", "continuum", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      { ...as, stdio: "pipe", cwd: dir },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: Buffer };
    throw new Error(`initdb failed: ${e.stderr?.toString() ?? String(err)}`);
  }
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    path.join(bin, "postgres"),
    [
      "-D",
      data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dir}`,
      "-c",
      "max_connections=200",
      // Tests and trials only: skip flushing to disk. A killed *node* still loses nothing, because what
      // PostgreSQL acknowledged is in its memory and it is not the process being killed.
      "-c",
      "fsync=off",
    ],
    { ...as, stdio: ["ignore", "pipe", "pipe"], cwd: dir },
  );
  let output = "";
  const collect = (d: Buffer) => {
    output += d;
    options.log?.(String(d));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If whoever started it dies without stopping it (a test runner timing out), it must not live on.
  const orphaned = () => {
    if (child.exitCode === null) child.kill("SIGQUIT");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", orphaned);
  const url = `postgres://continuum@127.0.0.1:${port}/postgres`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL exited: ${output}`);
    }
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start in 30 s: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    stop() {
      stopping ??= (async () => {
        // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing is waited for.
        if (child.exitCode === null) child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
        process.off("exit", orphaned);
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
