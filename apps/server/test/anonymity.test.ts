/**
 * ANON-2 (packages/protocol/SPEC.md): an anonymous workshop's names are kept out of what the server shares,
 * not only out of what the interface shows. Stock Yjs clients on a real server: one participant's client
 * writes its name everywhere a client can put it, another participant's reads every document it may open,
 * encoded as it would store them, and every presence state, and looks for the name.
 */
import {
  addChartNote,
  addNote,
  addReason,
  type ColumnId,
  listActivities,
  listRemovedNotes,
  removeChartNote,
  setMeta,
} from "@continuum/model";
import {
  type ActivityId,
  chartDocName,
  type GroupId,
  laneDocName,
  type WorkshopId,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type PresenceIdentity, presenceState } from "../src/sync/anonymity.ts";
import {
  type Client,
  createWorkshop,
  eventually,
  joinAs,
  removeDir,
  serverPerTest,
  synced,
  testServer,
} from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** A name no template, group or word of the test contains, so finding it anywhere means it leaked. */
const NAME = "Annabel Quincey";

/** Everything a client holds of a document, as bytes to store and as its values. */
function holds(client: Client): string {
  const bytes = Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString("latin1");
  const values = JSON.stringify(client.doc.toJSON());
  return `${bytes}\n${values}`;
}

const presenceOf = (client: Client): string =>
  JSON.stringify([...client.provider.awareness.getStates().entries()]);

async function workshop(base: string, opts: { showNames: boolean }) {
  const created = await createWorkshop(base, "discretion", opts);
  const facilitator = env.open(base, created.id, created.token);
  await synced(facilitator);
  const activities = listActivities(facilitator.doc);
  const chart = activities.find((a) => a.kind === "chart");
  const scale = activities.find((a) => a.kind === "scale");
  if (chart?.kind !== "chart" || !scale) throw new Error("the discretion template has a chart and a scale");
  const ann = await joinAs(base, created.joinCode, NAME, "Link workers");
  const bob = await joinAs(base, created.joinCode, "Bob", "Link workers");
  const id = created.id as WorkshopId;
  return {
    created,
    facilitator,
    ann,
    bob,
    column: chart.columns[0]?.id as ColumnId,
    chartName: chartDocName(id, chart.id as ActivityId),
    laneName: laneDocName(id, scale.id as ActivityId, ann.group as GroupId),
  };
}

