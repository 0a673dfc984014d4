/**
 * OWN-4 (packages/protocol/SPEC.md): a note typed for someone else who said it aloud. Tried with stock Yjs
 * clients on a real server, writing what a modified client would.
 */
import { addChartNote, type ColumnId, getChartNote, listActivities } from "@continuum/model";
import { type ActivityId, chartDocName, type GroupId, type WorkshopId } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createWorkshop, eventually, joinAs, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });
const settle = () => new Promise((r) => setTimeout(r, 250));

async function chartWithTwoPeople(opts: { anonymous?: boolean } = {}) {
  const created = await createWorkshop(env.server.url, "discretion", { showNames: !opts.anonymous });
  const facilitator = env.open(env.server.url, created.id, created.token);
  await synced(facilitator);
  const chart = listActivities(facilitator.doc).find((a) => a.kind === "chart");
  if (chart?.kind !== "chart") throw new Error("the discretion template has a chart");
  const name = chartDocName(created.id as WorkshopId, chart.id as ActivityId);
  const [pros] = chart.columns.map((c) => c.id) as [ColumnId];
  const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
  const bob = await joinAs(env.server.url, created.joinCode, "Bob", "PPI contributors");
  const a = env.open(env.server.url, name, ann.token);
  const f = env.open(env.server.url, name, created.token);
  await Promise.all([synced(a), synced(f)]);
  return { a, f, ann, bob, pros, name };
}

const fields = (doc: Y.Doc, id: string) =>
  (doc.getMap("notes").get(id) as Y.Map<unknown> | undefined)?.toJSON();

describe("OWN-4: a note written for someone else", () => {
  it("a participant's is credited to their own group, with only a name for the person and the scribe from the token", async () => {
    const c = await chartWithTwoPeople();
    // Ann's client claims the note is from Bob's group, typed by the facilitator, for Bob's participant id.
    // One transaction, so the forged fields arrive with the new note.
    const id = c.a.doc.transact(() => {
      const added = addChartNote(c.a.doc, {
        text: "The bus takes an hour",
        columnId: c.pros,
        author: "Bob",
        groupId: c.bob.group,
        writtenFor: "Sam",
      });
      const note = c.a.doc.getMap("notes").get(added) as Y.Map<unknown>;
      note.set("scribe", "facilitator");
      note.set("participantId", c.bob.participantId);
      return added;
    });
    await eventually(() =>
      expect(fields(c.f.doc, id)).toMatchObject({
        writtenFor: "Sam",
        scribe: "participant",
        participantId: c.ann.participantId,
        groupId: c.ann.group,
        author: "Ann",
      }),
    );
    expect(getChartNote(c.f.doc, id)).toMatchObject({ writtenFor: "Sam", scribe: "participant" });
  });

  it("a participant cannot name the person by anything but a name, nor claim a scribe on a note for nobody", async () => {
    const c = await chartWithTwoPeople();
    const forged = new Y.Map<unknown>();
    forged.set("participantId", c.bob.participantId);
    const [id, other] = c.a.doc.transact(() => {
      const x = addChartNote(c.a.doc, { text: "x", columnId: c.pros, author: "Ann", groupId: c.ann.group });
      const y = addChartNote(c.a.doc, { text: "y", columnId: c.pros, author: "Ann", groupId: c.ann.group });
      (c.a.doc.getMap("notes").get(x) as Y.Map<unknown>).set("writtenFor", forged);
      (c.a.doc.getMap("notes").get(y) as Y.Map<unknown>).set("scribe", "facilitator");
      return [x, y];
    });
    await eventually(() => {
      expect(fields(c.f.doc, id)?.participantId).toBe(c.ann.participantId);
      expect(fields(c.f.doc, id)).not.toHaveProperty("writtenFor");
      expect(fields(c.f.doc, other)?.participantId).toBe(c.ann.participantId);
      expect(fields(c.f.doc, other)).not.toHaveProperty("scribe");
    });
  });

  it("a participant cannot change whom their own note is credited to once it is there", async () => {
    const c = await chartWithTwoPeople();
    const id = addChartNote(c.a.doc, {
      text: "Mine",
      columnId: c.pros,
      author: "Ann",
      groupId: c.ann.group,
      writtenFor: "Sam",
    });
    await eventually(() => expect(fields(c.f.doc, id)?.scribe).toBe("participant"));
    for (const [key, value] of [
      ["groupId", c.bob.group],
      ["writtenFor", "Someone else"],
      ["scribe", "facilitator"],
      ["author", "Bob"],
    ] as const) {
      // Each write is refused whole and the client resyncs; a fresh client tries the next.
      const fresh = env.open(env.server.url, c.name, c.ann.token);
      await synced(fresh);
      await eventually(() => expect(fields(fresh.doc, id)?.scribe).toBe("participant"));
      (fresh.doc.getMap("notes").get(id) as Y.Map<unknown>).set(key, value);
      await settle();
      expect(fields(c.f.doc, id), key).toMatchObject({
        groupId: c.ann.group,
        writtenFor: "Sam",
        scribe: "participant",
        author: "Ann",
      });
    }
  });

  it("an anonymous workshop keeps no name for the person, whoever typed it; only that it was written for someone", async () => {
    const c = await chartWithTwoPeople({ anonymous: true });
    const byAnn = addChartNote(c.a.doc, {
      text: "Mine",
      columnId: c.pros,
      author: "Ann",
      groupId: c.ann.group,
      writtenFor: "Sam",
    });
    const byFacilitator = addChartNote(c.f.doc, {
      text: "Theirs",
      columnId: c.pros,
      author: "Facilitator",
      groupId: c.bob.group,
      writtenFor: "Amira",
    });
    await eventually(() => {
      expect(fields(c.f.doc, byAnn)).toMatchObject({ writtenFor: "", scribe: "participant" });
      expect(fields(c.a.doc, byFacilitator)).toMatchObject({ writtenFor: "", scribe: "facilitator" });
    });
  });

  it("the facilitator credits any group of the workshop, and a group it does not have is dropped", async () => {
    const c = await chartWithTwoPeople();
    const forAmira = c.f.doc.transact(() => {
      const added = addChartNote(c.f.doc, {
        text: "Waiting lists are long",
        columnId: c.pros,
        author: "Facilitator",
        groupId: c.bob.group,
        writtenFor: "Amira",
      });
      // A scribe the client claims is replaced by the token's.
      (c.f.doc.getMap("notes").get(added) as Y.Map<unknown>).set("scribe", "participant");
      return added;
    });
    const elsewhere = addChartNote(c.f.doc, {
      text: "Somewhere else",
      columnId: c.pros,
      author: "Facilitator",
      groupId: "notagroup" as GroupId,
      writtenFor: "Kai",
    });
    await eventually(() => {
      expect(getChartNote(c.a.doc, forAmira)).toMatchObject({
        writtenFor: "Amira",
        scribe: "facilitator",
        groupId: c.bob.group,
        participantId: null,
      });
      expect(getChartNote(c.a.doc, elsewhere)).toMatchObject({ writtenFor: "Kai", groupId: null });
    });
    // The facilitator's own notes are as before.
    const plain = addChartNote(c.f.doc, { text: "Plain", columnId: c.pros, author: "F", groupId: null });
    await eventually(() => expect(getChartNote(c.a.doc, plain)?.text).toBe("Plain"));
    expect(fields(c.a.doc, plain)).not.toHaveProperty("scribe");
  });
});
