/**
 * The sync rules frame by frame, through the seam between the rules and the socket (src/sync/direct.ts):
 * no network, so each test can say exactly which frame the server sent. sync.test.ts proves the same rules
 * over real WebSockets with stock clients.
 */
import { type ActivityId, CloseCode, laneDocName, MessageType, type WorkshopId } from "@continuum/protocol";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { DirectClient } from "../src/index.ts";
import { createWorkshop, eventually, joinAs, lookup, serverPerTest } from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Applies every sync frame the client received to a fresh document; returns it and the frame types. */
function replay(client: DirectClient): {
  doc: Y.Doc;
  types: number[];
  awareness: awarenessProtocol.Awareness;
} {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  // Only what the server sent: the replaying awareness has no presence of its own.
  awareness.setLocalState(null);
  const types: number[] = [];
  for (const frame of client.received) {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    types.push(type);
    if (type === MessageType.Sync) syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, null);
    if (type === MessageType.Awareness)
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(d), null);
  }
  return { doc, types, awareness };
}

async function laneOfGroupA() {
  // Names shown: these tests follow whose presence is whose by name (an anonymous workshop's says none, ANON-2).
  const created = await createWorkshop(env.server.url, "discretion", { showNames: true });
  const { groups } = await lookup(env.server.url, created.joinCode);
  const group = groups[0]?.id ?? "";
  const facilitator = new DirectClient(env.server.sync, created.id, created.token);
  await eventually(() => expect(facilitator.received.length).toBeGreaterThan(0));
  facilitator.send(syncStep1(new Y.Doc()));
  await eventually(() => expect(replay(facilitator).doc.getMap("activities").size).toBeGreaterThan(0));
  const scale = [...replay(facilitator).doc.getMap<Y.Map<unknown>>("activities").entries()].find(
    ([, a]) => a.get("kind") === "scale",
  );
  const lane = laneDocName(created.id as WorkshopId, scale?.[0] as ActivityId, group as never);
  return { created, group, lane };
}

