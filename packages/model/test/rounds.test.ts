import { soloDocName } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type AspectId,
  activitiesMap,
  addScaleActivity,
  currentRound,
  type GroupId,
  getActivity,
  initSolo,
  initWorkshop,
  listNotes,
  NO_ROUNDS,
  type ParticipantId,
  placeAspect,
  readRounds,
  readSoloMeta,
  readWorkshopContent,
  type ScaleActivity,
  seedLaneFromMedians,
  setSoloRevealed,
  soloPlacements,
  stampSoloGroup,
  startGroupRound,
  startIndividualRound,
  startSecondRound,
  summariseSolo,
  type WorkshopId,
  workshopView,
  writeWorkshopContent,
} from "../src/index.ts";

const W = "wshop1" as WorkshopId;
const A = "groupa" as GroupId;

function setup() {
  const doc = new Y.Doc();
  initWorkshop(doc, { id: W, title: "Discretion" });
  const id = addScaleActivity(doc, { title: "Scale", aspects: ["Number of sessions", "Location"] });
  return { doc, id, activity: getActivity(doc, id) as ScaleActivity };
}

describe("rounds of a scale activity", () => {
  it("read as one group round when nothing is set, as today", () => {
    const { doc, id } = setup();
    expect(readRounds(doc, id)).toEqual(NO_ROUNDS);
    expect(workshopView(doc).round?.(id)).toBe("group");
    expect(workshopView(doc).soloRevealed?.(id)).toBe(false);
  });

  it("go individual, group (from the median), revealed, second; malformed values read as the default", () => {
    const { doc, id, activity } = setup();
    startIndividualRound(doc, id);
    expect(currentRound(doc, id)).toBe("individual");
    startGroupRound(doc, id, "median");
    const [a1, a2] = activity.aspects.map((a) => a.id) as [AspectId, AspectId];
    setSoloRevealed(doc, id, { [A]: { [a1]: [10, 30, 80] } } as never);
    const lane = new Y.Doc();
    placeAspect(lane, { aspect: activity.aspects[0] as never, x: 40, author: "Ann", now: 1 });
    startSecondRound(doc, id, [{ groupId: A, notes: listNotes(lane) }], 99);
    const r = readRounds(doc, id);
    expect(r.round).toBe("second");
    expect(r.individualRound).toBe(true);
    expect(r.groupStart).toBe("median");
    expect(r.soloRevealed).toBe(true);
    expect(r.soloSummary).toEqual({ [A]: { [a1]: [10, 30, 80] } });
    expect(r.round1?.at).toBe(99);
    expect(Object.values(r.round1?.lanes[A] ?? {})).toEqual([40]);
    void a2;

    const m = activitiesMap(doc).get(id) as Y.Map<unknown>;
    m.set("round", "third");
    m.set("soloRevealed", "yes");
    m.set("soloSummary", { [A]: { [a1]: [10, "x", Number.NaN, 500] }, "bad key!": { [a1]: [1] } });
    m.set("round1", "nope");
    const bad = readRounds(doc, id);
    expect(bad.round).toBe("group");
    expect(bad.soloRevealed).toBe(false);
    expect(bad.soloSummary).toEqual({ [A]: { [a1]: [10, 100] } });
    expect(bad.round1).toBeNull();
  });

  it("summarise each person's placements by group without ids, and seed a lane from the medians", () => {
    const { activity } = setup();
    const [s1, s2] = activity.aspects as [never, never];
    const people = [10, 30, 80].map((x, i) => {
      const d = new Y.Doc();
      initSolo(d, {
        workshopId: W,
        activityId: activity.id,
        participantId: `p${i}aaaaaaaaaa` as ParticipantId,
      });
      stampSoloGroup(d, A);
      expect(stampSoloGroup(d, "groupb" as GroupId)).toBe(false);
      placeAspect(d, { aspect: s1, x, author: "x", now: 1 });
      if (i === 0) placeAspect(d, { aspect: s2, x: 70, author: "x", now: 1 });
      return soloPlacements(d, `p${i}aaaaaaaaaa` as ParticipantId);
    });
    expect(people[0]?.groupId).toBe(A);
    const summary = summariseSolo(people);
    expect(summary[A]?.[(s1 as { id: AspectId }).id]).toEqual([10, 30, 80]);
    const lane = new Y.Doc();
    expect(seedLaneFromMedians(lane, activity, summary[A] ?? {}, { author: "Facilitator", now: 5 })).toBe(2);
    expect(
      listNotes(lane)
        .map((n) => n.x)
        .sort(),
    ).toEqual([30, 70]);
    // Seeding again changes nothing a group has already placed.
    expect(seedLaneFromMedians(lane, activity, summary[A] ?? {}, { author: "Facilitator" })).toBe(0);
    const meta = readSoloMeta(new Y.Doc());
    expect(meta.groupId).toBeNull();
  });
});

describe("rounds in a workshop's content (archives)", () => {
  it("carry the round fields and everyone's own scale through writing and reading again", () => {
    const { doc, id, activity } = setup();
    startIndividualRound(doc, id);
    const docs = new Map<string, Y.Doc>();
    const aspect = activity.aspects[0] as never;
    for (const [i, x] of [15, 45].entries()) {
      const p = `p${i}aaaaaaaaaa` as ParticipantId;
      const d = new Y.Doc();
      initSolo(d, { workshopId: W, activityId: id, participantId: p });
      stampSoloGroup(d, A);
      placeAspect(d, { aspect, x, author: "Someone", now: 10 + i });
      docs.set(soloDocName(W, id, p), d);
    }
    startGroupRound(doc, id, "empty");
    setSoloRevealed(
      doc,
      id,
      summariseSolo([...docs].map(([n, d]) => soloPlacements(d, n.split("/")[3] as ParticipantId))),
    );
    startSecondRound(doc, id, [{ groupId: A, notes: [] }], 500);
    const content = readWorkshopContent(doc, docs);
    const scale = content.activities.find((a) => a.id === id);
    expect(scale?.kind === "scale" ? scale.rounds?.individual.map((p) => p.notes[0]?.x) : null).toEqual([
      15, 45,
    ]);
    const written = writeWorkshopContent(content, W);
    const again = readWorkshopContent(written.get(W) as Y.Doc, written);
    expect(again.activities).toEqual(content.activities);
    // A workshop without rounds has no `rounds` at all.
    const plain = setup();
    const none = readWorkshopContent(plain.doc, new Map()).activities[0];
    expect(none && "rounds" in none).toBe(false);
  });
});
