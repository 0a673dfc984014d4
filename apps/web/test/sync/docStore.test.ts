import { addNote, getNote, listNotes, moveNote, removeNote, type ScaleNote } from "@continuum/model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { entryStore, readerStore, sameData } from "../../src/sync/docStore.ts";

const spec = { map: "notes", read: getNote, list: listNotes };

describe("entryStore", () => {
  it("replaces only the changed note's snapshot, and the id list only when notes come or go", () => {
    const doc = new Y.Doc();
    const a = addNote(doc, { text: "a", x: 10, author: "Ann" });
    const b = addNote(doc, { text: "b", x: 20, author: "Ann" });
    const store = entryStore(doc, spec);
    expect(entryStore(doc, spec)).toBe(store);
    const before = store.getState();
    expect(before.ids).toEqual([a, b]);

    moveNote(doc, a, 60);
    const moved = store.getState();
    expect(moved.byId.get(a)?.x).toBe(60);
    expect(moved.byId.get(b)).toBe(before.byId.get(b));
    expect(moved.ids).toBe(before.ids);
    expect(store.changes.get(a)).toBe(1);
    expect(store.changes.get(b)).toBeUndefined();

    removeNote(doc, b);
    expect(store.getState().ids).toEqual([a]);
    expect(store.getState().all.map((n: ScaleNote) => n.id)).toEqual([a]);
  });
});

describe("readerStore", () => {
  it("reads the document again after a change, not after an empty transaction", () => {
    const doc = new Y.Doc();
    let reads = 0;
    const read = (d: Y.Doc) => {
      reads++;
      return { size: d.getMap("m").size };
    };
    const store = readerStore(doc, read);
    let calls = 0;
    store.subscribe(() => calls++);
    doc.transact(() => undefined);
    expect(calls).toBe(0);
    doc.getMap("m").set("k", 1);
    expect(store.getState()).toEqual({ size: 1 });
    expect(calls).toBe(1);
    expect(reads).toBe(2);
  });
});

describe("sameData", () => {
  it("compares plain data by value, Maps included", () => {
    expect(sameData({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameData({ a: [1] }, { a: [2] })).toBe(false);
    expect(sameData(new Map([["x", 1]]), new Map([["x", 1]]))).toBe(true);
    expect(sameData(new Map([["x", 1]]), { x: 1 })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
  });
});
