/**
 * What the comparison draws for each aspect about rounds: the individual placements (the facilitator sees
 * them live from everyone's own scale; everyone else once revealed, from the summary the reveal wrote) and
 * the movement since round 1. Undefined when the activity has no rounds, so Compare is as before.
 */
import {
  hasRounds,
  readRounds,
  readStatsThresholds,
  type ScaleActivity,
  type Workshop,
} from "@continuum/model";
import type { AspectId } from "@continuum/protocol";
import type { ReactNode } from "react";
import type * as Y from "yjs";
import type { Session } from "../../../session.ts";
import { RowRounds } from "./RowRounds.tsx";
import { useLiveSoloSummary } from "./solo.ts";

export type RowExtra = (row: { aspectId: AspectId; positions: RowRoundsPositions }) => ReactNode;
type RowRoundsPositions = Parameters<typeof RowRounds>[0]["positions"];

export function useRowRounds(
  workshopDoc: Y.Doc,
  workshop: Workshop,
  activity: ScaleActivity,
  session: Session,
  /** The comparison is on screen: only then does the facilitator's device open everyone's own scale. */
  comparing: boolean,
): RowExtra | undefined {
  const rounds = readRounds(workshopDoc, activity.id);
  const live = useLiveSoloSummary(
    comparing && session.role === "facilitator" && rounds.individualRound,
    session.workshopId,
    activity.id,
    session.token,
  );
  if (!hasRounds(rounds)) return undefined;
  const solo =
    session.role === "facilitator"
      ? (live ?? rounds.soloSummary)
      : rounds.soloRevealed
        ? rounds.soloSummary
        : null;
  const thresholds = readStatsThresholds(workshopDoc);
  return (row) => (
    <RowRounds
      aspectId={row.aspectId}
      positions={row.positions}
      groups={workshop.groups}
      rounds={rounds}
      solo={solo}
      labels={{ left: activity.leftLabel, right: activity.rightLabel }}
      thresholds={thresholds}
    />
  );
}
