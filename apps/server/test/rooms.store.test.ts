/**
 * A store that fails for a moment (PostgreSQL restarting, a failover) must not cost an update: the room
 * tries the append again, forwards the update once it is stored, and only gives up after a while.
 */
import { newWorkshopId, workshopDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";
import { MemoryStore } from "../src/store/memory.ts";
import { RoomManager } from "../src/sync/rooms.ts";

class FlakyStore extends MemoryStore {
  constructor(public failures: number) {
    super();
  }
  override async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    if (this.failures-- > 0) throw new Error("the database is restarting");
    return super.appendUpdate(name, update);
  }
}

async function roomOn(store: FlakyStore, storeRetryMs: number) {
  const rooms = new RoomManager(store, createLogger("silent"), {
    idleUnloadMs: 60_000,
    compactEvery: 500,
    storeRetryMs,
  });
  const name = workshopDocName(newWorkshopId());
  const room = await rooms.acquire(name);
  const forwarded: Uint8Array[] = [];
  room.onStoredUpdate.add((update) => forwarded.push(update));
  return { rooms, room, name, forwarded };
}

describe("a store that fails for a moment", () => {
  it("an update is tried again, stored, then forwarded, and the ones after it wait their turn", async () => {
    const store = new FlakyStore(3);
    const { room, name, forwarded } = await roomOn(store, 5000);
    room.doc.getMap("notes").set("a", "first");
    room.doc.getMap("notes").set("b", "second");
    expect(forwarded).toHaveLength(0);
    await room.flushed();
    expect(forwarded).toHaveLength(2);
    expect(await store.countUpdates(name)).toBe(2);
  });

  it("gives an update up (not forwarded: its sender still has it) when the store stays down", async () => {
    const store = new FlakyStore(Number.POSITIVE_INFINITY);
    const { room, name, forwarded } = await roomOn(store, 300);
    room.doc.getMap("notes").set("a", "lost for now");
    await room.flushed();
    expect(forwarded).toHaveLength(0);
    expect(await store.countUpdates(name)).toBe(0);
  });
});
