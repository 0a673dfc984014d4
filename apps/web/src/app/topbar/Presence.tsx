import type { Group } from "@continuum/model";
import type { Awareness } from "y-protocols/awareness";
import { usePresence } from "../../sync/presence.ts";

/** Who is here, in which group, and who dropped off. Names only when the workshop is not anonymous. */
export function Presence({
  awareness,
  groups,
  selfName,
  anonymous,
}: {
  awareness: Awareness | null;
  groups: readonly Group[];
  selfName: string;
  anonymous: boolean;
}) {
  const people = usePresence(awareness);
  const here = people.filter((p) => p.here);
  const gone = people.filter((p) => !p.here);
  const groupName = (id: string | null, fallback: string | null) =>
    groups.find((g) => g.id === id)?.name ?? fallback ?? "";
  const who = (p: (typeof people)[number]) =>
    p.role === "facilitator"
      ? `${p.name} (facilitator)`
      : p.role === "observer"
        ? "Room screen"
        : `${anonymous ? "Someone" : p.name}, ${groupName(p.group, p.groupName)}`;
  return (
    <details className="presence">
      <summary>
        People here: {here.length + 1}
        {gone.length > 0 ? `, ${gone.length} dropped off` : ""}
      </summary>
      <ul>
        <li>{selfName} (you)</li>
        {here.map((p) => (
          <li key={p.clientId}>{who(p)}</li>
        ))}
      </ul>
      {gone.length > 0 ? (
        <>
          <p className="hint">Dropped off:</p>
          <ul className="gone">
            {gone.map((p) => (
              <li key={p.clientId}>{who(p)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
