import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  aspectFlags,
  DEFAULT_STATS_THRESHOLDS,
  type Flag,
  iqr,
  labelInSentence,
  median,
  movement,
  quantile,
  readStatsThresholdSettings,
  readStatsThresholds,
  setStatsThresholds,
  sideOf,
  summarise,
  travelled,
} from "../src/index.ts";

// The fixture: four PPI contributors and three link workers placing "Number of sessions" privately.
// Worked by hand with R's type 7 (h = (n - 1) p, interpolate between the order statistics around h):
// PPI sorted 10, 20, 60, 90 (n = 4): median h = 1.5 → 20 + 0.5 × 40 = 40;
//   q1 h = 0.75 → 10 + 0.75 × 10 = 17.5; q3 h = 2.25 → 60 + 0.25 × 30 = 67.5; IQR = 50.
// Link workers sorted 70, 75, 85 (n = 3): median h = 1 → 75; q1 h = 0.5 → 72.5; q3 h = 1.5 → 80; IQR = 7.5.
// (R: quantile(c(90, 10, 60, 20)) gives 10 17.5 40 67.5 90; quantile(c(75, 85, 70)) gives 70 72.5 75 80 85.)
const ppi = [90, 10, 60, 20];
const linkWorkers = [75, 85, 70];

describe("quantiles (R type 7)", () => {
  it("matches the hand-computed median and IQR", () => {
    expect(median(ppi)).toBe(40);
    expect(quantile(ppi, 0.25)).toBe(17.5);
    expect(quantile(ppi, 0.75)).toBe(67.5);
    expect(iqr(ppi)).toBe(50);
    expect(summarise(linkWorkers)).toEqual({
      n: 3,
      min: 70,
      q1: 72.5,
      median: 75,
      q3: 80,
      max: 85,
      iqr: 7.5,
      range: 15,
    });
  });

  it("handles the edge cases without NaN", () => {
    expect(median([])).toBeNull();
    expect(iqr([])).toBeNull();
    expect(summarise([42])).toMatchObject({ n: 1, median: 42, q1: 42, q3: 42, iqr: 0, range: 0 });
    expect(median([Number.NaN, 30, Number.POSITIVE_INFINITY, 50])).toBe(40);
    expect(quantile([1, 2, 3], 0)).toBe(1);
    expect(quantile([1, 2, 3], 1)).toBe(3);
  });
});

describe("movement", () => {
  it("is signed towards the right end, with its distance", () => {
    expect(movement(30, 55)).toEqual({ from: 30, to: 55, change: 25, distance: 25, direction: "right" });
    expect(movement(55, 30)).toMatchObject({ change: -25, distance: 25, direction: "left" });
    expect(movement(40, 40)).toMatchObject({ change: 0, direction: "none" });
    expect(movement(null, 40)).toBeNull();
    expect(movement(40, Number.NaN)).toBeNull();
  });

  it("counts a note dragged back and forth as travelling", () => {
    // 20 → 60 → 30 → 50: 40 + 30 + 20 = 90 travelled, 30 moved.
    expect(travelled([20, 60, 30, 50])).toBe(90);
    expect(movement(20, 50)?.distance).toBe(30);
  });
});

describe("flags", () => {
  const groups = (lw: number | null, p: number | null) => [
    { groupId: "g-lw", name: "Link workers", position: lw, individual: linkWorkers },
    { groupId: "g-ppi", name: "PPI contributors", position: p, individual: ppi },
  ];

  // The findings as data; the web app's and the exports' catalogues word them (their own tests).
  const said = (flags: readonly Flag[]) =>
    flags.map((f) => [f.kind, f.names.join(" / "), "side" in f ? f.side : "", "points" in f ? f.points : ""]);

  it("finds that both groups agree, or lean different ways, as in the write-up", () => {
    const agree = aspectFlags([
      { groupId: "a", name: "Link workers", position: 12 },
      { groupId: "b", name: "PPI contributors", position: 20 },
    ]);
    expect(said(agree)).toEqual([["agree", "Link workers / PPI contributors", "left", ""]]);
    expect(agree[0]?.groupIds).toEqual(["a", "b"]);
    const differ = aspectFlags(groups(80, 35));
    // The first named leans towards the right end, the second towards the left.
    expect(said(differ)).toEqual([
      ["differ", "Link workers / PPI contributors", "", ""],
      ["close-spread", "Link workers", "", ""],
      ["wide-spread", "PPI contributors", "", ""],
    ]);
  });

  it("finds when groups are a little apart or in the middle", () => {
    expect(said(aspectFlags(groups(60, 40)).slice(0, 1))).toEqual([
      ["apart", "Link workers / PPI contributors", "", 20],
    ]);
    expect(said(aspectFlags(groups(48, 55)).slice(0, 1))).toEqual([
      ["middle", "Link workers / PPI contributors", "", ""],
    ]);
    const three = aspectFlags([
      { groupId: "a", name: "A", position: 85 },
      { groupId: "b", name: "B", position: 90 },
      { groupId: "c", name: "C", position: 80 },
    ]);
    expect(said(three)).toEqual([["agree", "A / B / C", "right", ""]]);
  });

  it("finds who moved between rounds, in whole points", () => {
    const flags = aspectFlags([
      { groupId: "a", name: "Link workers", position: 70.4, previous: 45 },
      { groupId: "b", name: "PPI contributors", position: 30, previous: 35 },
    ]);
    expect(said(flags.filter((f) => f.kind === "moved"))).toEqual([["moved", "Link workers", "right", 25]]);
  });

  it("puts a scale's label inside a sentence with a small first letter, keeping acronyms", () => {
    expect(labelInSentence(" About choice ")).toBe("about choice");
    expect(labelInSentence("PPI view")).toBe("PPI view");
  });

  it("follows the workshop's thresholds", () => {
    const wide = aspectFlags(groups(80, 35), { ...DEFAULT_STATS_THRESHOLDS, wideSpread: 60 });
    expect(wide.some((f) => f.kind === "wide-spread")).toBe(false);
    const few = aspectFlags(groups(80, 35), { ...DEFAULT_STATS_THRESHOLDS, minPeople: 5 });
    expect(few.some((f) => f.kind === "wide-spread" || f.kind === "close-spread")).toBe(false);
    expect(sideOf(39)).toBe("left");
    expect(sideOf(39, { middleBand: 20 })).toBe("middle");
  });
});

describe("threshold settings", () => {
  it("reads defaults when absent, validates and clamps what is set", () => {
    const doc = new Y.Doc();
    expect(readStatsThresholds(doc)).toEqual(DEFAULT_STATS_THRESHOLDS);
    setStatsThresholds(doc, { wideSpread: 40, minPeople: 2.6, middleBand: 90 });
    expect(readStatsThresholds(doc)).toEqual({
      ...DEFAULT_STATS_THRESHOLDS,
      wideSpread: 40,
      minPeople: 3,
      middleBand: 50,
    });
    expect(readStatsThresholdSettings(doc)).toEqual({ wideSpread: 40, minPeople: 3, middleBand: 50 });
    setStatsThresholds(doc, { wideSpread: null });
    expect(readStatsThresholds(doc).wideSpread).toBe(DEFAULT_STATS_THRESHOLDS.wideSpread);
    // A hostile writer's strings read as defaults.
    (doc.getMap("meta").get("statsThresholds") as Y.Map<unknown>).set("agreeWithin", "5");
    expect(readStatsThresholds(doc).agreeWithin).toBe(DEFAULT_STATS_THRESHOLDS.agreeWithin);
  });
});
