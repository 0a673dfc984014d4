import { type Activity, listActivities, listGroups } from "@continuum/model";
import type { CreateWorkshopResponse, GroupId, JoinResponse, WorkshopId } from "@continuum/protocol";
import { type RunningServer, startServer } from "@continuum/server";
import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import WebSocket from "ws";
import { setApiBase } from "../src/api.ts";
import { resetUi } from "../src/app/ui.ts";
import { type Session, saveSession } from "../src/session.ts";
import { DocConnection } from "../src/sync/connection.ts";
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

/** Keeps a new workshop's facilitator session on this device (with its private keys, as the start page does). */
export function saveFacilitatorSession(
  created: CreateWorkshopResponse,
  { withKeys = false }: { withKeys?: boolean } = {},
): Session {
  const session: Session = {
    workshopId: created.id as WorkshopId,
    token: created.token,
    role: "facilitator",
    name: "Facilitator",
    group: null,
    groupName: null,
    joinCode: created.joinCode,
    ...(withKeys ? { facilitatorKey: created.facilitatorKey, observerKey: created.observerKey } : {}),
  };
  saveSession(session);
  return session;
}

/** Retries an assertion until it passes (sync is eventually consistent): vitest's waitFor, every 20 ms. */
export const eventually = (assertion: () => unknown, timeoutMs = 5000): Promise<unknown> =>
  vi.waitFor(assertion, { timeout: timeoutMs, interval: 20 });

/**
 * For the files that render the app against one real server: the server for the whole file, connections
 * opened as other devices would (`open`), and a clean page, UI store, storage and connections after each test.
 */
export function boardTestEnv() {
  const opened: DocConnection[] = [];
  let server: RunningServer | undefined;
  const current = (): RunningServer => {
    if (!server) throw new Error("the server starts in beforeAll");
    return server;
  };
  /** A document connection from "another device" (no IndexedDB), destroyed after the test. */
  const open = (
    docName: string,
    token: string,
    role: "facilitator" | "participant" | "observer" = "facilitator",
    base = current().url,
  ): DocConnection => {
    const c = new DocConnection({
      syncUrl: `${base.replace(/^http/, "ws")}/sync`,
      docName,
      token,
      role,
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    opened.push(c);
    return c;
  };
  /** Destroys the connections opened so far (done after each test; earlier when a test stops its own server). */
  const destroyOpened = (): void => {
    for (const c of opened.splice(0)) c.destroy();
  };
  /** A discretion workshop, its two groups and its activities, read through a facilitator connection. */
  const discretionWorkshop = async () => {
    const created = await createWorkshop(current());
    const fac = open(created.id, created.token);
    await eventually(() => expect(listGroups(fac.doc).length).toBe(2));
    const [linkWorkers, ppi] = listGroups(fac.doc);
    if (!linkWorkers || !ppi) throw new Error("the discretion template has two groups");
    const activities: Activity[] = listActivities(fac.doc);
    return { created, fac, linkWorkers, ppi, activities, workshopId: created.id as WorkshopId };
  };
  /** Joins with the code and keeps the session on this device, as the join page does. */
  const asParticipant = async (workshopId: WorkshopId, code: string, name: string, group: GroupId) => {
    const joined = await join(current(), code, name, group);
    saveSession({
      workshopId,
      token: joined.token,
      role: "participant",
      name,
      group: joined.group,
      groupName: joined.groupName,
      joinCode: code,
    });
    return joined;
  };
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(async () => {
    await current().close();
  });
  afterEach(() => {
    cleanup();
    destroyOpened();
    resetUi();
    localStorage.clear();
  });
  return {
    get server() {
      return current();
    },
    open,
    destroyOpened,
    discretionWorkshop,
    asParticipant,
  };
}
