import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  type AspectId,
  addNote,
  editNote,
  type GroupId,
  getNote,
  initLane,
  listNotes,
  moveNote,
  type NoteId,
  noteIdForAspect,
  placeAspect,
  readLaneMeta,
  removeNote,
  SCHEMA_VERSION,
  unplacedAspects,
  type WorkshopId,
} from "../src/index.ts";

const NOW = 1_700_000_000_000;
const ids = { workshopId: "w1" as WorkshopId, activityId: "a1" as ActivityId, groupId: "g1" as GroupId };
const aspect = (id: string, text: string) => ({ id: id as AspectId, text });

function lane(): Y.Doc {
  const doc = new Y.Doc();
  initLane(doc, ids);
  return doc;
}

describe("lane", () => {
  it("stamps its meta", () => {
    expect(readLaneMeta(lane())).toEqual({ schemaVersion: SCHEMA_VERSION, ...ids });
  });

  it("places an aspect under an id derived from it; placing again moves it", () => {
    const doc = lane();
    const id = placeAspect(doc, {
      aspect: aspect("asp1", "Location of meetings"),
      x: 20,
      author: "Ann",
      now: NOW,
    });
    expect(id).toBe(noteIdForAspect("asp1" as AspectId));
    expect(getNote(doc, id)).toEqual({
      id,
      text: "Location of meetings",
      colour: "yellow",
      x: 20,
      y: 50,
      aspectId: "asp1",
      author: "Ann",
      createdAt: NOW,
      updatedAt: NOW,
    });
    placeAspect(doc, {
      aspect: aspect("asp1", "Location of meetings"),
      x: 180,
      y: -3,
      author: "Bob",
      now: NOW + 1,
    });
    expect(listNotes(doc)).toHaveLength(1);
    expect(getNote(doc, id)).toMatchObject({ x: 100, y: 0, author: "Ann", updatedAt: NOW + 1 });
  });

  it("two people placing the same aspect at once converge on one note", () => {
    const a = lane();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    placeAspect(a, { aspect: aspect("asp1", "Who can refer"), x: 10, author: "Ann", now: NOW });
    placeAspect(b, { aspect: aspect("asp1", "Who can refer"), x: 90, author: "Bob", now: NOW });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listNotes(a)).toHaveLength(1);
    expect(listNotes(a)).toEqual(listNotes(b));
  });

  it("noteIdForAspect is always a valid id, even for the longest aspect ids", () => {
    const long = "x".repeat(64) as AspectId;
    expect(noteIdForAspect(long)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(noteIdForAspect(long)).toBe(noteIdForAspect(long));
    expect(noteIdForAspect(long)).not.toBe(noteIdForAspect("y".repeat(64) as AspectId));
  });

  it("adds, moves, edits and removes the group's own notes", () => {
    const doc = lane();
    const n = addNote(doc, {
      text: "Going for a walk together",
      x: 30,
      author: "Ann",
      colour: "green",
      now: NOW,
    });
    const m = addNote(doc, { text: "x".repeat(600), x: -5, y: 10, author: "Bob", now: NOW - 1 });
    expect(listNotes(doc).map((x) => x.id)).toEqual([m, n]);
    expect(getNote(doc, m)).toMatchObject({ x: 0, y: 10, aspectId: null });
    expect(getNote(doc, m)?.text).toHaveLength(500);
    expect(moveNote(doc, n, 75.5, 99, NOW + 5)).toBe(true);
    expect(getNote(doc, n)).toMatchObject({ x: 75.5, y: 99, updatedAt: NOW + 5 });
    moveNote(doc, n, Number.NaN, 200, NOW + 6);
    expect(getNote(doc, n)).toMatchObject({ x: 75.5, y: 100 });
    expect(editNote(doc, n, { text: "Walk", colour: "pink" }, NOW + 7)).toBe(true);
    expect(getNote(doc, n)).toMatchObject({ text: "Walk", colour: "pink", updatedAt: NOW + 7 });
    expect(removeNote(doc, n)).toBe(true);
    expect(removeNote(doc, n)).toBe(false);
    expect(moveNote(doc, "gone" as NoteId, 1)).toBe(false);
    expect(editNote(doc, "gone" as NoteId, { text: "x" })).toBe(false);
    expect(listNotes(doc).map((x) => x.id)).toEqual([m]);
  });

  it("lists the aspects not placed yet", () => {
    const doc = lane();
    const aspects = [aspect("a1", "One"), aspect("a2", "Two"), aspect("a3", "Three")];
    placeAspect(doc, { aspect: aspects[1] ?? aspect("x", "x"), x: 50, author: "A" });
    expect(unplacedAspects(aspects, listNotes(doc)).map((a) => a.id)).toEqual(["a1", "a3"]);
    removeNote(doc, noteIdForAspect("a2" as AspectId));
    expect(unplacedAspects(aspects, listNotes(doc))).toHaveLength(3);
  });
});
