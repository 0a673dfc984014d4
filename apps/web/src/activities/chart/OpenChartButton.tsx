/**
 * The compare view's "Open chart" button on an aspect: finds or creates the pros, cons and implications
 * chart about it (`openChartForAspect`, or `openChartForText` for a note a group wrote itself) and hands the
 * chart's activity id to the caller, which shows it.
 */

import { openChartForAspect, openChartForText } from "@continuum/model";
import type { ActivityId, AspectId } from "@continuum/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";

export interface OpenChartButtonProps {
  workshopDoc: Y.Doc;
  scaleActivityId: ActivityId;
  /** The prepared aspect, or null for a note the group wrote itself. */
  aspectId: AspectId | null;
  /** The aspect's or note's wording (the chart is about it; also the button's accessible name). */
  text: string;
  /** Called with the chart's activity id, e.g. to make it current or navigate to it. */
  onOpen(chartActivityId: ActivityId): void;
}

export function OpenChartButton({
  workshopDoc,
  scaleActivityId,
  aspectId,
  text,
  onOpen,
}: OpenChartButtonProps) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const open = () => {
    try {
      const id = aspectId
        ? openChartForAspect(workshopDoc, scaleActivityId, aspectId)
        : openChartForText(workshopDoc, scaleActivityId, text);
      setError(null);
      onOpen(id);
    } catch {
      setError(t("run.aspectGone"));
    }
  };
  return (
    <>
      <button type="button" className="btn small" aria-label={t("forms.chartLabel", { text })} onClick={open}>
        {t("forms.chart")}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
