/**
 * One aspect's rounds in the comparison: for each group, the spread of its members' individual placements
 * (a box from the first to the third quartile, a line at the median, a dot per person; R type 7 as in the
 * exports), how far the group moved since round 1, and the plain-language flags of stats.ts. Drawn only
 * where there was an individual round or a second round, so a comparison without rounds is as before.
 */

import {
  aspectFlags,
  type Group,
  movement,
  noteIdForAspect,
  type Rounds,
  type SoloSummary,
  type StatsThresholds,
  summarise,
} from "@continuum/model";
import type { AspectId } from "@continuum/protocol";
import { useTranslation } from "react-i18next";
import "./distribution.css";
import { flagText } from "../flagWords.ts";

export interface RowRoundsProps {
  aspectId: AspectId;
  /** Each group's position now (the group round, or the second round). */
  positions: readonly { group: Group; x: number }[];
  groups: readonly Group[];
  rounds: Rounds;
  /** The individual placements to draw: the revealed summary, or the facilitator's live one. */
  solo: SoloSummary | null;
  labels: { left: string; right: string };
  thresholds: StatsThresholds;
}

const fmt = (n: number) => String(Math.round(n));

/** A dot per placement, every third one a row lower, so people at the same place are told apart. */
const dotsOf = (xs: readonly number[]) =>
  xs.map((x, n) => ({ key: `dot${n}`, x, top: 0.35 + (n % 3) * 0.45 }));

export function RowRounds({ aspectId, positions, groups, rounds, solo, labels, thresholds }: RowRoundsProps) {
  const noteId = noteIdForAspect(aspectId);
  const { t } = useTranslation();
  const rows = groups.map((group) => {
    const individual = solo?.[group.id]?.[aspectId] ?? [];
    const position = positions.find((p) => p.group.id === group.id)?.x ?? null;
    const before = rounds.round1?.lanes[group.id]?.[noteId];
    return { group, individual, position, previous: typeof before === "number" ? before : null };
  });
  const hasSolo = rows.some((r) => r.individual.length > 0);
  const hasMoves = rounds.round1 !== null;
  if (!hasSolo && !hasMoves) return null;
  const flags = aspectFlags(
    rows.map((r) => ({
      groupId: r.group.id,
      name: r.group.name,
      position: r.position,
      individual: r.individual,
      ...(hasMoves ? { previous: r.previous } : {}),
    })),
    thresholds,
  );
  return (
    <div className="row-rounds">
      {hasSolo ? (
        <div className="dists">
          {rows.map(({ group, individual }) => {
            const s = summarise(individual);
            if (!s) return null;
            return (
              <div key={group.id} className="dist">
                <span className="dist-name">{t("rounds.eachPerson", { group: group.name })}</span>
                <div className="dist-rail" aria-hidden="true">
                  <span
                    className={`dist-box colour-${group.colour}`}
                    style={{ left: `${s.q1}%`, width: `${Math.max(s.iqr, 0.5)}%` }}
                  />
                  <span className="dist-median" style={{ left: `${s.median}%` }} />
                  {/* Several people at one place are drawn a little apart, so each one shows. */}
                  {dotsOf(individual).map((d) => (
                    <span key={d.key} className="dist-dot" style={{ left: `${d.x}%`, top: `${d.top}rem` }} />
                  ))}
                </div>
                <span className="dist-text">
                  {t("rounds.dist", {
                    count: s.n,
                    median: fmt(s.median),
                    q1: fmt(s.q1),
                    q3: fmt(s.q3),
                    iqr: fmt(s.iqr),
                  })}
                </span>
              </div>
            );
          })}
        </div>
      ) : null}
      {hasMoves ? (
        <p className="moves">
          {rows
            .map(({ group, position, previous }) => {
              const m = movement(previous, position);
              if (!m) return null;
              return m.distance < 1
                ? t("rounds.stayed", { group: group.name, from: fmt(m.from), to: fmt(m.to) })
                : t("rounds.movedTowards", {
                    group: group.name,
                    from: fmt(m.from),
                    to: fmt(m.to),
                    distance: fmt(m.distance),
                    end: m.direction === "right" ? labels.right : labels.left,
                  });
            })
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
      {flags.length > 0 ? (
        <ul className="flags">
          {flags.map((f) => (
            <li key={`${f.kind}-${f.groupIds.join("-")}`}>{flagText(f, labels)}.</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
