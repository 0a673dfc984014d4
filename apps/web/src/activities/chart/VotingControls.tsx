/**
 * The facilitator's dot-voting controls for a chart or board: open a vote with a budget of dots per person,
 * close it, reveal or hide the counts, clear the dots for a fresh round. The vote's state is in the workshop
 * document (only the facilitator writes it); the dots are in the chart document (see docs/architecture.md
 * for what "hidden" means there).
 */
import { clearVotes, MAX_VOTING_BUDGET, setVoting } from "@continuum/model";
import type { ActivityId } from "@continuum/protocol";
import { useId, useState } from "react";
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
  if (!activity || !voting) return null;
  const total = votes.placed;
  const chosen = Number.parseInt(budget ?? String(voting.budget), 10);
  const validBudget = Number.isInteger(chosen) && chosen >= 1 && chosen <= MAX_VOTING_BUDGET;

  return (
    <section className="voting-controls panel" aria-label={`Dot voting on ${activity.title}`}>
      <h3>Dot voting</h3>
      <p role="status">
        {voting.open ? "Voting is open. " : "Voting is closed. "}
        {voting.revealed ? "Everyone sees the counts. " : "Counts are hidden from participants. "}
        {`${total} ${total === 1 ? "dot" : "dots"} placed by ${votes.voters} ${votes.voters === 1 ? "person" : "people"}.`}
      </p>
      <div className="actions">
        <label className="field" htmlFor={budgetId}>
          Dots per person
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
            Close voting
          </button>
        ) : (
          <button
            type="button"
            className="btn primary"
            disabled={!validBudget}
            onClick={() => setVoting(workshopDoc, activityId, { open: true, budget: chosen })}
          >
            Open voting
          </button>
        )}
        <button
          type="button"
          className="btn"
          aria-pressed={voting.revealed}
          onClick={() => setVoting(workshopDoc, activityId, { revealed: !voting.revealed })}
        >
          {voting.revealed ? "Hide counts" : "Show counts"}
        </button>
        <ConfirmButton
          confirm="Remove every dot"
          keep="Keep the dots"
          disabled={total === 0}
          resetOnConfirm
          onConfirm={() => {
            // Dots from before ballots are in the chart; each person's are in their ballot, which the
            // server empties when the next round starts.
            clearVotes(chartDoc);
            setVoting(workshopDoc, activityId, { round: (voting.round ?? 0) + 1 });
          }}
        >
          Clear dots
        </ConfirmButton>
      </div>
    </section>
  );
}
