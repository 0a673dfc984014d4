import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { bringsNews } from "../src/sync/updateNews.ts";

/** What a client sends in answer to the server's sync step 1: everything past the server's state vector. */
const answerTo = (server: Y.Doc, client: Y.Doc) => Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

function replicaPair() {
  const server = new Y.Doc();
  const notes = server.getMap<Y.Map<unknown>>("notes");
  for (let i = 0; i < 5; i++) {
    const note = new Y.Map<unknown>();
    notes.set(`n${i}`, note);
    note.set("x", i);
  }
  // Moves and a removal: deletions that every later answer carries.
  notes.get("n1")?.set("x", 50);
  notes.delete("n2");
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

describe("bringsNews", () => {
  it("is false for a read-only replica's answer, even though it carries deletions", () => {
    const { server, client } = replicaPair();
    const answer = answerTo(server, client);
    expect(answer.byteLength).toBeGreaterThan(2);
    expect(bringsNews(server, answer)).toBe(false);
  });

  it("is true for a new change", () => {
    const { server, client } = replicaPair();
    client.getMap<Y.Map<unknown>>("notes").get("n0")?.set("x", 99);
    expect(bringsNews(server, answerTo(server, client))).toBe(true);
  });

  it("is true for a deletion alone", () => {
    const { server, client } = replicaPair();
    // Deleting without adding: a removal of a note makes no new struct for a map delete of a key.
    client.getMap("notes").delete("n3");
    const update = answerTo(server, client);
    expect(bringsNews(server, update)).toBe(true);
    Y.applyUpdate(server, update);
    expect(bringsNews(server, answerTo(server, client))).toBe(false);
  });
});

describe("bringsNews on incremental updates", () => {
  it("is true for a single new change sent as it happens, not only for a whole state", () => {
    const { server, client } = replicaPair();
    let sent: Uint8Array | null = null;
    client.on("update", (u: Uint8Array) => {
      sent = u;
    });
    const note = new Y.Map<unknown>();
    client.getMap<Y.Map<unknown>>("notes").set("n9", note);
    note.set("text", "written after the lock");
    expect(sent).not.toBeNull();
    expect(bringsNews(server, sent as unknown as Uint8Array)).toBe(true);
  });
});
