/**
 * "Replay the discussion" in the comparison: opened on request (the moves are fetched then, so a comparison
 * on a slow connection costs nothing until someone asks), with a button to load the latest moves again.
 */

import type { Group, ScaleActivity } from "@continuum/model";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Replay } from "./Replay.tsx";
import { useMoves } from "./useMoves.ts";

export function CompareReplay({
  activity,
  groups,
  workshopId,
  token,
}: {
  activity: ScaleActivity;
  /** Every group of the workshop, in order; the replay shows those the server gave moves for. */
  groups: readonly Group[];
  workshopId: string;
  token: string;
}) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  const { t } = useTranslation();
  const { state, reload } = useMoves(open, workshopId, activity.id, token);
  return (
    <section className="compare-replay" aria-labelledby={`${panel}-title`}>
      <h4 id={`${panel}-title`} className="sr-only">
        {t("replay.heading")}
      </h4>
      <div className="actions">
        <button
          type="button"
          className="btn"
          aria-expanded={open}
          aria-controls={panel}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t("replay.hide") : t("replay.heading")}
        </button>
        {open ? (
          <button type="button" className="btn" onClick={reload}>
            {t("replay.latest")}
          </button>
        ) : null}
      </div>
      <div id={panel} hidden={!open}>
        {!open ? null : state.status === "loading" ? (
          <p className="hint" role="status">
            {t("replay.loading")}
          </p>
        ) : state.status === "error" ? (
          <p className="error" role="alert">
            {state.message}
          </p>
        ) : (
          <Replay
            moves={state.moves}
            groups={groups.filter((g) => state.groups.includes(g.id))}
            labels={{ left: activity.leftLabel, right: activity.rightLabel }}
          />
        )}
      </div>
    </section>
  );
}
