/** What each round is called and what it asks of people, in plain language (one place, for every screen). */
import type { Round } from "@continuum/model";
import { i18n } from "../../../i18n/i18n.ts";

export const roundName = (r: Round): string => i18n.t(`rounds.name.${r}`);

/** The banner's heading for a round. */
export const roundTitle = (r: Round): string => i18n.t(`rounds.title.${r}`);

/** The participant's instruction for the round they are in (under the round's name). */
export const roundInstruction = (r: Round, groupName: string | null): string =>
  r === "individual"
    ? i18n.t("rounds.instruction.individual")
    : r === "second"
      ? i18n.t("rounds.instruction.second", { group: groupName ?? i18n.t("rounds.yourGroup") })
      : i18n.t("rounds.instruction.group", { group: groupName ?? i18n.t("rounds.yourGroupLower") });

/** What the facilitator and the room's screen read for a round. */
export const roundOverview = (r: Round): string => i18n.t(`rounds.overview.${r}`);
