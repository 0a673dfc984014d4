import { statSync } from "node:fs";
import path from "node:path";
import type { WorkshopId } from "@continuum/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryStore, SqliteStore, type Store, type WorkshopRecord } from "../src/index.ts";
import { removeDir, tempDir } from "./helpers.ts";

/** The same contract, run against every store. A Postgres store will join this list. */
const stores: { name: string; make: () => { store: Store; cleanup: () => void } }[] = [
  { name: "memory", make: () => ({ store: new MemoryStore(), cleanup: () => {} }) },
  {
    name: "sqlite",
    make: () => {
      const dir = tempDir();
      return { store: new SqliteStore(dir), cleanup: () => removeDir(dir) };
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

for (const { name, make } of stores) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => void;
    beforeEach(() => {
      ({ store, cleanup } = make());
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
});
