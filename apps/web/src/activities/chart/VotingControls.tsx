/**
 * The facilitator's dot-voting controls for a chart or board: open a vote with a budget of dots per person,
 * close it, reveal or hide the counts, clear the dots for a fresh round. The vote's state is in the workshop
 * document (only the facilitator writes it); the dots are in the chart document (see docs/architecture.md
 * for what "hidden" means there).
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../../i18n/facilitatorWords.ts";
import { clearVotes, MAX_VOTING_BUDGET, setVoting } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useWorkshopValue } from "../../sync/useDocStore.ts";
import { ConfirmButton } from "../../ui/ConfirmButton.tsx";
import { chartStore, useVotes } from "./store.ts";
import "./chart.css";

export interface VotingControlsProps {
  workshopDoc: Y.Doc;
  chartDoc: Y.Doc;
  activityId: ActivityId;
}

export function VotingControls({ workshopDoc, chartDoc, activityId }: VotingControlsProps) {
  const activity = useWorkshopValue(workshopDoc, (w) => w.activities.find((a) => a.id === activityId));
  const voting = activity && activity.kind !== "scale" ? activity.voting : null;
  const votes = useVotes(chartStore(chartDoc), "facilitator", voting?.budget ?? 1);
  const [budget, setBudget] = useState<string | null>(null);
  const budgetId = useId();
  const { t } = useTranslation();
  if (!activity || !voting) return null;
  const total = votes.placed;
  const chosen = Number.parseInt(budget ?? String(voting.budget), 10);
  const validBudget = Number.isInteger(chosen) && chosen >= 1 && chosen <= MAX_VOTING_BUDGET;

  return (
    <section className="voting-controls panel" aria-label={t("voting.label", { title: activity.title })}>
      <h3>{t("voting.heading")}</h3>
      <p role="status">
        {voting.open ? t("voting.open") : t("voting.closed")}{" "}
        {voting.revealed ? t("voting.everyoneSees") : t("voting.hidden")}{" "}
        {t("voting.placedBy", {
          dots: t("results.dots", { count: total }),
          people: t("voting.people", { count: votes.voters }),
        })}
      </p>
      <div className="actions">
        <label className="field" htmlFor={budgetId}>
          {t("voting.perPerson")}
          <input
            id={budgetId}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_VOTING_BUDGET}
            value={budget ?? String(voting.budget)}
            onChange={(e) => setBudget(e.target.value)}
            onBlur={() => {
              if (validBudget && chosen !== voting.budget)
                setVoting(workshopDoc, activityId, { budget: chosen });
            }}
          />
        </label>
      </div>
      <div className="actions">
        {voting.open ? (
          <button
            type="button"
            className="btn"
            onClick={() => setVoting(workshopDoc, activityId, { open: false })}
          >
            {t("voting.close")}
          </button>
        ) : (
          <button
            type="button"
            className="btn primary"
            disabled={!validBudget}
            onClick={() => setVoting(workshopDoc, activityId, { open: true, budget: chosen })}
          >
            {t("voting.openIt")}
          </button>
        )}
        <button
          type="button"
          className="btn"
          aria-pressed={voting.revealed}
          onClick={() => setVoting(workshopDoc, activityId, { revealed: !voting.revealed })}
        >
          {voting.revealed ? t("voting.hideCounts") : t("voting.showCounts")}
        </button>
        <ConfirmButton
          confirm={t("voting.removeAll")}
          keep={t("voting.keep")}
          disabled={total === 0}
          resetOnConfirm
          onConfirm={() => {
            // Dots from before ballots are in the chart; each person's are in their ballot, which the
            // server empties when the next round starts.
            clearVotes(chartDoc);
            setVoting(workshopDoc, activityId, { round: (voting.round ?? 0) + 1 });
          }}
        >
          {t("voting.clear")}
        </ConfirmButton>
      </div>
    </section>
  );
}
