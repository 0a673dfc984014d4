import type { CreateWorkshopResponse, JoinResponse } from "@continuum/protocol";
import { type RunningServer, startServer } from "@continuum/server";
import { expect } from "vitest";
import WebSocket from "ws";
import { setApiBase } from "../src/api.ts";
import { configureSync } from "../src/sync/hooks.ts";

/** A real server on a free port, with the app pointed at it (same origin, as in production). */
export async function testServer(): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    storage: "memory",
    logLevel: "silent",
    webDir: "/nonexistent",
  });
  const w = window as unknown as { happyDOM?: { setURL(url: string): void } };
  w.happyDOM?.setURL(`${server.url}/`);
  setApiBase(server.url);
  configureSync({
    syncUrl: `${server.url.replace(/^http/, "ws")}/sync`,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    persist: false,
  });
  return server;
}

export async function post<T>(server: RunningServer, path: string, body: unknown): Promise<T> {
  const res = await fetch(server.url + path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

export const createWorkshop = (server: RunningServer) =>
  post<CreateWorkshopResponse>(server, "/api/workshops", { title: "Test workshop", template: "discretion" });

export const join = (server: RunningServer, code: string, name: string, group: string) =>
  post<JoinResponse>(server, "/api/join", { code, name, group });

/** Retries an assertion until it passes: sync is eventually consistent. */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
