/**
 * The cockpit's agenda rail: every activity a tap away (tapping one shows it to the facilitator; the bar
 * then offers to bring everyone there), the current one marked, and each group's progress: how many people
 * are here and, on a scale, how many of the prepared aspects the group has placed.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import { type Activity, hasRounds, readRounds, type Workshop } from "@continuum/model";
import { type ActivityId, laneDocName } from "@continuum/protocol";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { laneStore } from "../activities/scale/laneStore.ts";
import { findOpenConnection, subscribeAllConnections } from "../sync/connection.ts";
import type { Person } from "../sync/presence.ts";

export function AgendaRail({
  doc,
  workshop,
  shown,
  people,
  onLook,
  children,
}: {
  doc: Y.Doc;
  workshop: Workshop;
  shown: Activity | null;
  people: readonly Person[];
  onLook(id: ActivityId): void;
  children?: ReactNode;
}) {
  const current = workshop.control.currentActivity;
  const { t } = useTranslation();
  return (
    <nav className="cockpit-rail" aria-label={t("agenda.heading")}>
      <h2>{t("agenda.heading")}</h2>
      {workshop.activities.length === 0 ? <p className="hint">{t("rail.none")}</p> : null}
      <ol className="rail-list">
        {workshop.activities.map((a, i) => {
          const isCurrent = a.id === current;
          const isShown = a.id === shown?.id;
          return (
            <li key={a.id} aria-current={isCurrent ? "step" : undefined}>
              <button
                type="button"
                className={`rail-item${isShown ? " is-shown" : ""}${isCurrent ? " is-current" : ""}`}
                aria-pressed={isShown}
                onClick={() => onLook(a.id)}
              >
                <span className="rail-number">{i + 1}.</span>
                <span className="rail-title">{a.title || t("agenda.untitled")}</span>
                {isCurrent ? <span className="badge">{t("rail.now")}</span> : null}
                {workshop.control.locked[a.id] === true ? (
                  <span className="badge">{t("agenda.badge.locked")}</span>
                ) : null}
                {a.kind === "scale" ? <RoundBadge doc={doc} activityId={a.id} /> : null}
              </button>
            </li>
          );
        })}
      </ol>
      <Progress workshop={workshop} activity={shown} people={people} />
      {children}
    </nav>
  );
}

function Progress({
  workshop,
  activity,
  people,
}: {
  workshop: Workshop;
  activity: Activity | null;
  people: readonly Person[];
}) {
  const placed = usePlacedAspects(workshop, activity);
  const here = people.filter((p) => p.here && p.role === "participant");
  const aspects = activity?.kind === "scale" ? activity.aspects.length : 0;
  const { t } = useTranslation();
  return (
    <section className="rail-progress" aria-labelledby="progress-title">
      <h3 id="progress-title">{t("rail.progress")}</h3>
      <ul>
        {workshop.groups.map((g) => {
          const n = here.filter((p) => p.group === g.id).length;
          const p = placed.get(g.id);
          return (
            <li key={g.id}>
              <span className={`swatch colour-${g.colour}`} aria-hidden="true" />
              <span>
                <strong>{g.name}</strong>: {t("rail.here", { count: n })}
                {aspects > 0 && p !== undefined ? t("rail.placed", { placed: p, count: aspects }) : ""}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * How many prepared aspects each group has placed on the scale shown, read from the lanes the board has
 * open already (the facilitator's board opens every lane), so progress costs no connection of its own.
 */
function usePlacedAspects(workshop: Workshop, activity: Activity | null): Map<string, number> {
  const [, tick] = useState(0);
  const workshopId = workshop.meta.id;
  const scaleId = activity?.kind === "scale" ? activity.id : null;
  const groupIds = workshop.groups.map((g) => g.id).join(",");
  useEffect(() => {
    if (!workshopId || !scaleId) return;
    const bump = () => tick((t) => t + 1);
    let offs: (() => void)[] = [];
    const watch = () => {
      for (const off of offs) off();
      offs = [];
      for (const g of groupIds.split(",")) {
        const conn = findOpenConnection(laneDocName(workshopId, scaleId, g as never));
        if (conn) offs.push(laneStore(conn.doc).subscribe(bump));
      }
      bump();
    };
    watch();
    const offRegistry = subscribeAllConnections(watch);
    return () => {
      offRegistry();
      for (const off of offs) off();
    };
  }, [workshopId, scaleId, groupIds]);
  const counts = new Map<string, number>();
  if (!workshopId || !scaleId) return counts;
  for (const g of workshop.groups) {
    const conn = findOpenConnection(laneDocName(workshopId, scaleId, g.id));
    if (!conn) continue;
    counts.set(
      g.id,
      laneStore(conn.doc)
        .getState()
        .all.filter((n) => n.aspectId).length,
    );
  }
  return counts;
}

/** A scale run in rounds says which round it is in, so the agenda shows the plan (issue 14). */
function RoundBadge({ doc, activityId }: { doc: Y.Doc; activityId: ActivityId }) {
  const rounds = readRounds(doc, activityId);
  const { t } = useTranslation();
  if (!hasRounds(rounds)) return null;
  const label =
    rounds.round === "individual"
      ? t("rail.ownRound")
      : rounds.round === "second"
        ? t("rail.round2")
        : t("rail.inRounds");
  return <span className="badge">{label}</span>;
}
