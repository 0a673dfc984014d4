/**
 * One aspect's reasons in the comparison: a column per group under its position, side by side, like the
 * table of points each group raised in the February 2023 write-up. Plain data in, so the share-back page can
 * draw the same table from its own results.
 */

import type { Group, Reason } from "@continuum/model";
import type { GroupId } from "@continuum/protocol";
import { useTranslation } from "react-i18next";
import { reasonByline } from "./WhyHere.tsx";
import "./reasons.css";

export interface AspectReasonsColumn {
  group: Group;
  /** The group's position for this aspect, or null when it did not place it. */
  position: number | null;
  reasons: readonly Reason[];
}

export function AspectReasons({
  aspect,
  columns,
  anonymous,
  groupName,
}: {
  /** The aspect's wording, for the table's accessible name. */
  aspect: string;
  columns: readonly AspectReasonsColumn[];
  anonymous: boolean;
  groupName(id: GroupId | null): string;
}) {
  const { t } = useTranslation();
  if (!columns.some((c) => c.reasons.length > 0)) return null;
  return (
    <section className="aspect-reasons" aria-label={t("why.label", { aspect })}>
      <h4 className="aspect-reasons-title">{t("why.heading")}</h4>
      <div className="aspect-reasons-cols">
        {columns.map((c) => (
          <div key={c.group.id} className="aspect-reasons-col">
            <h5>
              {c.group.name}
              {c.position === null ? t("why.notPlaced") : t("why.at", { x: Math.round(c.position) })}
            </h5>
            {c.reasons.length === 0 ? (
              <p className="hint">{t("why.noneGiven")}</p>
            ) : (
              <ul className="why-list">
                {c.reasons.map((r) => (
                  <li key={r.id}>
                    <span className="why-text">{r.text}</span>
                    <span className="why-by">{reasonByline(r, groupName, anonymous)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
