import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CreateWorkshopResponse, JoinResponse, LookupResponse } from "@continuum/protocol";
import { afterEach, beforeEach, expect, vi } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { postgresMissingReason } from "../src/cluster/localPostgres.ts";

export { freePort } from "../src/cluster/localPostgres.ts";

import type { ServerConfig } from "../src/config.ts";
import { type RunningServer, startServer } from "../src/index.ts";

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "continuum-test-"));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Whether this machine can run the PostgreSQL tests. Where it cannot they are skipped with the reason in
 * their name (and scripts/test.mjs says so up front); in CI a missing PostgreSQL fails the file instead.
 */
export function postgresForTests(): { available: boolean; skipReason: string | null } {
  const reason = postgresMissingReason();
  if (reason && process.env.CI === "true") throw new Error(`CI must run the PostgreSQL tests: ${reason}`);
  return { available: reason === null, skipReason: reason };
}

/** A real server on a free loopback port with its own data directory. */
export async function testServer(
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir();
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    logLevel: "silent",
    webDir: path.join(dataDir, "no-web"),
    ...overrides,
  });
  return Object.assign(server, { dataDir });
}

export async function api<T>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + route, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A new workshop; anonymous unless `showNames` (the default since issue 13). */
export async function createWorkshop(
  base: string,
  template: "blank" | "discretion" = "discretion",
  opts: { showNames?: boolean } = {},
) {
  const res = await api<CreateWorkshopResponse>(base, "POST", "/api/workshops", {
    title: "Test workshop",
    template,
    ...(opts.showNames ? { showNames: true } : {}),
  });
  expect(res.status).toBe(201);
  return res.body;
}

export async function joinAs(base: string, code: string, name: string, group: string) {
  const res = await api<JoinResponse>(base, "POST", "/api/join", { code, name, group });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function lookup(base: string, code: string) {
  const res = await api<LookupResponse>(base, "GET", `/api/lookup/${code}`);
  expect(res.status).toBe(200);
  return res.body;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** A stock y-websocket client, in Node, against the real server. */
export function connect(
  base: string,
  docName: string,
  token: string | null,
  opts: { connect?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  const closes: { code: number; reason: string }[] = [];
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/sync`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
  });
  provider.on("connection-close", (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(client: Client, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not synced in time")), timeoutMs);
    client.provider.once("sync", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Retries an assertion until it passes (sync is eventually consistent): vitest's waitFor, every 20 ms. */
export const eventually = (assertion: () => unknown, timeoutMs = 5000): Promise<unknown> =>
  vi.waitFor(assertion, { timeout: timeoutMs, interval: 20 });

/** Waits until the client's socket was closed by the server with a code. */
export async function closedWith(client: Client, timeoutMs = 5000): Promise<number> {
  await eventually(() => expect(client.closes.length).toBeGreaterThan(0), timeoutMs);
  return client.closes[0]?.code ?? -1;
}

/** A raw WebSocket, for sending what a real client never would. */
export function rawSocket(base: string, docName: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(
    `${base.replace(/^http/, "ws")}/sync/${docName}?token=${encodeURIComponent(token)}`,
  );
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

export function closeCodeOf(ws: WebSocket, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === ws.CLOSED) return reject(new Error("already closed"));
    const timer = setTimeout(() => reject(new Error("socket not closed in time")), timeoutMs);
    ws.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * A fresh server for each test of a file, and the clients a test opens with `open`: the clients are
 * destroyed, then the server closed and its data removed, after each test.
 */
export function serverPerTest(overrides: Partial<ServerConfig> = {}) {
  const clients: Client[] = [];
  const env = {
    server: undefined as unknown as Awaited<ReturnType<typeof testServer>>,
    open(...args: Parameters<typeof connect>): Client {
      const c = connect(...args);
      clients.push(c);
      return c;
    },
  };
  beforeEach(async () => {
    env.server = await testServer(overrides);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await env.server.close();
    removeDir(env.server.dataDir);
  });
  return env;
}

/**
 * The real server as a process of its own (so it can be killed with SIGKILL, or started from the build as
 * `pnpm start` runs it): `node <args>` in apps/server, on loopback, resolved once it says it is running.
 */
export async function serverProcess(
  args: readonly string[],
  opts: { port: number; dataDir: string },
): Promise<ChildProcess> {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  await eventually(() => {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    expect(output).toContain("Continuum is running");
  }, 20_000);
  return child;
}
