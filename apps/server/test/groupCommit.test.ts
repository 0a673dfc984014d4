/**
 * Group commit (sync/rooms.ts, AppendBatcher): the updates of one event-loop turn, from every room, are
 * stored in one transaction, and none is forwarded before that transaction is done.
 */
import { newWorkshopId, workshopDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";
import { MemoryStore } from "../src/store/memory.ts";
import { RoomManager } from "../src/sync/rooms.ts";

class BatchingStore extends MemoryStore {
  readonly batches: string[][] = [];
  /** Resolves the batch being written; until then it is "on its way to disk". */
  release: () => void = () => {};
  hold = false;
  failBatches = 0;

  override async appendUpdates(items: readonly { name: string; update: Uint8Array }[]): Promise<void> {
    this.batches.push(items.map((i) => i.name));
    if (this.failBatches-- > 0) throw new Error("disk full for a moment");
    if (this.hold) await new Promise<void>((r) => (this.release = r));
    return super.appendUpdates(items);
  }
}

async function setUp(store: BatchingStore, compactEvery = 500) {
  const rooms = new RoomManager(store, createLogger("silent"), { idleUnloadMs: 60_000, compactEvery });
  const open = async () => {
    const name = workshopDocName(newWorkshopId());
    const room = await rooms.acquire(name);
    const forwarded: string[] = [];
    room.onStoredUpdate.add(() => forwarded.push(String(room.doc.getMap("notes").size)));
    return { room, name, forwarded };
  };
  return { rooms, open };
}

describe("group commit", () => {
  it("stores one turn's updates of several rooms in one transaction, and forwards only after it", async () => {
    const store = new BatchingStore();
    const { open } = await setUp(store);
    const a = await open();
    const b = await open();
    store.batches.length = 0;
    store.hold = true;
    a.room.doc.getMap("notes").set("1", "x");
    b.room.doc.getMap("notes").set("1", "y");
    a.room.doc.getMap("notes").set("2", "z");
    // The batch goes out at the end of the turn the updates were made in (the next check phase).
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(store.batches).toEqual([[a.name, a.name, b.name]]);
    // Written but not yet committed: nobody has received anything.
    expect(a.forwarded).toHaveLength(0);
    expect(b.forwarded).toHaveLength(0);
    store.hold = false;
    store.release();
    await Promise.all([a.room.flushed(), b.room.flushed()]);
    expect(a.forwarded).toHaveLength(2);
    expect(b.forwarded).toHaveLength(1);
    expect(await store.countUpdates(a.name)).toBe(2);
  });

  it("when the shared transaction fails, stores each update on its own, in order, then forwards it", async () => {
    const store = new BatchingStore();
    const { open } = await setUp(store);
    const a = await open();
    store.failBatches = 1;
    a.room.doc.getMap("notes").set("1", "x");
    a.room.doc.getMap("notes").set("2", "y");
    await a.room.flushed();
    expect(a.forwarded).toHaveLength(2);
    expect(await store.countUpdates(a.name)).toBe(2);
  });

  it("compacts off the forwarding path: not at compactEvery while updates keep coming, at four times it", async () => {
    const store = new BatchingStore();
    const { open } = await setUp(store, 5);
    const a = await open();
    const before = await store.countUpdates(a.name);
    for (let i = 0; i < 6; i++) {
      a.room.doc.getMap("notes").set(String(i), i);
      await a.room.flushed();
    }
    expect(await store.countUpdates(a.name)).toBe(before + 6);
    for (let i = 6; i < 20; i++) {
      a.room.doc.getMap("notes").set(String(i), i);
      await a.room.flushed();
    }
    await a.room.flushed();
    expect(await store.countUpdates(a.name)).toBeLessThan(5);
    expect(a.forwarded).toHaveLength(20);
  });
});
