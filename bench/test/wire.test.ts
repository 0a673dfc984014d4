import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { marker, median, parseSizes, readMarkers, updateMessage } from "../src/gen/wire.ts";

const read = (data: Uint8Array) => {
  const found: [number, number, number][] = [];
  readMarkers(data, (w, s, t) => found.push([w, s, t]));
  return found;
};

describe("markers", () => {
  it("are found in the bytes of a Yjs update as a server forwards it, without applying it", () => {
    const doc = new Y.Doc();
    let update: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array) => {
      update = u;
    });
    doc.getMap<string>("bench").set("w7", marker(7, 42, 1_795_977_800_690_123));
    const message = updateMessage("hocuspocus", "room-1", update as unknown as Uint8Array);
    expect(read(message)).toEqual([[7, 42, 1_795_977_800_690_123]]);
  });

  it("finds every marker when writes are forwarded together", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    doc.getMap<string>("bench").set("w1", marker(1, 1, 100));
    doc.getMap<string>("bench").set("w1", marker(1, 2, 200));
    // A merged update still carries the overwritten value (merging does not collect garbage): the
    // observer counts each writer's seq once, however often it appears.
    expect(read(Buffer.from(Y.mergeUpdates(updates)))).toEqual([
      [1, 1, 100],
      [1, 2, 200],
    ]);
    expect(read(Buffer.concat(updates))).toEqual([
      [1, 1, 100],
      [1, 2, 200],
    ]);
  });

  it("skips anything malformed or cut off", () => {
    expect(read(Buffer.from("~bm1.2~ ~bm.1.2~ ~bmx ~bm1.2.3"))).toEqual([]);
    expect(read(Buffer.from("~bm~bm3.4.5~"))).toEqual([[3, 4, 5]]);
  });
});

describe("options", () => {
  it("reads sizes and refuses what is not one", () => {
    expect(parseSizes("1x2, 100x20")).toEqual([
      [1, 2],
      [100, 20],
    ]);
    expect(() => parseSizes("10")).toThrow(/not a size/);
    expect(() => parseSizes("1x1")).toThrow(/at least 2/);
  });

  it("takes the median of the numbers only", () => {
    expect(median([3, null, 1, 2])).toBe(2);
    expect(median([4, 1])).toBe(2.5);
    expect(median([null, undefined])).toBeNull();
  });
});
