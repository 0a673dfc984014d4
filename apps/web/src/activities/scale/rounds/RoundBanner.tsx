/** Says plainly which round a scale activity is in and what to do, when the activity uses rounds. */
import { hasRounds, type Rounds } from "@continuum/model";
import { roundInstruction, roundOverview, roundTitle } from "./words.ts";
import "./rounds.css";

export function RoundBanner({
  rounds,
  role,
  groupName,
}: {
  rounds: Rounds;
  role: "facilitator" | "participant" | "observer";
  groupName: string | null;
}) {
  if (!hasRounds(rounds)) return null;
  return (
    <div className="round-banner" role="status">
      <strong>{roundTitle(rounds.round)}</strong>
      {role === "participant" ? roundInstruction(rounds.round, groupName) : roundOverview(rounds.round)}
    </div>
  );
}
