/**
 * Before and between activities, the room's screen invites people in: the address to type, the code in
 * giant type, the QR code, and how many people have joined per group (names are not shown on the big
 * screen: a count is enough to see who is still missing).
 */

import type { Workshop } from "@continuum/model";
import { Trans, useTranslation } from "react-i18next";
import type { Person } from "../sync/presence.ts";
import { useQrCode } from "../ui/qr.ts";

export function JoinInvite({
  code,
  workshop,
  people,
  ended,
}: {
  code: string | null;
  workshop: Workshop;
  people: readonly Person[];
  ended: boolean;
}) {
  const joinUrl = code ? `${location.origin}/join/${code}` : null;
  const qr = useQrCode(joinUrl, 640);
  const here = people.filter((p) => p.here && p.role === "participant");
  const { t } = useTranslation();
  return (
    <section className="join-invite" aria-labelledby="invite-title">
      <div className="invite-words">
        <h2 id="invite-title">{ended ? t("agenda.ended") : t("present.join")}</h2>
        {code ? (
          <>
            <p className="invite-step">
              <Trans i18nKey="present.goTo" values={{ site: location.host }} components={{ b: <strong /> }} />
            </p>
            <p className="invite-code">
              <span className="sr-only">{t("cockpit.codeSpoken", { code: code.split("").join(" ") })}</span>
              <span aria-hidden="true">{code}</span>
            </p>
            <p className="invite-step">{t("present.orScan")}</p>
          </>
        ) : (
          <p className="invite-step" role="status">
            {t("cockpit.gettingCode")}
          </p>
        )}
        <ul className="invite-groups" aria-label={t("present.joinedList")}>
          {workshop.groups.map((g) => {
            const n = here.filter((p) => p.group === g.id).length;
            return (
              <li key={g.id}>
                <span className={`swatch colour-${g.colour}`} aria-hidden="true" />
                <Trans
                  i18nKey="present.groupJoined"
                  count={n}
                  values={{ group: g.name, count: n }}
                  components={{ b: <strong /> }}
                />
              </li>
            );
          })}
        </ul>
      </div>
      {qr && joinUrl ? <img className="invite-qr" src={qr} alt={t("share.qrAlt", { url: joinUrl })} /> : null}
    </section>
  );
}
