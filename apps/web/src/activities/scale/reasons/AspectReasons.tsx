/**
 * One aspect's reasons in the comparison: a column per group under its position, side by side, like the
 * table of points each group raised in the February 2023 write-up. Plain data in, so the share-back page can
 * draw the same table from its own results.
 */
import type { Group, Reason } from "@continuum/model";
import type { GroupId } from "@continuum/protocol";
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
  if (!columns.some((c) => c.reasons.length > 0)) return null;
  return (
    <section className="aspect-reasons" aria-label={`Why here: ${aspect}`}>
      <h4 className="aspect-reasons-title">Why here?</h4>
      <div className="aspect-reasons-cols">
        {columns.map((c) => (
          <div key={c.group.id} className="aspect-reasons-col">
            <h5>
              {c.group.name}
              {c.position === null ? ", not placed" : `, ${Math.round(c.position)} of 100`}
            </h5>
            {c.reasons.length === 0 ? (
              <p className="hint">No reasons given.</p>
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
