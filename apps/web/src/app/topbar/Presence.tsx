import type { Group } from "@continuum/model";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  const here = people.filter((p) => p.here);
  const gone = people.filter((p) => !p.here);
  const groupName = (id: string | null, fallback: string | null) =>
    groups.find((g) => g.id === id)?.name ?? fallback ?? "";
  const who = (p: (typeof people)[number]) =>
    p.role === "facilitator"
      ? t("presence.facilitator", { name: p.name })
      : p.role === "observer"
        ? t("presence.roomScreen")
        : t("presence.person", {
            name: anonymous ? t("presence.someone") : p.name,
            group: groupName(p.group, p.groupName),
          });
  return (
    <details className="presence">
      <summary>
        {gone.length > 0
          ? t("presence.summaryGone", { here: here.length + 1, gone: gone.length })
          : t("presence.summary", { here: here.length + 1 })}
      </summary>
      <ul>
        <li>{t("presence.you", { name: selfName })}</li>
        {here.map((p) => (
          <li key={p.clientId}>{who(p)}</li>
        ))}
      </ul>
      {gone.length > 0 ? (
        <>
          <p className="hint">{t("presence.droppedOff")}</p>
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
