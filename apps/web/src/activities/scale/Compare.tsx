import {
  aspectFlags,
  DEFAULT_STATS_THRESHOLDS,
  type Group,
  type ScaleActivity,
  type ScaleNote,
  type StatsThresholds,
} from "@continuum/model";
import type { ActivityId, AspectId } from "@continuum/protocol";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { DocConnection } from "../../sync/connection.ts";
import { OpenChartButton } from "../chart/OpenChartButton.tsx";
import { flagText } from "./flagWords.ts";
import { laneStore } from "./laneStore.ts";
import { AspectReasons } from "./reasons/AspectReasons.tsx";
import { FlagSettings } from "./reasons/FlagSettings.tsx";
import { reasonsStore } from "./reasons/reasonsStore.ts";
import { CompareReplay } from "./replay/CompareReplay.tsx";

export interface CompareRow {
  aspectId: AspectId;
  text: string;
  /** Each group's position, for the groups that placed this aspect. */
  positions: { group: Group; x: number }[];
  /** Largest minus smallest position; null when fewer than two groups placed it. */
  gap: number | null;
}

/** Every prepared aspect once, with each group's position, largest disagreement first. */
export function compareRows(
  activity: ScaleActivity,
  lanes: readonly { group: Group; notes: readonly ScaleNote[] }[],
): CompareRow[] {
  const rows = activity.aspects.map((aspect) => {
    const positions: { group: Group; x: number }[] = [];
    for (const lane of lanes) {
      const note = lane.notes.find((n) => n.aspectId === aspect.id);
      if (note) positions.push({ group: lane.group, x: Math.round(note.x) });
    }
    const xs = positions.map((p) => p.x);
    const gap = xs.length >= 2 ? Math.max(...xs) - Math.min(...xs) : null;
    return { aspectId: aspect.id, text: aspect.text, positions, gap };
  });
  // Stable sort: equal gaps keep the facilitator's order; aspects not yet compared go last.
  return rows.sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1));
}

/** Notes of several lanes, re-read whenever any of them changes. */
function useLanesNotes(lanes: readonly { group: Group; conn: DocConnection }[]) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const offs: (() => void)[] = [];
    const bump = () => setTick((t) => t + 1);
    for (const { conn } of lanes) {
      offs.push(conn.subscribe(bump));
      offs.push(laneStore(conn.doc).subscribe(bump));
      offs.push(reasonsStore(conn.doc).subscribe(bump));
    }
    return () => {
      for (const off of offs) off();
    };
  });
  return lanes.map(({ group, conn }) => ({
    group,
    notes: laneStore(conn.doc).getState().all,
    reasons: reasonsStore(conn.doc).get(),
  }));
}

