/**
 * Seeded random convergence test: several replicas edit the workshop, a lane and a chart document at once
 * through the public API, while their updates are delivered in random order and replicas drop off and come
 * back (syncing by state vector). Once everything is delivered, all replicas must read the same.
 * A failure names its seed; rerun one seed by setting SEEDS below to [seed].
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ActivityId,
  type AspectId,
  addAspect,
  addBoardActivity,
  addChartActivity,
  addChartNote,
  addColumn,
  addGroup,
  addNote,
  addScaleActivity,
  COLOURS,
  type ColumnId,
  castVote,
  clearTimer,
  editChartNote,
  editNote,
  type GroupId,
  initChart,
  initLane,
  initWorkshop,
  listChartNotes,
  listNotes,
  moveActivity,
  moveChartNote,
  moveColumn,
  moveGroup,
  moveNote,
  type NoteId,
  pauseTimer,
  placeAspect,
  readWorkshop,
  removeActivity,
  removeAspect,
  removeChartNote,
  removeColumn,
  removeGroup,
  removeNote,
  renameAspect,
  renameColumn,
  renameGroup,
  resumeTimer,
  retractVote,
  setCurrentActivity,
  setLocked,
  setMeta,
  setRevealed,
  startTimer,
  updateActivity,
  voteCounts,
  type WorkshopId,
} from "../src/index.ts";

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
const STEPS = 250;
const REMOTE = Symbol("remote");

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }
  id(): string {
    let s = "";
    for (let i = 0; i < 10; i++) s += "abcdefghijkmnpqrstuvwxyz23456789"[this.int(32)];
    return s;
  }
  word(): string {
    return (
      this.pick(["Location", "Sessions", "Referral", "Home visits", "Phone", "Time", "Cost", "Safety"]) ?? "x"
    );
  }
}

type DocKey = "workshop" | "lane" | "chart";
const DOC_KEYS: readonly DocKey[] = ["workshop", "lane", "chart"];

interface Replica {
  docs: Record<DocKey, Y.Doc>;
  online: boolean;
  laneUndo: Y.UndoManager;
}

interface Message {
  from: number;
  to: number;
  key: DocKey;
  update: Uint8Array;
}

const W = "wshop" as WorkshopId;
const SCALE = "scale" as ActivityId;
const CHART = "chart" as ActivityId;
const GROUP = "group" as GroupId;
const ASPECTS = ["asp1", "asp2", "asp3", "asp4"] as AspectId[];
const COLUMNS = ["pros", "cons", "impl"] as ColumnId[];
const VOTERS = ["ann", "bob", "cat"];

function syncPair(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

function makeNetwork(count: number, rng: Rng) {
  const queue: Message[] = [];
  const replicas: Replica[] = [];
  // Every replica starts from the same initial state, as if created by the server and then loaded.
  const seed = { workshop: new Y.Doc(), lane: new Y.Doc(), chart: new Y.Doc() };
  initWorkshop(seed.workshop, { id: W, title: "Seeded", now: 0 });
  addGroup(seed.workshop, "Link workers", 0, GROUP);
  addScaleActivity(seed.workshop, { id: SCALE, title: "Scale" });
  addChartActivity(seed.workshop, { id: CHART, title: "Chart", columns: [] });
  initLane(seed.lane, { workshopId: W, activityId: SCALE, groupId: GROUP });
  initChart(seed.chart, { workshopId: W, activityId: CHART });

  for (let i = 0; i < count; i++) {
    const docs = { workshop: new Y.Doc(), lane: new Y.Doc(), chart: new Y.Doc() };
    for (const key of DOC_KEYS) {
      Y.applyUpdate(docs[key], Y.encodeStateAsUpdate(seed[key]), REMOTE);
      docs[key].on("update", (update: Uint8Array, origin: unknown) => {
        // Mesh: each replica sends its own edits to every peer it is connected to; received updates are not
        // forwarded (a replica that was offline catches up by state vector on reconnect instead).
        if (origin === REMOTE || !replicas[i]?.online) return;
        replicas.forEach((r, j) => {
          if (j !== i && r.online) queue.push({ from: i, to: j, key, update });
        });
      });
    }
    const laneUndo = new Y.UndoManager(docs.lane.getMap("notes"), { captureTimeout: 0 });
    replicas.push({ docs, online: true, laneUndo });
  }

  return {
    replicas,
    queue,
    deliverOne(): void {
      const m = queue.splice(rng.int(queue.length), 1)[0];
      if (m) Y.applyUpdate(replicas[m.to]?.docs[m.key] as Y.Doc, m.update, REMOTE);
    },
    setOnline(i: number, online: boolean): void {
      const r = replicas[i] as Replica;
      if (r.online === online) return;
      r.online = online;
      if (!online) {
        // A lost connection loses what was in flight to or from it.
        for (let k = queue.length - 1; k >= 0; k--) {
          const m = queue[k] as Message;
          if (m.from === i || m.to === i) queue.splice(k, 1);
        }
        return;
      }
      replicas.forEach((other, j) => {
        if (j !== i && other.online) for (const key of DOC_KEYS) syncPair(r.docs[key], other.docs[key]);
      });
    },
  };
}

function randomWorkshopEdit(doc: Y.Doc, rng: Rng, now: number): void {
  const w = readWorkshop(doc);
  const group = rng.pick(w.groups)?.id;
  const activity = rng.pick(w.activities);
  const columns = activity && activity.kind !== "scale" ? activity.columns : [];
  const column = rng.pick(columns)?.id;
  const aspect = activity?.kind === "scale" ? rng.pick(activity.aspects)?.id : undefined;
  switch (rng.int(22)) {
    case 0:
      addGroup(doc, rng.word(), now, rng.id() as GroupId);
      break;
    case 1:
      if (group) renameGroup(doc, group, rng.word());
      break;
    case 2:
      if (group && rng.chance(0.3)) removeGroup(doc, group);
      break;
    case 3:
      if (group) moveGroup(doc, group, rng.int(5));
      break;
    case 4:
      addScaleActivity(doc, { id: rng.id() as ActivityId, title: rng.word() });
      break;
    case 5:
      addChartActivity(doc, {
        id: rng.id() as ActivityId,
        title: rng.word(),
        about: rng.word(),
        columns: [],
      });
      break;
    case 6:
      addBoardActivity(doc, { id: rng.id() as ActivityId, title: rng.word(), prompts: [] });
      break;
    case 7:
      if (activity)
        updateActivity(doc, activity.id, { title: rng.word(), leftLabel: rng.word(), about: rng.word() });
      break;
    case 8:
      if (activity && rng.chance(0.3)) removeActivity(doc, activity.id);
      break;
    case 9:
      if (activity) moveActivity(doc, activity.id, rng.int(6));
      break;
    case 10:
      if (activity?.kind === "scale") addAspect(doc, activity.id, rng.word(), rng.id() as AspectId);
      break;
    case 11:
      if (activity && aspect) renameAspect(doc, activity.id, aspect, rng.word());
      break;
    case 12:
      if (activity && aspect) removeAspect(doc, activity.id, aspect);
      break;
    case 13:
      if (activity && activity.kind !== "scale")
        addColumn(doc, activity.id, rng.word(), rng.int(4), rng.id() as ColumnId);
      break;
    case 14:
      if (activity && column) renameColumn(doc, activity.id, column, rng.word());
      break;
    case 15:
      if (activity && column && rng.chance(0.3)) removeColumn(doc, activity.id, column);
      break;
    case 16:
      if (activity && column) moveColumn(doc, activity.id, column, rng.int(4));
      break;
    case 17:
      setCurrentActivity(doc, rng.chance(0.2) ? null : (activity?.id ?? null));
      break;
    case 18:
      if (activity) setLocked(doc, activity.id, rng.chance(0.5));
      break;
    case 19:
      if (activity && group) setRevealed(doc, activity.id, group, rng.chance(0.5));
      break;
    case 20: {
      const t = rng.int(4);
      if (t === 0) startTimer(doc, 1000 * (1 + rng.int(600)), now);
      else if (t === 1) pauseTimer(doc, now);
      else if (t === 2) resumeTimer(doc, now);
      else clearTimer(doc);
      break;
    }
    default:
      setMeta(doc, { title: rng.word(), anonymous: rng.chance(0.5) });
  }
}

function randomLaneEdit(r: Replica, rng: Rng, now: number): void {
  const doc = r.docs.lane;
  const note = rng.pick(listNotes(doc))?.id;
  const colour = rng.pick(COLOURS)?.id;
  switch (rng.int(8)) {
    case 0:
    case 1: {
      const id = rng.pick(ASPECTS) as AspectId;
      placeAspect(doc, { aspect: { id, text: `Aspect ${id}` }, x: rng.int(120) - 10, author: "p", now });
      break;
    }
    case 2:
      addNote(doc, {
        id: rng.id() as NoteId,
        text: rng.word(),
        x: rng.int(101),
        y: rng.int(101),
        author: "p",
        colour,
        now,
      });
      break;
    case 3:
      if (note) moveNote(doc, note, rng.next() * 100, rng.next() * 100, now);
      break;
    case 4:
      if (note) editNote(doc, note, { text: rng.word(), colour }, now);
      break;
    case 5:
      if (note) removeNote(doc, note);
      break;
    case 6:
      r.laneUndo.undo();
      break;
    default: {
      // Garbage, as a buggy peer would write it: readers must cope on every replica alike.
      const m = doc.getMap("notes").get(note ?? "none");
      if (m instanceof Y.Map)
        m.set(rng.pick(["x", "y", "text", "colour"]) ?? "x", rng.pick(["abc", Number.NaN, 1e9, null]));
    }
  }
}

function randomChartEdit(doc: Y.Doc, rng: Rng, now: number): void {
  const note = rng.pick(listChartNotes(doc))?.id;
  const column = rng.pick(COLUMNS) as ColumnId;
  switch (rng.int(7)) {
    case 0:
    case 1:
      addChartNote(doc, {
        id: rng.id() as NoteId,
        columnId: column,
        text: rng.word(),
        author: "p",
        groupId: GROUP,
        now,
      });
      break;
    case 2:
      if (note) moveChartNote(doc, note, column, rng.int(5), now);
      break;
    case 3:
      if (note) editChartNote(doc, note, { text: rng.word() }, now);
      break;
    case 4:
      if (note && rng.chance(0.4)) removeChartNote(doc, note);
      break;
    case 5:
      if (note) castVote(doc, note, rng.pick(VOTERS) as string);
      break;
    default:
      if (note) retractVote(doc, note, rng.pick(VOTERS) as string);
  }
}

function snapshot(r: Replica) {
  return {
    workshop: JSON.stringify(readWorkshop(r.docs.workshop)),
    lane: JSON.stringify(listNotes(r.docs.lane)),
    chart: JSON.stringify(listChartNotes(r.docs.chart)),
    votes: JSON.stringify([...voteCounts(r.docs.chart)].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function run(seed: number): void {
  const rng = new Rng(mulberry32(seed));
  const count = 3 + rng.int(3);
  const net = makeNetwork(count, rng);
  for (let step = 0; step < STEPS; step++) {
    const now = 1_000_000 + step * 1000;
    const i = rng.int(count);
    const r = net.replicas[i] as Replica;
    const action = rng.next();
    if (action < 0.45) {
      const which = rng.int(3);
      if (which === 0) randomWorkshopEdit(r.docs.workshop, rng, now);
      else if (which === 1) randomLaneEdit(r, rng, now);
      else randomChartEdit(r.docs.chart, rng, now);
    } else if (action < 0.9) {
      for (let k = rng.int(4); k >= 0; k--) net.deliverOne();
    } else {
      net.setOnline(i, !r.online);
    }
  }
  // Heal: everyone back online (syncing by state vector), then deliver whatever is still queued.
  net.replicas.forEach((_, i) => {
    net.setOnline(i, true);
  });
  while (net.queue.length > 0) net.deliverOne();

  const first = net.replicas[0] as Replica;
  const expected = snapshot(first);
  net.replicas.forEach((r, i) => {
    const label = `seed ${seed}: replica ${i} differs from replica 0`;
    expect(snapshot(r), label).toEqual(expected);
    for (const key of DOC_KEYS)
      expect(r.docs[key].toJSON(), `${label} (${key} toJSON)`).toEqual(first.docs[key].toJSON());
  });
}

describe("convergence", () => {
  it.each(SEEDS)("replicas converge under random edits, reordering and disconnects (seed %i)", (seed) => {
    run(seed);
  });
});