describe("ANON-2: an anonymous workshop's documents and presence hold no names", () => {
  it("a participant's name written on a chart note, a lane note, a reason and a presence state reaches no one else", async () => {
    const base = env.server.url;
    const w = await workshop(base, { showNames: false });
    const open = (name: string, token: string) => env.open(base, name, token);
    const annChart = open(w.chartName, w.ann.token);
    const annLane = open(w.laneName, w.ann.token);
    const annHome = open(w.created.id, w.ann.token);
    const bobChart = open(w.chartName, w.bob.token);
    const bobLane = open(w.laneName, w.bob.token);
    const bobHome = open(w.created.id, w.bob.token);
    const facChart = open(w.chartName, w.created.token);
    await Promise.all(
      [annChart, annLane, annHome, bobChart, bobLane, bobHome, facChart].map((c) => synced(c)),
    );

    // Ann's client writes her name wherever a client can: as the author of a chart note (also one written
    // for someone of that name), of a note she then removes (the facilitator's archive), of a lane note and
    // of a reason, and in her presence, as her `user` and in a field of its own.
    const note = addChartNote(annChart.doc, {
      text: "Saves time",
      columnId: w.column,
      author: NAME,
      groupId: null,
    });
    addChartNote(annChart.doc, {
      text: "For her",
      columnId: w.column,
      author: NAME,
      groupId: null,
      writtenFor: NAME,
    });
    const gone = addChartNote(annChart.doc, {
      text: "Typo",
      columnId: w.column,
      author: NAME,
      groupId: null,
    });
    await eventually(() => expect(bobChart.doc.getMap("notes").size).toBe(3));
    removeChartNote(annChart.doc, gone);
    const laneNote = addNote(annLane.doc, { text: "Home visits", x: 30, author: NAME });
    addReason(annLane.doc, { noteId: laneNote, text: "Up to the person", author: NAME });
    for (const c of [annChart, annLane, annHome]) {
      c.provider.awareness.setLocalState({
        user: { name: NAME, group: null, groupName: null, role: "facilitator" },
        dragging: { noteId: laneNote, x: 30 },
        shout: `I am ${NAME}`,
      });
    }
    // A later edit of her own lane note's author (any member may change the group's notes, ACC-3).
    await eventually(() => expect(bobLane.doc.getMap("notes").size).toBe(1));
    (annLane.doc.getMap("notes").get(laneNote) as Y.Map<unknown>).set("author", NAME);

    await eventually(() => {
      expect(listRemovedNotes(facChart.doc).map((r) => r.id)).toEqual([gone]);
      expect(bobLane.doc.getMap("reasons").size).toBe(1);
      for (const c of [bobChart, bobLane, bobHome]) {
        // Ann's presence has arrived (her drag), so there is something to look at.
        expect(presenceOf(c)).toContain(laneNote);
        expect(holds(c)).not.toContain(NAME);
        expect(presenceOf(c)).not.toContain(NAME);
      }
      // The facilitator's copy and Ann's own hold no name either: her screen shows hers from her session.
      expect(holds(facChart)).not.toContain(NAME);
      expect(holds(annChart)).not.toContain(NAME);
      expect(holds(annLane)).not.toContain(NAME);
    });
    // What presence still says: her group and role, and where she drags; nothing else she wrote.
    const seen = [...bobLane.provider.awareness.getStates().values()] as Record<string, unknown>[];
    expect(seen).toContainEqual({
      user: {
        name: "",
        group: w.ann.group,
        groupName: "Link workers",
        role: "participant",
        tag: expect.stringMatching(/^[\w-]{16}$/),
      },
      dragging: { noteId: laneNote, x: 30 },
    });
    // The server's stamps are still there (OWN-1): whose note it is, and which group's.
    const stamped = (bobChart.doc.getMap("notes").get(note) as Y.Map<unknown>).toJSON();
    expect(stamped).toMatchObject({ author: "", participantId: w.ann.participantId, groupId: w.ann.group });

    // Someone who opens the documents later receives no name either.
    const late = [open(w.chartName, w.bob.token), open(w.laneName, w.bob.token)];
    await Promise.all(late.map((c) => synced(c)));
    for (const c of late) expect(holds(c)).not.toContain(NAME);
  });

  it("a participant's presence keeps only a drag of a note id to a number; the facilitator's is as written", () => {
    const ann: PresenceIdentity = {
      name: NAME,
      group: "glw",
      groupName: "Link workers",
      role: "participant",
      tag: "t4g",
    };
    const relayed = (state: unknown, who = ann, anonymous = true) =>
      JSON.parse(presenceState(state, who, anonymous) ?? JSON.stringify(state));
    const noName = { ...ann, name: "" };
    expect(relayed({ dragging: { noteId: "n1", x: 3, by: NAME } })).toEqual({
      user: noName,
      dragging: { noteId: "n1", x: 3 },
    });
    expect(relayed({ dragging: { noteId: `I am ${NAME}`, x: 3 } })).toEqual({ user: noName });
    expect(relayed({ dragging: null, note: NAME })).toEqual({ user: noName, dragging: null });
    expect(relayed(NAME)).toEqual({});
    expect(relayed(null)).toBeNull();
    const facilitator = {
      name: "Facilitator",
      group: null,
      groupName: null,
      role: "facilitator",
      tag: "f4c",
    };
    expect(relayed({ cursor: { x: 1 } }, facilitator)).toEqual({ cursor: { x: 1 }, user: facilitator });
    expect(relayed({ cursor: { x: 1 } }, ann, false)).toEqual({ cursor: { x: 1 }, user: ann });
  });

  it("a participant's presence tag is the same on every reconnect and document, another's differs, and it is neither their id nor their name", async () => {
    const base = env.server.url;
    const w = await workshop(base, { showNames: false });
    const watcher = env.open(base, w.chartName, w.created.token);
    const watcherLane = env.open(base, w.laneName, w.created.token);
    await Promise.all([synced(watcher), synced(watcherLane)]);
    /** The tag the watcher sees on a client's presence, once it has arrived. */
    const tagOf = async (client: Client, on = watcher): Promise<string> => {
      client.provider.awareness.setLocalStateField("dragging", null);
      let tag = "";
      await eventually(() => {
        const state = on.provider.awareness.getStates().get(client.doc.clientID) as
          | { user?: { tag?: unknown } }
          | undefined;
        expect(state?.user?.tag).toEqual(expect.any(String));
        tag = state?.user?.tag as string;
      });
      return tag;
    };
    const annFirst = env.open(base, w.chartName, w.ann.token);
    const bob = env.open(base, w.chartName, w.bob.token);
    await Promise.all([synced(annFirst), synced(bob)]);
    const annTag = await tagOf(annFirst);
    const bobTag = await tagOf(bob);
    expect(annTag).toMatch(/^[\w-]{16}$/);
    expect(bobTag).not.toBe(annTag);

    // Ann's tablet drops off and comes back: a new Yjs client id, the same tag.
    const firstId = annFirst.doc.clientID;
    annFirst.destroy();
    await eventually(() => expect(watcher.provider.awareness.getStates().has(firstId)).toBe(false));
    const annAgain = env.open(base, w.chartName, w.ann.token);
    await synced(annAgain);
    expect(annAgain.doc.clientID).not.toBe(firstId);
    expect(await tagOf(annAgain)).toBe(annTag);
    // And on another document of the workshop (her group's lane).
    const annLane = env.open(base, w.laneName, w.ann.token);
    await synced(annLane);
    expect(await tagOf(annLane, watcherLane)).toBe(annTag);

    // It names no one: not her participant id (notes carry that), nor her name, nor a piece of either.
    for (const [tag, who] of [
      [annTag, w.ann],
      [bobTag, w.bob],
    ] as const) {
      expect(who.participantId).toBeTruthy();
      expect(tag).not.toContain(who.participantId);
      expect(who.participantId).not.toContain(tag);
      expect(tag.toLowerCase()).not.toContain(who === w.ann ? "annabel" : "bob");
      expect(who.token).not.toContain(tag);
    }
  });

  it("a workshop that shows names keeps them, in the documents and in presence", async () => {
    const base = env.server.url;
    const w = await workshop(base, { showNames: true });
    const annChart = env.open(base, w.chartName, w.ann.token);
    const bobChart = env.open(base, w.chartName, w.bob.token);
    await Promise.all([synced(annChart), synced(bobChart)]);
    addChartNote(annChart.doc, { text: "Saves time", columnId: w.column, author: NAME, groupId: null });
    annChart.provider.awareness.setLocalStateField("dragging", null);
    await eventually(() => {
      expect(holds(bobChart)).toContain(NAME);
      expect(presenceOf(bobChart)).toContain(NAME);
    });
  });

  it("switching a workshop to anonymous blanks the names already written, in loaded documents and in others when they load", async () => {
    // Rooms unload 100 ms after their last client leaves, so one of the documents is not loaded at the switch.
    const server = await testServer({ storage: "memory", idleUnloadMs: 100 });
    try {
      const base = server.url;
      const w = await workshop(base, { showNames: true });
      const annChart = env.open(base, w.chartName, w.ann.token);
      const annLane = env.open(base, w.laneName, w.ann.token);
      const bobChart = env.open(base, w.chartName, w.bob.token);
      await Promise.all([synced(annChart), synced(annLane), synced(bobChart)]);
      addChartNote(annChart.doc, { text: "Saves time", columnId: w.column, author: NAME, groupId: null });
      const removed = addChartNote(annChart.doc, {
        text: "Typo",
        columnId: w.column,
        author: NAME,
        groupId: null,
      });
      addNote(annLane.doc, { text: "Home visits", x: 30, author: NAME });
      await eventually(() => expect(bobChart.doc.getMap("notes").size).toBe(2));
      removeChartNote(annChart.doc, removed);
      await eventually(() => expect(listRemovedNotes(bobChart.doc).map((r) => r.author)).toEqual([NAME]));
      // The lane's only client leaves and the lane unloads.
      await settle(200);
      annLane.destroy();
      await settle(400);

      setMeta(w.facilitator.doc, { anonymous: true });
      await eventually(() => expect(holds(bobChart)).not.toContain(NAME));
      expect(JSON.stringify(bobChart.doc.toJSON())).toContain("Saves time");
      const bobLane = env.open(base, w.laneName, w.bob.token);
      await synced(bobLane);
      await eventually(() => expect(bobLane.doc.getMap("notes").size).toBe(1));
      expect(holds(bobLane)).not.toContain(NAME);
    } finally {
      await server.close();
      removeDir(server.dataDir);
    }
  });
});
