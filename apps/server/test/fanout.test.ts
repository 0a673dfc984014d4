/**
 * A broadcast is framed once and the same bytes are written to every recipient's socket (sync/socket.ts,
 * `shareMessage`). The frame must be exactly what ws itself would send, at every length the WebSocket header
 * encodes differently, and stock clients must read what comes through the server that way.
 */
import { addNote, listActivities, listNotes } from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as ws from "ws";
import { shareMessage } from "../src/sync/socket.ts";
import { createWorkshop, eventually, joinAs, lookup, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest();

/** ws's own framing (exported by ws, not described by its type declarations). */
const { Sender } = ws as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean },
    ): Buffer[];
  };
};

describe("one frame for every recipient", () => {
  it("is byte for byte the frame ws makes, for every length encoding", () => {
    // 7-bit lengths end at 125, 16-bit at 65,535; above that the length takes 64 bits.
    for (const n of [0, 1, 125, 126, 127, 65_535, 65_536, 200_000]) {
      const data = Buffer.alloc(n);
      for (let i = 0; i < n; i++) data[i] = (i * 31) & 0xff;
      const theirs = Buffer.concat(
        Sender.frame(data, { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: false }),
      );
      expect(shareMessage(data).wire.equals(theirs), `a message of ${n} bytes`).toBe(true);
    }
  });

  it("reaches stock clients intact, small and large, through the server's broadcast", async () => {
    const created = await createWorkshop(env.server.url);
    const facilitator = env.open(env.server.url, created.id, created.token);
    await synced(facilitator);
    const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale");
    if (!scale) throw new Error("template has no scale activity");
    const { groups } = await lookup(env.server.url, created.joinCode);
    const group = (groups as { id: GroupId; name: string }[])[0];
    if (!group) throw new Error("no group");
    const lane = laneDocName(created.id as WorkshopId, scale.id as ActivityId, group.id);
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", group.name);
    const amir = await joinAs(env.server.url, created.joinCode, "Amir", group.name);
    const writer = env.open(env.server.url, lane, ann.token);
    const readers = [1, 2, 3].map(() => env.open(env.server.url, lane, amir.token));
    await Promise.all([writer, ...readers].map((c) => synced(c)));
    // A note's words are short; a long one makes an update over 65,535 bytes (the 64-bit length).
    addNote(writer.doc, { text: "Home visits", x: 30, author: "Ann" });
    addNote(writer.doc, { text: "x".repeat(300), x: 60, author: "Ann" });
    const long = "Meeting in the patient's home ".repeat(2_500);
    writer.doc.getMap("bench").set("long", long);
    await eventually(() => {
      for (const r of readers) {
        expect(
          listNotes(r.doc)
            .map((n) => n.text)
            .sort(),
        ).toEqual(["Home visits", "x".repeat(300)]);
        expect(r.doc.getMap("bench").get("long")).toBe(long);
      }
    });
    for (const r of readers) expect(r.closes).toEqual([]);
  });
});
