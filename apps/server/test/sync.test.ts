import { addNote, listActivities, listNotes, moveNote, setLocked, setRevealed } from "@continuum/model";
import { type ActivityId, CloseCode, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  closeCodeOf,
  closedWith,
  connect,
  createWorkshop,
  eventually,
  joinAs,
  lookup,
  rawSocket,
  removeDir,
  serverPerTest,
  synced,
  testServer,
} from "./helpers.ts";

const env = serverPerTest();
const open = env.open;

/** A discretion workshop with a facilitator connected to its workshop document. */
async function discretionWorkshop(opts: { showNames?: boolean } = {}) {
  const created = await createWorkshop(env.server.url, "discretion", opts);
  const facilitator = open(env.server.url, created.id, created.token);
  await synced(facilitator);
  const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale");
  if (!scale) throw new Error("template has no scale activity");
  const { groups } = await lookup(env.server.url, created.joinCode);
  const [a, b] = groups as [{ id: GroupId; name: string }, { id: GroupId; name: string }];
  const lane = (g: GroupId) => laneDocName(created.id as WorkshopId, scale.id as ActivityId, g);
  return { created, facilitator, scaleId: scale.id as ActivityId, a, b, lane };
}

describe("sync server", () => {
  it("two participants of a group converge on their lane", async () => {
    const w = await discretionWorkshop();
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", w.a.name);
    const amir = await joinAs(env.server.url, w.created.joinCode, "Amir", w.a.id);
    const c1 = open(env.server.url, w.lane(w.a.id), ann.token);
    const c2 = open(env.server.url, w.lane(w.a.id), amir.token);
    await Promise.all([synced(c1), synced(c2)]);
    const id = addNote(c1.doc, { text: "Home visits", x: 30, author: "Ann" });
    moveNote(c2.doc, id, 10); // may arrive before or after the note: both must end the same
    await eventually(() => {
      expect(listNotes(c2.doc).map((n) => n.text)).toEqual(["Home visits"]);
      expect(listNotes(c1.doc)).toEqual(listNotes(c2.doc));
    });
  });

  it("refuses a missing or forged token with 4401 and an unknown document with 4404", async () => {
    const w = await discretionWorkshop();
    const none = open(env.server.url, w.created.id, null);
    expect(await closedWith(none)).toBe(CloseCode.Unauthorized);
    const forged = open(env.server.url, w.created.id, `${w.created.token.split(".")[0]}.AAAA`);
    expect(await closedWith(forged)).toBe(CloseCode.Unauthorized);
    const unknownActivity = open(env.server.url, `${w.created.id}/lane/nosuch/${w.a.id}`, w.created.token);
    expect(await closedWith(unknownActivity)).toBe(CloseCode.NotFound);
    const unknownWorkshop = open(env.server.url, "nosuchworkshop", w.created.token);
    expect(await closedWith(unknownWorkshop)).toBe(CloseCode.NotFound);
  });

  it("ACC-8: drops an observer's writes", async () => {
    const w = await discretionWorkshop();
    const session = await fetch(`${env.server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workshopId: w.created.id, key: w.created.observerKey }),
    }).then((r) => r.json() as Promise<{ token: string; role: string }>);
    expect(session.role).toBe("observer");
    const screen = open(env.server.url, w.created.id, session.token);
    await synced(screen);
    screen.doc.getMap("meta").set("title", "Hijacked");
    setRevealed(screen.doc, w.scaleId, w.a.id, true);
    // A fresh facilitator replica must not see the observer's changes.
    await new Promise((r) => setTimeout(r, 300));
    const check = open(env.server.url, w.created.id, w.created.token);
    await synced(check);
    expect(check.doc.getMap("meta").get("title")).toBe("Test workshop");
    expect(check.doc.getMap("reveals").size).toBe(0);
    // The observer stays connected (read-only, not thrown out) and still receives the facilitator's changes.
    w.facilitator.doc.getMap("meta").set("description", "Changed by the facilitator");
    await eventually(() =>
      expect(screen.doc.getMap("meta").get("description")).toBe("Changed by the facilitator"),
    );
  });

  it("keeps a group's lane from another group until the reveal, then lets it read", async () => {
    const w = await discretionWorkshop();
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", w.a.id);
    const bob = await joinAs(env.server.url, w.created.joinCode, "Bob", w.b.id);
    const own = open(env.server.url, w.lane(w.a.id), ann.token);
    await synced(own);
    addNote(own.doc, { text: "Number of sessions", x: 80, author: "Ann" });

    const early = open(env.server.url, w.lane(w.a.id), bob.token);
    expect(await closedWith(early)).toBe(CloseCode.Forbidden);
    early.provider.disconnect();

    setRevealed(w.facilitator.doc, w.scaleId, w.a.id, true);
    await eventually(async () => {
      const after = connect(env.server.url, w.lane(w.a.id), bob.token);
      try {
        await synced(after, 1000);
        expect(listNotes(after.doc).map((n) => n.text)).toEqual(["Number of sessions"]);
        // Read, not write: Bob's edits to group A's lane are dropped.
        addNote(after.doc, { text: "Bob was here", x: 1, author: "Bob" });
        await new Promise((r) => setTimeout(r, 200));
        expect(listNotes(own.doc).map((n) => n.text)).toEqual(["Number of sessions"]);
      } finally {
        after.destroy();
      }
    });

    // Hiding the lane again closes the other group's connections.
    const watcher = open(env.server.url, w.lane(w.a.id), bob.token);
    await synced(watcher);
    setRevealed(w.facilitator.doc, w.scaleId, w.a.id, false);
    expect(await closedWith(watcher)).toBe(CloseCode.Forbidden);
  });

  it("refuses participants' writes while the activity is locked, and accepts them after", async () => {
    const w = await discretionWorkshop();
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", w.a.id);
    const c = open(env.server.url, w.lane(w.a.id), ann.token);
    const facilitatorView = open(env.server.url, w.lane(w.a.id), w.created.token);
    await Promise.all([synced(c), synced(facilitatorView)]);
    setLocked(w.facilitator.doc, w.scaleId, true);
    await new Promise((r) => setTimeout(r, 200));
    addNote(c.doc, { text: "While locked", x: 50, author: "Ann" });
    await new Promise((r) => setTimeout(r, 300));
    expect(listNotes(facilitatorView.doc)).toEqual([]);

    // A client whose write was refused holds changes the server never took; the web client starts a fresh
    // replica when told so (ACC-8). A fresh replica writes normally once the activity is unlocked.
    setLocked(w.facilitator.doc, w.scaleId, false);
    await new Promise((r) => setTimeout(r, 200));
    const fresh = open(env.server.url, w.lane(w.a.id), ann.token);
    await synced(fresh);
    addNote(fresh.doc, { text: "After unlock", x: 50, author: "Ann" });
    await eventually(() =>
      expect(listNotes(facilitatorView.doc).map((n) => n.text)).toEqual(["After unlock"]),
    );
  });

  it("does not let a participant change the facilitator's control state", async () => {
    const w = await discretionWorkshop();
    const bob = await joinAs(env.server.url, w.created.joinCode, "Bob", w.b.id);
    const c = open(env.server.url, w.created.id, bob.token);
    await synced(c);
    setRevealed(c.doc, w.scaleId, w.a.id, true);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.facilitator.doc.getMap("reveals").size).toBe(0);
    const again = open(env.server.url, w.lane(w.a.id), bob.token);
    expect(await closedWith(again)).toBe(CloseCode.Forbidden);
  });

  it("SYNC-2: closes a connection that sends a malformed or oversized frame; others keep working", async () => {
    const small = await testServer({ maxMessageBytes: 64 * 1024 });
    try {
      const created = await createWorkshop(small.url);
      const a = open(small.url, created.id, created.token);
      const b = open(small.url, created.id, created.token);
      await Promise.all([synced(a), synced(b)]);

      const garbage = await rawSocket(small.url, created.id, created.token);
      const garbageClosed = closeCodeOf(garbage);
      garbage.send(new Uint8Array([0, 2, 200, 1, 2, 3]));
      expect(await garbageClosed).toBe(CloseCode.Malformed);

      const unknownType = await rawSocket(small.url, created.id, created.token);
      const unknownClosed = closeCodeOf(unknownType);
      unknownType.send(new Uint8Array([42]));
      expect(await unknownClosed).toBe(CloseCode.Malformed);

      const text = await rawSocket(small.url, created.id, created.token);
      const textClosed = closeCodeOf(text);
      text.send("hello");
      expect(await textClosed).toBe(CloseCode.Malformed);

      const big = await rawSocket(small.url, created.id, created.token);
      const bigClosed = closeCodeOf(big);
      big.send(new Uint8Array(65 * 1024));
      expect(await bigClosed).toBe(CloseCode.MessageTooBig);

      a.doc.getMap("meta").set("description", "still works");
      await eventually(() => expect(b.doc.getMap("meta").get("description")).toBe("still works"));
      expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    } finally {
      await small.close();
      removeDir(small.dataDir);
    }
  });

  it("PRES-1: lets a client change only its own presence", async () => {
    // Names shown: an anonymous workshop's presence says none (ANON-2).
    const w = await discretionWorkshop({ showNames: true });
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", w.a.id);
    const c1 = open(env.server.url, w.lane(w.a.id), ann.token);
    const c2 = open(env.server.url, w.lane(w.a.id), ann.token);
    await Promise.all([synced(c1), synced(c2)]);
    c1.provider.awareness.setLocalStateField("user", { name: "Ann" });
    await eventually(() => expect(c2.provider.awareness.getStates().get(c1.doc.clientID)).toBeTruthy());
    // c2 forges an update claiming c1's client id with a newer clock, and a removal of c1.
    const { encodeAwarenessUpdate, Awareness } = await import("y-protocols/awareness");
    const fake = new Awareness(new Y.Doc());
    fake.clientID = c1.doc.clientID;
    const forgedStates = new Map([[c1.doc.clientID, { user: { name: "Mallory" } }]]);
    const meta = c1.provider.awareness.meta.get(c1.doc.clientID);
    fake.meta.set(c1.doc.clientID, { clock: (meta?.clock ?? 0) + 10, lastUpdated: Date.now() });
    const update = encodeAwarenessUpdate(fake, [c1.doc.clientID], forgedStates);
    const { createEncoder, writeVarUint, writeVarUint8Array, toUint8Array } = await import("lib0/encoding");
    const enc = createEncoder();
    writeVarUint(enc, 1);
    writeVarUint8Array(enc, update);
    c2.provider.ws?.send(toUint8Array(enc));
    const observer = open(env.server.url, w.lane(w.a.id), w.created.token);
    await synced(observer);
    await new Promise((r) => setTimeout(r, 300));
    const seen = observer.provider.awareness.getStates().get(c1.doc.clientID) as { user?: { name: string } };
    expect(seen?.user?.name).toBe("Ann");
    fake.destroy();
  });

  it("SYNC-1: answers every new client with the current state, also after changes between joins", async () => {
    const created = await createWorkshop(env.server.url);
    const first = open(env.server.url, created.id, created.token);
    await synced(first);
    for (let i = 0; i < 3; i++) {
      first.doc.getMap("meta").set("description", `version ${i}`);
      await eventually(async () => {
        const late = connect(env.server.url, created.id, created.token);
        try {
          await synced(late, 2000);
          expect(late.doc.getMap("meta").get("description")).toBe(`version ${i}`);
        } finally {
          late.destroy();
        }
      });
    }
  });

  it("SYNC-2: closes a connection whose presence state is not JSON", async () => {
    const created = await createWorkshop(env.server.url);
    const other = open(env.server.url, created.id, created.token);
    await synced(other);
    const ws = await rawSocket(env.server.url, created.id, created.token);
    const closed = closeCodeOf(ws);
    const { createEncoder, writeVarUint, writeVarString, writeVarUint8Array, toUint8Array } = await import(
      "lib0/encoding"
    );
    const inner = createEncoder();
    writeVarUint(inner, 1);
    writeVarUint(inner, 12345);
    writeVarUint(inner, 1);
    writeVarString(inner, "{not json");
    const outer = createEncoder();
    writeVarUint(outer, 1);
    writeVarUint8Array(outer, toUint8Array(inner));
    ws.send(toUint8Array(outer));
    expect(await closed).toBe(CloseCode.Malformed);
    expect(other.provider.wsconnected).toBe(true);
  });
});
