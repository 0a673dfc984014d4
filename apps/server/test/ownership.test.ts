/**
 * Notes belong to someone (OWN-1..3 in packages/protocol/SPEC.md): tried with stock Yjs clients writing
 * what a modified client would.
 */
import {
  addChartNote,
  type ColumnId,
  editChartNote,
  getChartNote,
  listActivities,
  listRemovedNotes,
  moveChartNote,
  removeChartNote,
  restoreNote,
} from "@continuum/model";
import { type ActivityId, chartDocName, type WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { createWorkshop, eventually, joinAs, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });
const settle = () => new Promise((r) => setTimeout(r, 250));

async function chartWithTwoPeople(opts: { showNames?: boolean } = {}) {
  const created = await createWorkshop(env.server.url, "discretion", opts);
  const facilitator = env.open(env.server.url, created.id, created.token);
  await synced(facilitator);
  const chart = listActivities(facilitator.doc).find((a) => a.kind === "chart");
  if (chart?.kind !== "chart") throw new Error("the discretion template has a chart");
  const name = chartDocName(created.id as WorkshopId, chart.id as ActivityId);
  const [pros, cons] = chart.columns.map((c) => c.id) as [ColumnId, ColumnId];
  const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
  const bob = await joinAs(env.server.url, created.joinCode, "Bob", "PPI contributors");
  const a = env.open(env.server.url, name, ann.token);
  const b = env.open(env.server.url, name, bob.token);
  const f = env.open(env.server.url, name, created.token);
  await Promise.all([synced(a), synced(b), synced(f)]);
  return { a, b, f, ann, bob, pros, cons };
}

describe("notes belong to someone", () => {
  it("OWN-1: the server stamps each new note with its author's participant, group and name from the token", async () => {
    // Names shown: in an anonymous workshop the name stamped is "" (ANON-2, anonymity.test.ts).
    const c = await chartWithTwoPeople({ showNames: true });
    // Ann's client claims the note is Bob's, from Bob's group.
    const id = addChartNote(c.a.doc, {
      text: "Saves time",
      columnId: c.pros,
      author: "Bob",
      groupId: c.bob.group,
    });
    (c.a.doc.getMap("notes").get(id) as Y.Map<unknown>).set("participantId", c.bob.participantId);
    await eventually(() => expect(getChartNote(c.f.doc, id)?.text).toBe("Saves time"));
    await eventually(() => {
      const note = c.f.doc.getMap("notes").get(id) as Y.Map<unknown>;
      expect(note.get("participantId")).toBe(c.ann.participantId);
      expect(note.get("groupId")).toBe(c.ann.group);
      expect(note.get("author")).toBe("Ann");
    });
  });

  it("OWN-2: a participant cannot change or remove someone else's note, but may move it", async () => {
    const c = await chartWithTwoPeople();
    const id = addChartNote(c.a.doc, {
      text: "Ann's point",
      columnId: c.pros,
      author: "Ann",
      groupId: c.ann.group,
    });
    await eventually(() => expect(getChartNote(c.b.doc, id)?.text).toBe("Ann's point"));
    await eventually(() =>
      expect((c.b.doc.getMap("notes").get(id) as Y.Map<unknown>).get("participantId")).toBeTruthy(),
    );
    editChartNote(c.b.doc, id, { text: "Bob rewrote it" });
    await settle();
    expect(getChartNote(c.f.doc, id)?.text).toBe("Ann's point");
    removeChartNote(c.b.doc, id);
    await settle();
    expect(getChartNote(c.f.doc, id)?.text).toBe("Ann's point");
    // Moving is what a group does while it talks: allowed.
    const fresh = env.open(env.server.url, c.b.provider.roomname, c.bob.token);
    await synced(fresh);
    moveChartNote(fresh.doc, id, c.cons, 0);
    await eventually(() => expect(getChartNote(c.f.doc, id)?.columnId).toBe(c.cons));
  });

  it("OWN-3: a removed note is kept, and the facilitator can put it back", async () => {
    const c = await chartWithTwoPeople();
    const id = addChartNote(c.a.doc, {
      text: "Second thoughts",
      columnId: c.pros,
      author: "Ann",
      groupId: c.ann.group,
    });
    await eventually(() =>
      expect((c.f.doc.getMap("notes").get(id) as Y.Map<unknown>)?.get("participantId")).toBeTruthy(),
    );
    // Her own note: Ann may remove it.
    expect(removeChartNote(c.a.doc, id)).toBe(true);
    await eventually(() => expect(getChartNote(c.f.doc, id)).toBeUndefined());
    await eventually(() => expect(listRemovedNotes(c.f.doc).map((n) => n.text)).toEqual(["Second thoughts"]));
    expect(restoreNote(c.f.doc, id)).toBe(true);
    await eventually(() => expect(getChartNote(c.b.doc, id)?.text).toBe("Second thoughts"));
    expect(listRemovedNotes(c.f.doc)).toEqual([]);
  });

  it("OWN-2: the server's own parts of a chart are out of a participant's reach", async () => {
    const c = await chartWithTwoPeople();
    c.b.doc.getMap("tally").set("fake", 99);
    c.b.doc.getMap("anything").set("x", 1);
    await settle();
    expect(c.f.doc.getMap("tally").size).toBe(0);
    expect(c.f.doc.share.has("anything")).toBe(false);
  });
});
