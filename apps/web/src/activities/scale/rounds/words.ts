/** What each round is called and what it asks of people, in plain language (one place, for every screen). */
import type { Round } from "@continuum/model";

export const roundName = (r: Round): string =>
  r === "individual" ? "individual round" : r === "second" ? "second round" : "group round";

/** The banner's heading for a round. */
export const roundTitle = (r: Round): string =>
  r === "individual" ? "Individual round" : r === "second" ? "Second round" : "Group round";

/** The participant's instruction for the round they are in (under the round's name). */
export const roundInstruction = (r: Round, groupName: string | null): string =>
  r === "individual"
    ? "On your own: place each aspect where you think it belongs. Nobody else sees this until the facilitator shares it."
    : r === "second"
      ? `You have seen the other groups. ${groupName ?? "Your group"} may move your notes again, or leave them where they are.`
      : `Place the aspects together with ${groupName ?? "your group"}.`;

/** What the facilitator and the room's screen read for a round. */
export const roundOverview = (r: Round): string =>
  r === "individual"
    ? "Each person places the aspects on a scale of their own. Nobody else sees them until the individual placements are shown."
    : r === "second"
      ? "Groups may move their notes again, having seen the others. Round 1's positions are kept."
      : "Each group places the aspects on its own scale.";
