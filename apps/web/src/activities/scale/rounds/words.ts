/** What each round is called and what it asks of people, in plain language (one place, for every screen). */
import type { Round } from "@continuum/model";

export const roundName = (r: Round): string =>
  r === "individual" ? "individual round" : r === "second" ? "second round" : "group round";

/** The participant's instruction for the round they are in. */
export const roundInstruction = (r: Round, groupName: string | null): string =>
  r === "individual"
    ? "On your own: place each aspect where you think it belongs. Nobody else sees this until the facilitator shares it."
    : r === "second"
      ? `Second round: you have seen the other groups. ${groupName ? `${groupName} may` : "Your group may"} move your notes again, or leave them where they are.`
      : `Group round: place the aspects together with ${groupName ?? "your group"}.`;
