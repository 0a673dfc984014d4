/**
 * The facilitator's settings of the plain-language flags (`statsSettings.ts`): how far apart two groups may
 * be and still "see this the same way", and so on. Workshop settings, kept in the workshop document; the
 * codebook states the values in force.
 */
import {
  DEFAULT_STATS_THRESHOLDS,
  readStatsThresholds,
  STATS_THRESHOLD_RANGES,
  type StatsThresholds,
  setStatsThresholds,
} from "@continuum/model";
import { useId } from "react";
import type * as Y from "yjs";

const FIELDS: { key: keyof StatsThresholds; label: string }[] = [
  { key: "agreeWithin", label: "Groups agree when their places are at most this many points apart" },
  { key: "differBy", label: "Groups lean different ways when at least this many points apart" },
  { key: "middleBand", label: "“In the middle” means within this many points of 50" },
  {
    key: "wideSpread",
    label: "A group did not agree among itself when the middle half of its people spans at least",
  },
  { key: "minPeople", label: "Judge a group's spread only with at least this many people" },
  {
    key: "movedBy",
    label: "A group moved an aspect when it moved it at least this many points between rounds",
  },
];

export function FlagSettings({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const id = useId();
  const t = readStatsThresholds(workshopDoc);
  return (
    <details className="flag-settings">
      <summary>How the sentences are decided</summary>
      <p className="hint">
        The sentences under each aspect follow these settings, for this workshop. The codebook in the exports
        states them.
      </p>
      <div className="flag-fields">
        {FIELDS.map(({ key, label }) => {
          const [min, max] = STATS_THRESHOLD_RANGES[key];
          return (
            <label key={key} className="field" htmlFor={`${id}-${key}`}>
              <span>
                {label} (now {t[key]}; normally {DEFAULT_STATS_THRESHOLDS[key]})
              </span>
              <input
                id={`${id}-${key}`}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                step={1}
                defaultValue={t[key]}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (e.target.value !== "" && Number.isFinite(n))
                    setStatsThresholds(workshopDoc, { [key]: n });
                }}
              />
            </label>
          );
        })}
      </div>
      <button
        type="button"
        className="btn small"
        onClick={() => {
          setStatsThresholds(
            workshopDoc,
            Object.fromEntries(FIELDS.map((f) => [f.key, null])) as Record<keyof StatsThresholds, null>,
          );
        }}
      >
        Back to the usual settings
      </button>
    </details>
  );
}
