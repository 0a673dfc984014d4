/**
 * Quotas per document and per connection (QUOTA-1..3 in packages/protocol/SPEC.md), tried with raw
 * WebSockets as a hostile participant would, and stock clients as everyone else.
 */
import { listActivities } from "@continuum/model";
import { type ActivityId, CloseCode, chartDocName, MessageType, type WorkshopId } from "@continuum/protocol";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import {
  closeCodeOf,
  createWorkshop,
  eventually,
  joinAs,
  rawSocket,
  removeDir,
  serverPerTest,
  synced,
  testServer,
} from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

/** A server of its own with some limits changed, closed after `use`. */
async function withServer(
  overrides: Parameters<typeof testServer>[0],
  use: (server: Awaited<ReturnType<typeof testServer>>) => Promise<void>,
) {
  const server = await testServer({ storage: "memory", ...overrides });
  try {
    await use(server);
  } finally {
    await server.close();
    removeDir(server.dataDir);
  }
}

/** A sync update frame carrying about `bytes` of new text in a chart's notes map. */
function bigWrite(bytes: number, key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("notes").set(key, "x".repeat(bytes));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(e);
}

async function sharedChart(server = env.server) {
  const created = await createWorkshop(server.url);
  const facilitator = env.open(server.url, created.id, created.token);
  await synced(facilitator);
  const chart = listActivities(facilitator.doc).find((a) => a.kind === "chart");
  if (!chart) throw new Error("the discretion template has a chart");
  const name = chartDocName(created.id as WorkshopId, chart.id as ActivityId);
  const mallory = await joinAs(server.url, created.joinCode, "Mallory", "Link workers");
  return { created, name, mallory };
}

describe("quotas", () => {
  it("QUOTA-1: ten 1 MB writes in a row close the writer with 4429; everyone else keeps working", async () => {
    const { created, name, mallory } = await sharedChart();
    const healthy = env.open(env.server.url, name, created.token);
    await synced(healthy);
    const ws = await rawSocket(env.server.url, name, mallory.token);
    const closed = closeCodeOf(ws);
    for (let i = 0; i < 10; i++) ws.send(bigWrite(1000 * 1000, `big${i}`));
    expect(await closed).toBe(CloseCode.TooFast);
    healthy.doc.getMap("meta").set("ping", 1);
    const late = env.open(env.server.url, name, created.token);
    await synced(late);
    await eventually(() => expect(late.doc.getMap("meta").get("ping")).toBe(1));
    expect(healthy.closes).toEqual([]);
  });

  it("QUOTA-2: a write that would take a document past its size limit is refused with 4413", async () => {
    // A small document limit, so that filling a board takes a few frames, not sixteen.
    await withServer({ maxDocumentBytes: 3 * 1024 * 1024 }, async (server) => {
      const { created, name, mallory } = await sharedChart(server);
      const watcher = env.open(server.url, name, created.token);
      await synced(watcher);
      for (let i = 0; i < 4; i++) {
        const ws = await rawSocket(server.url, name, mallory.token);
        const closed = closeCodeOf(ws);
        ws.send(bigWrite(900 * 1000, `part${i}`));
        if (i < 3) {
          // Well within the quotas: wait until the server has it (another client sees it), then leave.
          await eventually(() => expect(watcher.doc.getMap("notes").has(`part${i}`)).toBe(true), 15_000);
          ws.close();
          await closed;
        } else {
          expect(await closed).toBe(CloseCode.DocumentFull);
        }
      }
      const reader = env.open(server.url, name, created.token);
      await synced(reader);
      expect(reader.doc.getMap("notes").has("part2")).toBe(true);
      expect(reader.doc.getMap("notes").has("part3")).toBe(false);
    });
  });

  it("QUOTA-3: a document larger than the slow-client limit still opens for a new client", async () => {
    await withServer({ maxBufferedBytes: 256 * 1024 }, async (server) => {
      const { created, name, mallory } = await sharedChart(server);
      const watcher = env.open(server.url, name, created.token);
      await synced(watcher);
      const ws = await rawSocket(server.url, name, mallory.token);
      ws.send(bigWrite(900 * 1000, "large"));
      await eventually(() => expect(watcher.doc.getMap("notes").has("large")).toBe(true), 15_000);
      ws.close();
      // 900 KB of state against a 256 KiB limit on unsent data: before, every new client was cut off (4408).
      const late = env.open(server.url, name, created.token);
      await synced(late);
      expect((late.doc.getMap("notes").get("large") as string).length).toBe(900 * 1000);
      expect(late.closes).toEqual([]);
    });
  });
});
