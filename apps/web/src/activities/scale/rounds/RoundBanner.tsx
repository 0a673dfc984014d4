/** Says plainly which round a scale activity is in and what to do, when the activity uses rounds. */
import { hasRounds, type Rounds } from "@continuum/model";
import { roundInstruction } from "./words.ts";
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
  const text =
    role === "participant"
      ? roundInstruction(rounds.round, groupName)
      : rounds.round === "individual"
        ? "Individual round: each person places the aspects on a scale of their own. Only you see their scales until you show the individual placements."
        : rounds.round === "second"
          ? "Second round: groups may move their notes again, having seen the others. Round 1's positions are kept."
          : "Group round: each group places the aspects on its own scale.";
  const title =
    rounds.round === "individual"
      ? "Individual round"
      : rounds.round === "second"
        ? "Second round"
        : "Group round";
  return (
    <div className="round-banner" role="status">
      <strong>{title}</strong>
      {text}
    </div>
  );
}