export function Compare({
  activity,
  lanes,
  hiddenCount,
  openChart,
  rowExtra,
  anonymous = false,
  replay,
  thresholds = DEFAULT_STATS_THRESHOLDS,
}: {
  activity: ScaleActivity;
  lanes: readonly { group: Group; conn: DocConnection }[];
  hiddenCount: number;
  /** Drawn under each aspect's positions: the rounds' distributions, movement and flags (`rounds/`). */
  rowExtra?: ((row: CompareRow) => ReactNode) | undefined;
  /** The facilitator's: a "Chart pros and cons" button per aspect, which opens (or makes) its chart. */
  openChart?: { workshopDoc: Y.Doc; onOpen(chartActivityId: ActivityId): void } | undefined;
  /** An anonymous workshop: reasons show their group, never a name. */
  anonymous?: boolean;
  /** Where to ask for the moves of the replay (HIST-2); no replay without it. */
  replay?: { workshopId: string; token: string } | undefined;
  /** The workshop's thresholds for the plain-language flags (`readStatsThresholds`). */
  thresholds?: StatsThresholds;
}) {
  const notes = useLanesNotes(lanes);
  const rows = compareRows(activity, notes);
  const own = notes.flatMap(({ group, notes: ns }) =>
    ns.filter((n) => !n.aspectId).map((n) => ({ group, n })),
  );
  const initials = (g: Group) => initialsOf(g.name);
  const { t } = useTranslation();
  const groupName = (id: string | null) => notes.find((l) => l.group.id === id)?.group.name ?? "";
  return (
    <section className="compare" aria-labelledby="compare-title">
      <h3 id="compare-title">{t("run.compare")}</h3>
      {hiddenCount > 0 ? <p className="hint">{t("compare.hidden", { count: hiddenCount })}</p> : null}
      <p className="hint">{t("compare.hint")}</p>
      {openChart ? <FlagSettings workshopDoc={openChart.workshopDoc} /> : null}
      {replay ? (
        <CompareReplay
          activity={activity}
          groups={notes.map((l) => l.group)}
          workshopId={replay.workshopId}
          token={replay.token}
        />
      ) : null}
      <ol className="compare-rows">
        {rows.map((row) => (
          <li key={row.aspectId} className="compare-row">
            <div className="compare-head">
              <strong>{row.text}</strong>
              <span className="gap">
                {row.gap === null ? t("compare.noGap") : t("compare.gap", { gap: row.gap })}
              </span>
            </div>
            <div className="mini-scale" aria-hidden="true">
              <span className="mini-end left">{activity.leftLabel}</span>
              <div className="mini-rail">
                {row.positions.map((p) => (
                  <span
                    key={p.group.id}
                    className={`marker colour-${p.group.colour}`}
                    style={{ left: `${p.x}%` }}
                    title={p.group.name}
                  >
                    {initials(p.group)}
                  </span>
                ))}
              </div>
              <span className="mini-end right">{activity.rightLabel}</span>
            </div>
            <p className="positions">
              {row.positions.length === 0
                ? t("compare.nobody")
                : row.positions
                    .map((p) => t("results.position", { group: p.group.name, x: p.x }))
                    .join(" · ")}
            </p>
            {rowExtra ? (
              rowExtra(row)
            ) : (
              <RowFlags
                row={row}
                groups={notes.map((l) => l.group)}
                activity={activity}
                thresholds={thresholds}
              />
            )}
            <AspectReasons
              aspect={row.text}
              anonymous={anonymous}
              groupName={groupName}
              columns={notes.map((l) => {
                const note = l.notes.find((n) => n.aspectId === row.aspectId);
                return {
                  group: l.group,
                  position: note ? note.x : null,
                  reasons: note ? (l.reasons.get(note.id) ?? []) : [],
                };
              })}
            />
            {openChart ? (
              <div className="actions">
                <OpenChartButton
                  workshopDoc={openChart.workshopDoc}
                  scaleActivityId={activity.id}
                  aspectId={row.aspectId}
                  text={row.text}
                  onOpen={openChart.onOpen}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {own.length > 0 ? (
        <>
          <h4>{t("results.own")}</h4>
          <ul className="own-notes">
            {own.map(({ group, n }) => (
              <li key={`${group.id}-${n.id}`}>
                {t("compare.ownNote", { text: n.text, group: group.name, x: Math.round(n.x) })}
                {openChart && n.text.trim() ? (
                  <>
                    {" "}
                    <OpenChartButton
                      workshopDoc={openChart.workshopDoc}
                      scaleActivityId={activity.id}
                      aspectId={null}
                      text={n.text}
                      onOpen={openChart.onOpen}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * The plain-language flags of an aspect when the activity has no rounds (with rounds, `rowExtra` draws them
 * with the spreads and movement): how the groups' positions compare, by the workshop's thresholds.
 */
function RowFlags({
  row,
  groups,
  activity,
  thresholds = DEFAULT_STATS_THRESHOLDS,
}: {
  row: CompareRow;
  groups: readonly Group[];
  activity: ScaleActivity;
  thresholds?: StatsThresholds;
}) {
  const flags = aspectFlags(
    groups.map((g) => ({
      groupId: g.id,
      name: g.name,
      position: row.positions.find((p) => p.group.id === g.id)?.x ?? null,
    })),
    thresholds,
  );
  if (flags.length === 0) return null;
  const labels = { left: activity.leftLabel, right: activity.rightLabel };
  return (
    <ul className="row-flags">
      {flags.map((f) => (
        <li key={f.kind + f.groupIds.join()}>{flagText(f, labels)}</li>
      ))}
    </ul>
  );
}

/** "Link workers" -> "LW": the marker's visible label, so groups differ by text, not only by colour. */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words.map((w) => w[0]).join("") : name.slice(0, 2)).slice(0, 3).toUpperCase();
}
