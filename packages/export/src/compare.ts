/**
 * The comparison between groups on a scale: for each aspect, where each group placed it and the gap.
 *
 * An aspect is a prepared aspect (matched by id, whatever wording each group's note has) or an aspect a
 * group wrote itself (matched across groups by its wording, ignoring case and spacing). When one group has
 * several notes for the same aspect, its position is their mean. The gap is the distance between the
 * furthest-apart groups (max - min), and only exists when at least two groups placed the aspect.
 */
import type { AspectId } from "@continuum/model";
import type {
  SnapshotChartActivity,
  SnapshotGroup,
  SnapshotScaleActivity,
  SnapshotScaleNote,
  WorkshopSnapshot,
} from "./snapshot.ts";

export interface ComparisonRow {
  /** The prepared aspect's current wording, or the group's own wording. */
  readonly aspect: string;
  readonly aspectId: AspectId | null;
  /** "prepared" by the facilitator, or written by a "group". */
  readonly source: "prepared" | "group";
  /** One per group of the workshop, in group order; null when that group did not place it. Unrounded. */
  readonly positions: readonly (number | null)[];
  /** max - min of the positions, unrounded; null when fewer than two groups placed it. */
  readonly gap: number | null;
}

export interface ScaleComparison {
  readonly activity: SnapshotScaleActivity;
  readonly groups: readonly SnapshotGroup[];
  readonly rows: readonly ComparisonRow[];
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/** Prepared aspects (even one since removed from the agenda) by id; a group's own aspects by wording. */
const keyOf = (note: SnapshotScaleNote): string =>
  note.aspectId !== null ? `p:${note.aspectId}` : `t:${normalise(note.text)}`;

export function compareScale(snapshot: WorkshopSnapshot, activity: SnapshotScaleActivity): ScaleComparison {
  const groups = snapshot.groups;
  type Acc = { aspect: string; aspectId: AspectId | null; sums: number[]; counts: number[] };
  const rows = new Map<string, Acc>();
  const empty = () => groups.map(() => 0);
  for (const aspect of activity.aspects) {
    rows.set(`p:${aspect.id}`, { aspect: aspect.text, aspectId: aspect.id, sums: empty(), counts: empty() });
  }
  // Aspects not prepared (written by a group, or prepared and since removed), in the order first written.
  const own: { key: string; text: string; t: string; g: number }[] = [];
  activity.lanes.forEach((lane) => {
    const g = groups.findIndex((x) => x.id === lane.groupId);
    if (g < 0) return;
    for (const note of lane.notes) {
      const key = keyOf(note);
      if (!rows.has(key)) own.push({ key, text: note.text, t: note.createdAt ?? "", g });
    }
  });
  own.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.g - b.g));
  for (const o of own) {
    if (!rows.has(o.key)) {
      const aspectId = o.key.startsWith("p:") ? (o.key.slice(2) as AspectId) : null;
      rows.set(o.key, { aspect: o.text.trim(), aspectId, sums: empty(), counts: empty() });
    }
  }
  activity.lanes.forEach((lane) => {
    const g = groups.findIndex((x) => x.id === lane.groupId);
    if (g < 0) return;
    for (const note of lane.notes) {
      const acc = rows.get(keyOf(note));
      if (!acc) continue;
      acc.sums[g] = (acc.sums[g] ?? 0) + note.x;
      acc.counts[g] = (acc.counts[g] ?? 0) + 1;
    }
  });
  const prepared = new Set(activity.aspects.map((a) => `p:${a.id}`));
  return {
    activity,
    groups,
    rows: [...rows].map(([key, acc]) => {
      const positions = acc.sums.map((s, i) => {
        const c = acc.counts[i] ?? 0;
        return c > 0 ? s / c : null;
      });
      const placed = positions.filter((p): p is number => p !== null);
      return {
        aspect: acc.aspect,
        aspectId: acc.aspectId,
        source: prepared.has(key) ? "prepared" : "group",
        positions,
        gap: placed.length >= 2 ? Math.max(...placed) - Math.min(...placed) : null,
      };
    }),
  };
}

/** The charts that are about one aspect of a scale activity (the write-up puts them under the aspect). */
export function chartsAbout(
  snapshot: WorkshopSnapshot,
  activityId: string,
  aspectId: AspectId | null,
): SnapshotChartActivity[] {
  if (aspectId === null) return [];
  return snapshot.activities.filter(
    (a): a is SnapshotChartActivity =>
      a.kind === "chart" && a.about.activityId === activityId && a.about.aspectId === aspectId,
  );
}

/** Whether a chart is shown under an aspect of a scale activity in this snapshot. */
export function isChartUnderAspect(snapshot: WorkshopSnapshot, chart: SnapshotChartActivity): boolean {
  const { activityId, aspectId } = chart.about;
  if (!activityId || !aspectId) return false;
  const scale = snapshot.activities.find((a) => a.id === activityId);
  return scale?.kind === "scale" && scale.aspects.some((x) => x.id === aspectId);
}
