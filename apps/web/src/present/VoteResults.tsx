/**
 * The vote results of a chart or prompt board on the room's screen: every note with its dots, most dots
 * first, each with its column and group in words. Shown only once the facilitator has revealed the counts
 * (until then the screen says so), the same rule participants' boards follow.
 */

import type { Activity } from "@continuum/model";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { chartStore, useVotes } from "../activities/chart/store.ts";
import { useEntries, useWorkshopValue } from "../sync/useDocStore.ts";

export function VoteResults({
  workshopDoc,
  chartDoc,
  activity,
}: {
  workshopDoc: Y.Doc;
  chartDoc: Y.Doc;
  activity: Activity;
}) {
  const chart = chartStore(chartDoc);
  const notes = useEntries(chart.notes);
  const budget = activity.kind === "scale" ? 1 : activity.voting.budget;
  const votes = useVotes(chart, "room-screen", budget);
  const groups = useWorkshopValue(workshopDoc, (w) => w.groups);
  const { t } = useTranslation();
  if (activity.kind === "scale") return null;
  const columns = new Map(activity.columns.map((c) => [c.id, c.title]));
  const ranked = notes
    .map((n, i) => ({ n, i, dots: votes.counts.get(n.id) ?? 0 }))
    .sort((a, b) => b.dots - a.dots || a.i - b.i);
  const most = Math.max(1, ...ranked.map((r) => r.dots));
  return (
    <section className="vote-results" aria-labelledby="results-title">
      <h1 id="results-title">{t("present.voteResults", { title: activity.title })}</h1>
      {activity.kind === "chart" && activity.about.text ? (
        <p className="results-about">{t("present.about", { text: activity.about.text })}</p>
      ) : null}
      {!activity.voting.revealed ? (
        <p className="results-hidden">{t("present.countsSoon")}</p>
      ) : ranked.length === 0 ? (
        <p className="results-hidden">{t("present.noNotes")}</p>
      ) : (
        <ol className="results-list">
          {ranked.map(({ n, dots }) => {
            const group = groups.find((g) => g.id === n.groupId);
            return (
              <li key={n.id} className="results-row">
                <span className="results-count">
                  {dots} <span className="sr-only">{t("present.dots", { count: dots })}</span>
                </span>
                <span className="results-bar" aria-hidden="true">
                  <span style={{ width: `${(dots / most) * 100}%` }} />
                </span>
                <span className="results-text">
                  {n.text || t("present.emptyNote")}
                  <span className="results-where">
                    {columns.get(n.columnId) ?? t("present.noColumn")}
                    {group ? ` · ${group.name}` : ""}
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <p className="results-total">{t("present.voted", { count: votes.voters })}</p>
    </section>
  );
}
