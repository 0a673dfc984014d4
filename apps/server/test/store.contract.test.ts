import { statSync } from "node:fs";
import path from "node:path";
import type { WorkshopId } from "@continuum/protocol";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type LocalPostgres, startLocalPostgres } from "../src/cluster/localPostgres.ts";
import { MemoryStore, PostgresStore, SqliteStore, type Store, type WorkshopRecord } from "../src/index.ts";
import { postgresForTests, removeDir, tempDir } from "./helpers.ts";

// One PostgreSQL server for this file, started before its tests and stopped after them; each test gets
// empty tables. Where PostgreSQL is not installed its tests are skipped, saying why (a failure in CI).
const postgres = postgresForTests();
let server: LocalPostgres | null = null;
beforeAll(async () => {
  if (postgres.available) server = await startLocalPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("DROP TABLE IF EXISTS doc_updates, workshops, settings, share_backs");
  await client.end();
}

/** The same contract, run against every store. */
const stores: {
  name: string;
  skip?: string | null;
  make: () => Promise<{ store: Store; cleanup: () => void }> | { store: Store; cleanup: () => void };
}[] = [
  { name: "memory", make: () => ({ store: new MemoryStore(), cleanup: () => {} }) },
  {
    name: "sqlite",
    make: () => {
      const dir = tempDir();
      return { store: new SqliteStore(dir), cleanup: () => removeDir(dir) };
    },
  },
  {
    name: "postgres",
    skip: postgres.skipReason,
    make: async () => {
      const url = server?.url ?? "";
      await emptyPostgres(url);
      return { store: new PostgresStore(url), cleanup: () => {} };
    },
  },
];

const record = (id: string, joinCode: string): WorkshopRecord => ({
  id: id as WorkshopId,
  joinCode,
  facilitatorKeyHash: "aa",
  observerKeyHash: "bb",
  tokenVersion: 1,
  createdAt: 1,
  closedAt: null,
});

for (const { name, make, skip } of stores) {
  describe.skipIf(Boolean(skip))(`store contract: ${name}${skip ? ` (skipped: ${skip})` : ""}`, () => {
    let store: Store;
    let cleanup: () => void;
    beforeEach(async () => {
      ({ store, cleanup } = await make());
    });
    afterEach(async () => {
      await store.close();
      cleanup();
    });

    it("keeps updates per document in order", async () => {
      await store.appendUpdate("w1", new Uint8Array([1]));
      await store.appendUpdate("w2", new Uint8Array([9]));
      await store.appendUpdate("w1", new Uint8Array([2, 3]));
      expect((await store.loadDoc("w1")).map((u) => [...u])).toEqual([[1], [2, 3]]);
      expect(await store.loadDoc("missing")).toEqual([]);
      expect(await store.countUpdates("w1")).toBe(2);
    });

    it("compaction replaces the log with one snapshot", async () => {
      for (let i = 0; i < 5; i++) await store.appendUpdate("w1", new Uint8Array([i]));
      await store.compactDoc("w1", new Uint8Array([7, 7]));
      expect((await store.loadDoc("w1")).map((u) => [...u])).toEqual([[7, 7]]);
      await store.appendUpdate("w1", new Uint8Array([8]));
      expect((await store.loadDoc("w1")).map((u) => [...u])).toEqual([[7, 7], [8]]);
    });

    it("lists a workshop's documents by prefix", async () => {
      for (const n of ["w1", "w1/lane/a/b", "w1/chart/c", "w10", "w2/chart/c"]) {
        await store.appendUpdate(n, new Uint8Array([1]));
      }
      expect(await store.listDocs("w1/")).toEqual(["w1/chart/c", "w1/lane/a/b"]);
    });

    it("finds open workshops by code, and not closed ones", async () => {
      await store.createWorkshop(record("ws1", "ABCDEF"));
      expect((await store.findWorkshopByCode("ABCDEF"))?.id).toBe("ws1");
      expect(await store.getWorkshop("nope" as WorkshopId)).toBeNull();
      await expect(store.createWorkshop(record("ws2", "ABCDEF"))).rejects.toThrow();
      await store.updateWorkshop("ws1" as WorkshopId, { closedAt: 5, tokenVersion: 2 });
      expect(await store.findWorkshopByCode("ABCDEF")).toBeNull();
      expect(await store.getWorkshop("ws1" as WorkshopId)).toMatchObject({ closedAt: 5, tokenVersion: 2 });
      // A closed workshop's code may be reused.
      await store.createWorkshop(record("ws3", "ABCDEF"));
      expect((await store.findWorkshopByCode("ABCDEF"))?.id).toBe("ws3");
    });

    it("keeps share-back pages by their slug's hash: one live per workshop, withdrawn ones remembered", async () => {
      const w = "ws1" as WorkshopId;
      expect(await store.latestShareBack(w)).toBeNull();
      expect(await store.withdrawShareBack(w, 5)).toBe(false);
      await store.publishShareBack(w, "hash-one", 10);
      expect(await store.findShareBack("hash-one")).toEqual({
        workshopId: w,
        createdAt: 10,
        withdrawnAt: null,
      });
      // Publishing again withdraws the earlier page.
      await store.publishShareBack(w, "hash-two", 20);
      expect(await store.findShareBack("hash-one")).toEqual({
        workshopId: w,
        createdAt: 10,
        withdrawnAt: 20,
      });
      expect(await store.latestShareBack(w)).toEqual({ workshopId: w, createdAt: 20, withdrawnAt: null });
      expect(await store.withdrawShareBack(w, 30)).toBe(true);
      expect(await store.findShareBack("hash-two")).toMatchObject({ withdrawnAt: 30 });
      expect(await store.findShareBack("nope")).toBeNull();
      // Another workshop's page is its own.
      await store.publishShareBack("ws2" as WorkshopId, "hash-three", 40);
      expect(await store.latestShareBack(w)).toMatchObject({ createdAt: 20, withdrawnAt: 30 });

      // Listed with their hashes for a copy, oldest first; imported as they were, and only once.
      const pages = await store.listShareBacks(w);
      expect(pages).toEqual([
        { slugHash: "hash-one", workshopId: w, createdAt: 10, withdrawnAt: 20 },
        { slugHash: "hash-two", workshopId: w, createdAt: 20, withdrawnAt: 30 },
      ]);
      const copied = "ws3" as WorkshopId;
      await store.importShareBack({
        slugHash: "hash-four",
        workshopId: copied,
        createdAt: 7,
        withdrawnAt: null,
      });
      await store.importShareBack({
        slugHash: "hash-four",
        workshopId: copied,
        createdAt: 9,
        withdrawnAt: 9,
      });
      expect(await store.findShareBack("hash-four")).toEqual({
        workshopId: copied,
        createdAt: 7,
        withdrawnAt: null,
      });
      expect(await store.listShareBacks(copied)).toHaveLength(1);
    });
  });
}

describe("sqlite store", () => {
  it("keeps data across reopening the same directory", async () => {
    const dir = tempDir();
    try {
      const first = new SqliteStore(dir);
      await first.appendUpdate("w1", new Uint8Array([1, 2]));
      await first.close();
      const second = new SqliteStore(dir);
      expect((await second.loadDoc("w1")).map((u) => [...u])).toEqual([[1, 2]]);
      await second.close();
    } finally {
      removeDir(dir);
    }
  });

  it("folds the write-ahead log into the database file from a worker, not in the writer's commits", async () => {
    const dir = tempDir();
    try {
      const store = new SqliteStore(dir, { checkpointEveryMs: 50 });
      const file = path.join(dir, "continuum.sqlite");
      const before = statSync(file).size;
      // Far more than SQLite's 1,000-page automatic checkpoint, which is off.
      for (let i = 0; i < 3000; i++) await store.appendUpdate("w1", new Uint8Array(2048).fill(i % 256));
      const grown = () => statSync(file).size;
      for (let waited = 0; grown() <= before + 4_000_000 && waited < 5000; waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(grown()).toBeGreaterThan(before + 4_000_000);
      expect(await store.countUpdates("w1")).toBe(3000);
      await store.close();
    } finally {
      removeDir(dir);
    }
  });
  it("keeps the write-ahead log bounded under writes that never pause", async () => {
    const dir = tempDir();
    try {
      // A 1 MB limit, checked every 20 ms: 2,500 commits of one update, five at a time with no pause longer than
      // a timer's millisecond between them (many times a busy server's rate in the bench), would grow the WAL
      // by about 38 MB (three 4 KB pages and their headers each) if nothing ever started it again.
      const store = new SqliteStore(dir, { checkpointEveryMs: 20, walLimitBytes: 1024 * 1024 });
      const wal = path.join(dir, "continuum.sqlite-wal");
      const update = new Uint8Array(1024).fill(7);
      let written = 0;
      // Measured from the checkpointer's first restart on: the worker thread takes a moment to start, longer on
      // a busy machine, and until it runs nothing can bound the WAL.
      let measured = 0;
      let largest = 0;
      const deadline = Date.now() + 20_000;
      while (measured < 2500 && Date.now() < deadline) {
        for (let i = 0; i < 5; i++) await store.appendUpdate("w1", update);
        written += 5;
        if (store.walRestarts > 0) {
          measured += 5;
          largest = Math.max(largest, statSync(wal).size);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      expect(measured).toBe(2500);
      expect(largest).toBeLessThan(8 * 1024 * 1024);
      expect(await store.countUpdates("w1")).toBe(written);
      await store.close();
    } finally {
      removeDir(dir);
    }
  });
});

describe.skipIf(!postgres.available)(
  `postgres store shared by several nodes${postgres.skipReason ? ` (skipped: ${postgres.skipReason})` : ""}`,
  () => {
    let a: PostgresStore;
    let b: PostgresStore;
    beforeEach(async () => {
      await emptyPostgres(server?.url ?? "");
      a = new PostgresStore(server?.url ?? "");
      await a.whenReady();
      b = new PostgresStore(server?.url ?? "");
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    it("a node reads what the others appended after its position, and not its own rows", async () => {
      const loaded = await a.loadDocAt("w1");
      expect(loaded).toEqual({ updates: [], position: 0 });
      const mine = await a.appendUpdateAt("w1", new Uint8Array([1]), loaded.position);
      expect(mine).toBeGreaterThan(0);
      await b.appendUpdate("w1", new Uint8Array([2]));
      // a's copy was whole before its append; b's row came after, so a's next append is not contiguous.
      expect(await a.appendUpdateAt("w1", new Uint8Array([3]), mine ?? 0)).toBeNull();
      const caught = await a.readAfter("w1", mine ?? 0);
      expect(caught.updates.map((u) => [...u])).toEqual([[2]]);
      expect((await b.readAfter("w1", 0)).updates.map((u) => [...u])).toEqual([[1], [3]]);
    });

    it("compaction keeps rows the compacting node has not read, so no other node's update is lost", async () => {
      const first = await a.appendUpdateAt("w1", new Uint8Array([1]), 0);
      await b.appendUpdate("w1", new Uint8Array([2]));
      await a.compactDocUpTo("w1", new Uint8Array([9]), first ?? 0);
      const all = (await b.loadDoc("w1")).map((u) => [...u]);
      expect(all).toContainEqual([2]);
      expect(all).toContainEqual([9]);
      expect(all).not.toContainEqual([1]);
      // A node that had read past the snapshot's position does not read the snapshot again.
      expect((await b.readAfter("w1", first ?? 0)).updates.map((u) => [...u])).toEqual([]);
    });

    it("every node gets the same shared secret", async () => {
      const [x, y] = await Promise.all([a.sharedSecret("token-secret"), b.sharedSecret("token-secret")]);
      expect(x.equals(y)).toBe(true);
      expect(x.byteLength).toBe(32);
    });
  },
);
