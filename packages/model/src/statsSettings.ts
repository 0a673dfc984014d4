/**
 * The thresholds of the plain-language flags (`stats.ts`) as workshop settings the facilitator can change.
 *
 * Optional field in the workshop document, absent = the defaults (`DEFAULT_STATS_THRESHOLDS`):
 * - `meta.statsThresholds`: a Y.Map from a threshold's name to a number. Each value is read on its own and
 *   clamped to its range; a missing or non-numeric one is its default, so a half-written map still reads.
 */
import * as Y from "yjs";
import { metaMap } from "./schema.ts";
import { DEFAULT_STATS_THRESHOLDS, type StatsThresholds } from "./stats.ts";
import { asRecord, readNumber } from "./validate.ts";

/** Each threshold's allowed range, in points of the 0..100 scale (minPeople in people). */
export const STATS_THRESHOLD_RANGES: Readonly<Record<keyof StatsThresholds, readonly [number, number]>> = {
  middleBand: [0, 50],
  agreeWithin: [0, 100],
  differBy: [0, 100],
  wideSpread: [0, 100],
  minPeople: [1, 100],
  movedBy: [0, 100],
};

const KEYS = Object.keys(STATS_THRESHOLD_RANGES) as (keyof StatsThresholds)[];

/** Reads thresholds from a plain record (an archive's field, or the map's JSON); every value validated. */
export function readStatsThresholdsValue(value: unknown): StatsThresholds {
  const rec = asRecord(value) ?? {};
  const out: Record<string, number> = {};
  for (const key of KEYS) {
    const [min, max] = STATS_THRESHOLD_RANGES[key];
    const n = readNumber(rec[key], min, max, DEFAULT_STATS_THRESHOLDS[key]);
    out[key] = key === "minPeople" ? Math.round(n) : n;
  }
  return out as unknown as StatsThresholds;
}

/** The workshop's thresholds: its settings where set, the defaults elsewhere. */
export function readStatsThresholds(doc: Y.Doc): StatsThresholds {
  return readStatsThresholdsValue(metaMap(doc).get("statsThresholds"));
}

/**
 * Only the thresholds the facilitator has set (for the archive, which should not turn today's defaults into
 * settings that would outlive a change of the defaults).
 */
export function readStatsThresholdSettings(doc: Y.Doc): Partial<StatsThresholds> {
  const rec = asRecord(metaMap(doc).get("statsThresholds"));
  if (!rec) return {};
  const all = readStatsThresholdsValue(rec);
  const out: Partial<Record<keyof StatsThresholds, number>> = {};
  for (const key of KEYS) if (typeof rec[key] === "number" && Number.isFinite(rec[key])) out[key] = all[key];
  return out;
}

/** Sets thresholds (clamped to their ranges); `null` for one returns it to its default. */
export function setStatsThresholds(
  doc: Y.Doc,
  patch: Partial<Record<keyof StatsThresholds, number | null>>,
): void {
  const meta = metaMap(doc);
  doc.transact(() => {
    let map = meta.get("statsThresholds");
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      meta.set("statsThresholds", map);
    }
    const m = map as Y.Map<unknown>;
    for (const key of KEYS) {
      const v = patch[key];
      if (v === undefined) continue;
      if (v === null || !Number.isFinite(v)) {
        m.delete(key);
        continue;
      }
      const [min, max] = STATS_THRESHOLD_RANGES[key];
      const n = Math.min(max, Math.max(min, v));
      m.set(key, key === "minPeople" ? Math.round(n) : n);
    }
  });
}
