/**
 * The server under test as a child process of its own (`node --import tsx apps/server/src/main.ts`), so that
 * kill -9 is a real kill -9 and its resident memory is its own (read from /proc/<pid>/status).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const chaosDir = path.resolve(here, "..");
const serverMain = path.join(
  path.dirname(fileURLToPath(import.meta.resolve("@continuum/server"))),
  "main.ts",
);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in bytes, from /proc; null once it is gone. */
export function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

export const mb = (bytes: number | null | undefined): string =>
  bytes === null || bytes === undefined ? "–" : `${(bytes / (1024 * 1024)).toFixed(0)}`;

/** Every server started and not yet stopped, so that an interrupted run leaves no process behind. */
const running = new Set<ServerUnderTest>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/**
 * One server: a temp data directory and a port that survive restarts (kill -9, then start again on the
 * same data, as a supervisor would), its log in a file in the data directory.
 */
export class ServerUnderTest {
  private child: ChildProcess | null = null;
  private exitedEarly = false;
  readonly url: string;
  readonly wsUrl: string;
  private readonly logFile: string;
  private starts = 0;

  private constructor(
    readonly name: string,
    readonly port: number,
    readonly dataDir: string,
    private readonly extraArgs: string[],
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}`;
    this.logFile = path.join(dataDir, "server.log");
  }

  static async start(name: string, extraArgs: string[] = []): Promise<ServerUnderTest> {
    const dataDir = mkdtempSync(path.join(tmpdir(), `continuum-chaos-${name}-`));
    const server = new ServerUnderTest(name, await freePort(), dataDir, extraArgs);
    running.add(server);
    await server.boot();
    return server;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Whether the process is running and answers /healthz. */
  async up(): Promise<boolean> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return false;
    try {
      const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }

  rss(): number | null {
    return this.child ? rssOf(this.pid) : null;
  }

  /** Starts the process (again) and waits until it answers. */
  async boot(timeoutMs = 30_000): Promise<void> {
    this.starts++;
    // The log goes straight to a file: no pipe for this process to drain under load.
    const fd = openSync(this.logFile, "a");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        serverMain,
        "--port",
        String(this.port),
        "--host",
        "127.0.0.1",
        "--data-dir",
        this.dataDir,
        "--web-dir",
        path.join(this.dataDir, "no-web"),
        ...this.extraArgs,
      ],
      // LOG_LEVEL: info is what a deployment runs with; what the server writes under attack is part of
      // what it costs.
      { cwd: chaosDir, env: { ...process.env, LOG_LEVEL: "info" }, stdio: ["ignore", fd, fd] },
    );
    closeSync(fd);
    this.child = child;
    this.exitedEarly = false;
    child.once("exit", () => {
      if (this.child === child) this.exitedEarly = true;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitedEarly) throw new Error(`server exited while starting:\n${this.logTail()}`);
      if (await this.up()) return;
      await sleep(50);
    }
    throw new Error(`server did not answer within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** kill -9, then waits for the process to be gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    this.child = null;
    child.kill("SIGKILL");
    await gone;
  }

  /** Whether the process died on its own (not by our kill). */
  crashed(): boolean {
    return this.exitedEarly;
  }

  logTail(chars = 3000): string {
    try {
      const text = readFileSync(this.logFile, "utf8");
      return text.slice(-chars);
    } catch {
      return "(no log)";
    }
  }

  /** Counts log lines whose level is error (50) or fatal (60): what the server itself thought went wrong. */
  errorLines(): string[] {
    try {
      return readFileSync(this.logFile, "utf8")
        .split("\n")
        .filter((l) => /"level":(50|60)/.test(l));
    } catch {
      return [];
    }
  }

  get restarts(): number {
    return this.starts - 1;
  }

  /** SIGTERM (a clean stop), kill -9 if that takes too long, then the data directory is removed. */
  async stop(keepData = false): Promise<void> {
    running.delete(this);
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    // A server that logged errors keeps its log, for whoever reads the results.
    if (this.errorLines().length > 0) {
      const logs = path.join(chaosDir, "results", "logs");
      mkdirSync(logs, { recursive: true });
      copyFileSync(this.logFile, path.join(logs, `${this.name}-${Date.now()}.log`));
    }
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Samples a process's RSS on an interval, keeping start, peak and the last value. */
export class RssSampler {
  readonly samples: { t: number; rss: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly t0 = Date.now();

  constructor(
    private readonly server: ServerUnderTest,
    private readonly everyMs: number,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    return this;
  }

  sample(): number | null {
    const rss = this.server.rss();
    if (rss !== null) this.samples.push({ t: Date.now() - this.t0, rss });
    return rss;
  }

  stop(): { start: number | null; peak: number | null; end: number | null } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    const values = this.samples.map((s) => s.rss);
    return {
      start: values[0] ?? null,
      peak: values.length > 0 ? Math.max(...values) : null,
      end: values.at(-1) ?? null,
    };
  }
}
