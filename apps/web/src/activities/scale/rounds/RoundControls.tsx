/**
 * The facilitator's round controls for a scale activity (issue 14), under the run bar: an optional
 * individual round first, the group round (from an empty scale or from each group's median), revealing the
 * individual placements, and an optional second round that keeps round 1's positions. A workshop that never
 * uses them works as before.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../../../i18n/facilitatorWords.ts";
import {
  listNotes,
  readRounds,
  type ScaleActivity,
  seedLaneFromMedians,
  setSoloRevealed,
  startGroupRound,
  startIndividualRound,
  startSecondRound,
  summariseSolo,
  type Workshop,
} from "@continuum/model";
import { type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { Session } from "../../../session.ts";
import { openDocConnection, synced } from "../../../sync/hooks.ts";
import { readAllSolos } from "./solo.ts";
import { roundName } from "./words.ts";
import "./rounds.css";

/** Opens each group's lane, runs `fn` on the synced documents, and closes them. */
async function withLanes<T>(
  session: Session,
  workshop: Workshop,
  activity: ScaleActivity,
  fn: (lanes: { groupId: GroupId; doc: Y.Doc }[]) => T,
): Promise<T> {
  const conns = workshop.groups.map((g) => ({
    groupId: g.id,
    conn: openDocConnection(
      laneDocName(session.workshopId as WorkshopId, activity.id, g.id),
      session.token,
      "facilitator",
      true,
    ),
  }));
  try {
    await Promise.all(conns.map((c) => synced(c.conn)));
    return fn(conns.map((c) => ({ groupId: c.groupId, doc: c.conn.doc })));
  } finally {
    for (const c of conns) c.conn.destroy();
  }
}

export function RoundControls({
  doc,
  workshop,
  activity,
  session,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  activity: ScaleActivity;
  session: Session;
}) {
  const rounds = readRounds(doc, activity.id);
  const [said, say] = useState("");
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const run = (what: () => Promise<string>) => {
    setBusy(true);
    what()
      .then(say, () => say(t("rounds.failed")))
      .finally(() => setBusy(false));
  };

  const toGroupRound = (from: "empty" | "median") =>
    run(async () => {
      if (from === "median") {
        const people = await readAllSolos(session.workshopId, activity.id, session.token);
        const summary = summariseSolo(people);
        const placed = await withLanes(session, workshop, activity, (lanes) =>
          lanes.reduce((n, lane) => {
            const colour = workshop.groups.find((g) => g.id === lane.groupId)?.colour;
            return (
              n +
              seedLaneFromMedians(lane.doc, activity, summary[lane.groupId] ?? {}, {
                author: t("start.facilitator"),
                ...(colour ? { colour } : {}),
              })
            );
          }, 0),
        );
        startGroupRound(doc, activity.id, "median");
        return t("rounds.startedMedian", { count: placed });
      }
      startGroupRound(doc, activity.id, "empty");
      return t("rounds.startedEmpty");
    });

  const reveal = (on: boolean) =>
    run(async () => {
      if (!on) {
        setSoloRevealed(doc, activity.id, null);
        return t("rounds.hiddenAgain");
      }
      const people = await readAllSolos(session.workshopId, activity.id, session.token);
      setSoloRevealed(doc, activity.id, summariseSolo(people));
      return t("rounds.shown", { count: people.length });
    });

  const secondRound = () =>
    run(async () => {
      const lanes = await withLanes(session, workshop, activity, (ls) =>
        ls.map((l) => ({ groupId: l.groupId, notes: listNotes(l.doc) })),
      );
      startSecondRound(doc, activity.id, lanes);
      return t("rounds.secondStarted");
    });

  return (
    <section className="round-controls" aria-labelledby="round-controls-title">
      <h2 id="round-controls-title" className="round-title">
        {t("rounds.heading")}{" "}
        <span className="round-now">{t("rounds.now", { round: roundName(rounds.round) })}</span>
      </h2>
      <div className="round-buttons">
        {rounds.round === "group" && !rounds.individualRound && !rounds.round1 ? (
          <button type="button" className="btn small" disabled={busy} onClick={() => startIndividual()}>
            {t("rounds.startIndividual")}
          </button>
        ) : null}
        {rounds.round === "individual" ? (
          <>
            <button
              type="button"
              className="btn small primary"
              disabled={busy}
              onClick={() => toGroupRound("empty")}
            >
              {t("rounds.startGroupEmpty")}
            </button>
            <button
              type="button"
              className="btn small"
              disabled={busy}
              onClick={() => toGroupRound("median")}
            >
              {t("rounds.startGroupMedian")}
            </button>
          </>
        ) : null}
        {rounds.individualRound && rounds.round !== "individual" ? (
          <button
            type="button"
            className="btn small"
            aria-pressed={rounds.soloRevealed}
            disabled={busy}
            onClick={() => reveal(!rounds.soloRevealed)}
          >
            {rounds.soloRevealed ? t("rounds.hide") : t("rounds.show")}
          </button>
        ) : null}
        {rounds.round === "group" ? (
          <button type="button" className="btn small" disabled={busy} onClick={secondRound}>
            {t("rounds.startSecond")}
          </button>
        ) : null}
        {rounds.round === "second" ? <p className="hint">{t("rounds.kept")}</p> : null}
      </div>
      <p className="bar-status" role="status">
        {said}
      </p>
    </section>
  );

  function startIndividual() {
    startIndividualRound(doc, activity.id);
    say(t("rounds.individualStarted"));
  }
}
