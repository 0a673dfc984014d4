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
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";

/** The settings, each named in the catalogue under `flags.<key>`. */
const FIELDS: readonly (keyof StatsThresholds)[] = [
  "agreeWithin",
  "differBy",
  "middleBand",
  "wideSpread",
  "minPeople",
  "movedBy",
];

export function FlagSettings({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const id = useId();
  const now = readStatsThresholds(workshopDoc);
  const { t } = useTranslation();
  return (
    <details className="flag-settings">
      <summary>{t("flags.summary")}</summary>
      <p className="hint">{t("flags.hint")}</p>
      <div className="flag-fields">
        {FIELDS.map((key) => {
          const [min, max] = STATS_THRESHOLD_RANGES[key];
          return (
            <label key={key} className="field" htmlFor={`${id}-${key}`}>
              <span>
                {t("flags.field", {
                  label: t(`flags.${key}`),
                  now: now[key],
                  normally: DEFAULT_STATS_THRESHOLDS[key],
                })}
              </span>
              <input
                id={`${id}-${key}`}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                step={1}
                defaultValue={now[key]}
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
            Object.fromEntries(FIELDS.map((f) => [f, null])) as Record<keyof StatsThresholds, null>,
          );
        }}
      >
        {t("flags.reset")}
      </button>
    </details>
  );
}