describe("sync rules through the direct seam", () => {
  it("SYNC-1: sends its state vector first, then answers a new client with the stored state", async () => {
    const { created } = await laneOfGroupA();
    const client = new DirectClient(env.server.sync, created.id, created.token);
    await eventually(() => expect(client.received.length).toBeGreaterThan(0));
    const first = decoding.createDecoder(client.received[0] as Uint8Array);
    expect(decoding.readVarUint(first)).toBe(MessageType.Sync);
    expect(decoding.readVarUint(first)).toBe(syncProtocol.messageYjsSyncStep1);
    client.send(syncStep1(new Y.Doc()));
    await eventually(() => expect(replay(client).doc.getMap("meta").get("title")).toBe("Test workshop"));
  });

  it("ACC-8: a read-only connection's write is answered with permission denied and never applied", async () => {
    const { created } = await laneOfGroupA();
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const participant = new DirectClient(env.server.sync, created.id, ann.token);
    await eventually(() => expect(participant.received.length).toBeGreaterThan(0));
    const forged = new Y.Doc();
    forged.getMap("meta").set("title", "Taken over");
    participant.send(updateFrame(Y.encodeStateAsUpdate(forged)));
    await eventually(() => expect(replay(participant).types).toContain(MessageType.Auth));
    expect(participant.closedWith).toBeNull();
    const reader = new DirectClient(env.server.sync, created.id, created.token);
    await eventually(() => expect(reader.received.length).toBeGreaterThan(0));
    reader.send(syncStep1(new Y.Doc()));
    await eventually(() => expect(replay(reader).doc.getMap("meta").get("title")).toBe("Test workshop"));
  });

  it("SYNC-2: a frame that is not binary, or not a y-websocket message, closes that connection only (4400)", async () => {
    const { created } = await laneOfGroupA();
    const text = new DirectClient(env.server.sync, created.id, created.token);
    const garbage = new DirectClient(env.server.sync, created.id, created.token);
    const healthy = new DirectClient(env.server.sync, created.id, created.token);
    await eventually(() => expect(garbage.received.length).toBeGreaterThan(0));
    text.sendText("hello");
    garbage.send(new Uint8Array([99, 1, 2, 3]));
    expect(text.closedWith?.code).toBe(CloseCode.Malformed);
    expect(garbage.closedWith?.code).toBe(CloseCode.Malformed);
    healthy.send(syncStep1(new Y.Doc()));
    await eventually(() => expect(replay(healthy).doc.getMap("meta").get("title")).toBe("Test workshop"));
    expect(healthy.closedWith).toBeNull();
  });

  it("PRES-1: a connection changes only the presence entries it announced itself", async () => {
    const { lane, created } = await laneOfGroupA();
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const a = new DirectClient(env.server.sync, lane, ann.token);
    const b = new DirectClient(env.server.sync, lane, ann.token);
    const watcher = new DirectClient(env.server.sync, lane, created.token);
    await eventually(() => expect(watcher.received.length).toBeGreaterThan(0));
    a.send(awarenessFrame(111, 1, { dragging: null }));
    b.send(awarenessFrame(111, 5, { dragging: { noteId: "n1", x: 10 } }));
    await eventually(() =>
      expect(replay(watcher).awareness.getStates().get(111)).toMatchObject({ dragging: null }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(replay(watcher).awareness.getStates().get(111)).toMatchObject({ dragging: null });
  });

  it("PRES-2: the name, group, role and presence tag in presence come from the token, not the client", async () => {
    const { lane, created, group } = await laneOfGroupA();
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const a = new DirectClient(env.server.sync, lane, ann.token);
    const watcher = new DirectClient(env.server.sync, lane, created.token);
    await eventually(() => expect(watcher.received.length).toBeGreaterThan(0));
    a.send(
      awarenessFrame(7, 1, {
        user: { name: "Facilitator", role: "facilitator", group: null, tag: "someone-elses-tag" },
        dragging: null,
      }),
    );
    await eventually(() =>
      expect(replay(watcher).awareness.getStates().get(7)).toEqual({
        user: {
          name: "Ann",
          role: "participant",
          group,
          groupName: "Link workers",
          tag: expect.stringMatching(/^[\w-]{16}$/),
        },
        dragging: null,
      }),
    );
  });

  it("PRES-3: a connection owns at most a few presence entries, each of bounded size", async () => {
    const { lane, created } = await laneOfGroupA();
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const flooder = new DirectClient(env.server.sync, lane, ann.token);
    const watcher = new DirectClient(env.server.sync, lane, created.token);
    await eventually(() => expect(watcher.received.length).toBeGreaterThan(0));
    for (let id = 1000; id < 1060; id++) flooder.send(awarenessFrame(id, 1, { pad: "x".repeat(100) }));
    flooder.send(awarenessFrame(2000, 1, { pad: "x".repeat(16 * 1024) }));
    await eventually(() => expect(replay(watcher).awareness.getStates().size).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 50));
    const ids = [...replay(watcher).awareness.getStates().keys()];
    expect(ids.length, JSON.stringify(ids)).toBe(4);
    expect(ids).not.toContain(2000);
  });

  it("PRES-4: a client id stays its owner's while the owner reconnects; nobody else can take it", async () => {
    const { lane, created } = await laneOfGroupA();
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const bob = await joinAs(env.server.url, created.joinCode, "Bob", "Link workers");
    const first = new DirectClient(env.server.sync, lane, ann.token);
    await eventually(() => expect(first.received.length).toBeGreaterThan(0));
    first.send(awarenessFrame(42, 1, { dragging: null }));
    await new Promise((r) => setTimeout(r, 20));
    first.disconnect();
    const impostor = new DirectClient(env.server.sync, lane, bob.token);
    await eventually(() => expect(impostor.received.length).toBeGreaterThan(0));
    impostor.send(awarenessFrame(42, 9, { dragging: { noteId: "x", x: 1 } }));
    const back = new DirectClient(env.server.sync, lane, ann.token);
    await eventually(() => expect(back.received.length).toBeGreaterThan(0));
    back.send(awarenessFrame(42, 10, { dragging: null }));
    const watcher = new DirectClient(env.server.sync, lane, created.token);
    await eventually(() =>
      expect((replay(watcher).awareness.getStates().get(42) as { user: { name: string } })?.user.name).toBe(
        "Ann",
      ),
    );
  });

  it("SYNC-4: a client whose unsent data passes the limit is cut off (4408) instead of growing memory", async () => {
    const { created } = await laneOfGroupA();
    const slow = new DirectClient(env.server.sync, created.id, created.token);
    const writer = new DirectClient(env.server.sync, created.id, created.token);
    await eventually(() => expect(slow.received.length).toBeGreaterThan(0));
    slow.bufferedAmount = 64 * 1024 * 1024;
    const change = new Y.Doc();
    change.getMap("meta").set("description", "moved on");
    writer.send(updateFrame(Y.encodeStateAsUpdate(change)));
    await eventually(() => expect(slow.closedWith?.code).toBe(CloseCode.SlowConsumer));
    expect(writer.closedWith).toBeNull();
  });
});
