/**
 * Statistics for a scale activity that say what the numbers mean: pure functions over plain arrays of
 * positions (0 = the left end, 100 = the right end), so the same code serves the comparison, the individual
 * round, the exports and the share-back page, and a test can check it against values worked out by hand.
 *
 * Quantiles use **R's type 7** (linear interpolation between order statistics, `h = (n - 1) p`): the default
 * of R's `quantile()`, of NumPy's `percentile()` and of pandas' `quantile()`, so a researcher who reads the
 * exports into R or Python gets the same median and interquartile range as the comparison shows.
 *
 * The plain-language flags judge positions against thresholds the facilitator can change per workshop
 * (`statsSettings.ts`); the defaults and their meaning are in the codebook (docs/exports.md).
 */

/** The quantile method, named where the figures are shown or exported. */
export const QUANTILE_METHOD =
  "R type 7 (linear interpolation; the default of R quantile() and NumPy percentile())";

/**
 * The `p` quantile (0..1) of `values` by R's type 7, or null for no values. Non-finite values are ignored,
 * so one bad reading cannot turn a whole summary into NaN.
 */
export function quantile(values: readonly number[], p: number): number | null {
  const sorted = finiteSorted(values);
  return quantileOfSorted(sorted, p);
}

function finiteSorted(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

function quantileOfSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const q = Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0.5));
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** The median, or null for no values. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** What a set of placements (say, each person's placement of one aspect) looks like, in one object. */
export interface Summary {
  /** How many finite values there were. */
  readonly n: number;
  readonly min: number;
  /** First quartile (25th percentile, type 7). */
  readonly q1: number;
  readonly median: number;
  /** Third quartile (75th percentile, type 7). */
  readonly q3: number;
  readonly max: number;
  /** Interquartile range, q3 - q1: the spread of the middle half, the figure the flags judge. */
  readonly iqr: number;
  /** max - min. */
  readonly range: number;
}

/** The summary of `values`, or null when there is no finite value. */
export function summarise(values: readonly number[]): Summary | null {
  const sorted = finiteSorted(values);
  const n = sorted.length;
  if (n === 0) return null;
  const q1 = quantileOfSorted(sorted, 0.25) as number;
  const q3 = quantileOfSorted(sorted, 0.75) as number;
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  return {
    n,
    min,
    q1,
    median: quantileOfSorted(sorted, 0.5) as number,
    q3,
    max,
    iqr: q3 - q1,
    range: max - min,
  };
}

/** The interquartile range (type 7), or null for no values. */
export function iqr(values: readonly number[]): number | null {
  return summarise(values)?.iqr ?? null;
}

/** How a position changed between two moments (two rounds, or the two ends of a replay). */
export interface Movement {
  readonly from: number;
  readonly to: number;
  /** to - from: positive is towards the right end, negative towards the left. */
  readonly change: number;
  /** |change|. */
  readonly distance: number;
  readonly direction: "left" | "right" | "none";
}

/** The movement from one position to another; null when either is missing or not a number. */
export function movement(from: number | null | undefined, to: number | null | undefined): Movement | null {
  if (typeof from !== "number" || typeof to !== "number") return null;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  const change = to - from;
  return {
    from,
    to,
    change,
    distance: Math.abs(change),
    direction: change > 0 ? "right" : change < 0 ? "left" : "none",
  };
}

/**
 * The distance travelled along a sequence of positions (the sum of each step's distance): a note dragged
 * back and forth while a group talks travels far and may end where it began, which `movement` alone hides.
 */
export function travelled(positions: readonly number[]): number {
  let total = 0;
  let last: number | null = null;
  for (const p of positions) {
    if (!Number.isFinite(p)) continue;
    if (last !== null) total += Math.abs(p - last);
    last = p;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------
// Plain-language flags

/**
 * The thresholds the flags use, in points of the 0..100 scale (and people). Workshop settings: the
 * facilitator may change each; an absent one is its default (`DEFAULT_STATS_THRESHOLDS`).
 */
export interface StatsThresholds {
  /** A position within this distance of the middle (50) reads as "in the middle" rather than one end. */
  readonly middleBand: number;
  /** Groups whose positions are at most this far apart see an aspect the same way. */
  readonly agreeWithin: number;
  /** Groups at least this far apart lean different ways. */
  readonly differBy: number;
  /** Individual placements with an interquartile range at least this wide: the group did not agree among itself. */
  readonly wideSpread: number;
  /** The fewest individual placements a group's spread is judged on. */
  readonly minPeople: number;
  /** A group that moved an aspect at least this far between rounds moved it. */
  readonly movedBy: number;
}

export const DEFAULT_STATS_THRESHOLDS: StatsThresholds = {
  middleBand: 10,
  agreeWithin: 15,
  differBy: 25,
  wideSpread: 30,
  minPeople: 3,
  movedBy: 10,
};

/** Which part of the scale a position is in. */
export type Side = "left" | "middle" | "right";

export function sideOf(
  x: number,
  thresholds: Pick<StatsThresholds, "middleBand"> = DEFAULT_STATS_THRESHOLDS,
): Side {
  if (x < 50 - thresholds.middleBand) return "left";
  if (x > 50 + thresholds.middleBand) return "right";
  return "middle";
}

/** One group's data for one aspect, as the flags need it. */
export interface GroupAspectInput {
  readonly groupId: string;
  /** The group's name as people read it, e.g. "Link workers". */
  readonly name: string;
  /** Where the group placed the aspect (in the round being described), or null if it did not. */
  readonly position: number | null;
  /** Each person's placement in an individual round, if there was one. */
  readonly individual?: readonly number[];
  /** The group's position in the previous round, if there was one. */
  readonly previous?: number | null;
}

export type FlagKind = "agree" | "middle" | "apart" | "differ" | "wide-spread" | "close-spread" | "moved";

/**
 * One plain-language finding about an aspect, as data: which finding, about which groups, with its numbers.
 * The model decides the finding; the web app and the exports word it from their catalogues in the reader's
 * (or the workshop's) language, so the same flag reads "Both groups see this as about choice" in an English
 * report and in Welsh in a Welsh one (the scale's labels are workshop content, never translated).
 */
export type Flag =
  /** The groups agree, towards one end (`side`); "both" when two groups placed it, "all" for more. */
  | (FlagBase<"agree"> & { readonly side: "left" | "right" })
  /** The groups agree, in the middle. */
  | FlagBase<"middle">
  /** `groupIds[0]` leans towards the right end, `groupIds[1]` towards the left. */
  | FlagBase<"differ">
  /** `groupIds[0]` (higher) and `groupIds[1]` (lower) are `points` apart. */
  | (FlagBase<"apart"> & { readonly points: number })
  /** A group's individual placements are spread wide. */
  | FlagBase<"wide-spread">
  /** A group's individual placements are close together. */
  | FlagBase<"close-spread">
  /** A group moved the aspect `points` towards `side` between rounds. */
  | (FlagBase<"moved"> & { readonly side: "left" | "right"; readonly points: number });

interface FlagBase<K extends FlagKind> {
  readonly kind: K;
  /** The groups the finding is about. */
  readonly groupIds: readonly string[];
  /** Their names as given in the input, in the same order. */
  readonly names: readonly string[];
}

/** The scale's end labels, as the activity names them ("About choice", "Set in stone"). */
export interface ScaleLabels {
  readonly left: string;
  readonly right: string;
}

/**
 * "About choice" → "about choice" inside a sentence; "PPI contributors" keeps its capitals. For the
 * catalogues that put a scale's label inside a flag's sentence.
 */
export function labelInSentence(label: string): string {
  const t = label.trim();
  if (t.length >= 2 && t[0] !== t[0]?.toLowerCase() && t[1] === t[1]?.toLowerCase()) {
    return (t[0]?.toLowerCase() ?? "") + t.slice(1);
  }
  return t;
}

/**
 * The plain-language flags for one aspect: how the groups' positions compare (agree / apart / differ),
 * whether a group's individual placements were spread wide or close, and which groups moved between rounds.
 * In the order a reader wants them: the comparison, then each group's spread, then movement. Points are
 * whole numbers (rounded), as the sentences say them.
 */
export function aspectFlags(
  groups: readonly GroupAspectInput[],
  thresholds: StatsThresholds = DEFAULT_STATS_THRESHOLDS,
): Flag[] {
  const flags: Flag[] = [];
  const placed = groups.filter((g) => typeof g.position === "number" && Number.isFinite(g.position));
  if (placed.length >= 2) {
    const sorted = [...placed].sort((a, b) => (a.position as number) - (b.position as number));
    const lo = sorted[0] as GroupAspectInput;
    const hi = sorted[sorted.length - 1] as GroupAspectInput;
    const gap = (hi.position as number) - (lo.position as number);
    const all = { groupIds: placed.map((g) => g.groupId), names: placed.map((g) => g.name) };
    const pair = { groupIds: [hi.groupId, lo.groupId], names: [hi.name, lo.name] };
    if (gap <= thresholds.agreeWithin) {
      const mean = placed.reduce((s, g) => s + (g.position as number), 0) / placed.length;
      const side = sideOf(mean, thresholds);
      flags.push(side === "middle" ? { kind: "middle", ...all } : { kind: "agree", side, ...all });
    } else if (gap >= thresholds.differBy) {
      flags.push({ kind: "differ", ...pair });
    } else {
      flags.push({ kind: "apart", points: Math.round(gap), ...pair });
    }
  }
  for (const g of groups) {
    const s = g.individual ? summarise(g.individual) : null;
    if (!s || s.n < thresholds.minPeople) continue;
    const one = { groupIds: [g.groupId], names: [g.name] };
    if (s.iqr >= thresholds.wideSpread) flags.push({ kind: "wide-spread", ...one });
    else if (s.iqr <= thresholds.agreeWithin) flags.push({ kind: "close-spread", ...one });
  }
  for (const g of groups) {
    const m = movement(g.previous, g.position);
    if (!m || m.distance < thresholds.movedBy) continue;
    flags.push({
      kind: "moved",
      side: m.direction === "right" ? "right" : "left",
      points: Math.round(m.distance),
      groupIds: [g.groupId],
      names: [g.name],
    });
  }
  return flags;
}
