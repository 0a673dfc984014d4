import type { ChildProcess } from "node:child_process";
import { addNote, listActivities, listNotes, moveNote } from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Client,
  connect,
  createWorkshop,
  eventually,
  freePort,
  joinAs,
  lookup,
  removeDir,
  serverProcess,
  synced,
  tempDir,
  testServer,
} from "./helpers.ts";

const clients: Client[] = [];
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args);
  clients.push(c);
  return c;
};
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

/** The real server as its own process, as `pnpm start` ran it before the build, so it can be killed with SIGKILL. */
function spawnServer(dataDir: string, port: number): Promise<ChildProcess> {
  return serverProcess(["--import", "tsx", "src/main.ts"], { port, dataDir });
}

async function laneSetup(url: string) {
  const created = await createWorkshop(url);
  const facilitator = open(url, created.id, created.token);
  await synced(facilitator);
  const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale");
  const { groups } = await lookup(url, created.joinCode);
  const group = groups[0] as { id: GroupId };
  const lane = laneDocName(created.id as WorkshopId, scale?.id as ActivityId, group.id);
  const ann = await joinAs(url, created.joinCode, "Ann", group.id);
  return { created, lane, ann, facilitator };
}

describe("persistence", () => {
  it("SYNC-5: keeps state across a restart, and unloads idle documents", async () => {
    const dataDir = tempDir();
    try {
      const first = await testServer({ dataDir, idleUnloadMs: 50, compactEvery: 10 });
      const { lane, ann, facilitator } = await laneSetup(first.url);
      const c = open(first.url, lane, ann.token);
      await synced(c);
      const id = addNote(c.doc, { text: "Who can refer", x: 20, author: "Ann" });
      for (let x = 21; x <= 60; x++) moveNote(c.doc, id, x);
      await eventually(async () => expect(await first.store.countUpdates(lane)).toBeGreaterThan(0));
      c.destroy();
      facilitator.destroy();
      // Once nobody is connected, the documents are written out and unloaded.
      await eventually(() => expect(first.stats()).toEqual({ rooms: 0, connections: 0 }));
      expect(await first.store.countUpdates(lane)).toBe(1);
      await first.close();

      const second = await testServer({ dataDir });
      const again = open(second.url, lane, ann.token);
      await synced(again);
      expect(listNotes(again.doc)).toMatchObject([{ text: "Who can refer", x: 60 }]);
      again.destroy();
      await second.close();
    } finally {
      removeDir(dataDir);
    }
  });

  it("SYNC-6: loses nothing another client had received when the server is killed with SIGKILL", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let child = await spawnServer(dataDir, port);
    try {
      const { lane, ann } = await laneSetup(url);
      const writer = open(url, lane, ann.token);
      const reader = open(url, lane, ann.token);
      await Promise.all([synced(writer), synced(reader)]);

      // Edit continuously, and kill the server in the middle of it.
      let written = 0;
      const editing = setInterval(() => {
        for (let i = 0; i < 5; i++)
          addNote(writer.doc, { text: `note ${written++}`, x: written % 100, author: "Ann" });
      }, 5);
      await eventually(() => expect(listNotes(reader.doc).length).toBeGreaterThan(100), 10_000);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      clearInterval(editing);
      const seenByReader = new Set(listNotes(reader.doc).map((n) => n.text));
      expect(seenByReader.size).toBeGreaterThan(100);

      // A fresh client of the restarted server sees everything the reader had received.
      child = await spawnServer(dataDir, port);
      const fresh = open(url, lane, ann.token);
      await synced(fresh, 10_000);
      const stored = new Set(listNotes(fresh.doc).map((n) => n.text));
      const missing = [...seenByReader].filter((t) => !stored.has(t));
      expect(missing).toEqual([]);

      // The old clients reconnect by themselves and everyone converges, including what was written offline.
      await eventually(() => {
        expect(listNotes(fresh.doc).length).toBe(written);
        expect(listNotes(reader.doc).length).toBe(written);
      }, 15_000);
    } finally {
      child.kill("SIGKILL");
      removeDir(dataDir);
    }
  }, 60_000);

  it("writes every open document and exits cleanly on SIGTERM", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = await spawnServer(dataDir, port);
    try {
      const { lane, ann } = await laneSetup(url);
      const c = open(url, lane, ann.token);
      await synced(c);
      const id = addNote(c.doc, { text: "Length of each session", x: 5, author: "Ann" });
      for (let x = 6; x < 40; x++) moveNote(c.doc, id, x);
      await new Promise((r) => setTimeout(r, 300));
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      // Compacted on the way out: one snapshot per document, read straight from the file.
      const { SqliteStore } = await import("../src/index.ts");
      const store = new SqliteStore(dataDir);
      expect(await store.countUpdates(lane)).toBe(1);
      await store.close();
    } finally {
      child.kill("SIGKILL");
      removeDir(dataDir);
    }
  });
});
