import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../i18n/LanguageSwitch.tsx";
import { canRejoin, type Session } from "../../session.ts";
import { LargerTextSwitch } from "../../ui/LargerText.tsx";
import { useQrCode } from "../../ui/qr.ts";
import { useMenu } from "../../ui/useMenu.ts";
import { links } from "../router.ts";

/**
 * A participant's own corner of the top bar: who this device is in the workshop, and "Use this on your phone
 * too": a QR code and link that open the same board as the same person on another device (their id and key
 * in the link's fragment; see `links.continueAs`). The code is shown only when asked for, because anyone who
 * scans it can write as this person, and a tablet's screen is seen by the whole table.
 */
export function YouMenu({ session }: { session: Session }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [showing, setShowing] = useState(false);
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation();
  const url = canRejoin(session)
    ? links.continueAs(
        location.origin,
        session.workshopId,
        session.participantId,
        session.participantKey,
        session.joinCode,
      )
    : null;
  const qr = useQrCode(showing ? url : null, 320);

  // Closing the menu hides the code again, and a tap outside or Escape closes it, as menus do.
  useMenu(ref, (open) => {
    if (!open) {
      setShowing(false);
      setCopied(false);
    }
  });

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Clipboard refused (not https, an old browser): the code is still there to scan.
      setShowing(true);
    }
  };

  return (
    <details className="you-menu" ref={ref}>
      <summary>
        {t("you.menu")}
        <span className="sr-only">: {session.name}</span>
      </summary>
      <div className="you-panel">
        <p className="you-who">
          <strong>{session.name}</strong>
          {session.groupName ? <span>{session.groupName}</span> : null}
        </p>
        {/* Kept per device: bigger words and buttons on every screen of this app (issue 17). */}
        <LargerTextSwitch />
        {/* Kept per device too: the app's words in this person's language (issue 17). */}
        <LanguageSwitch />
        <p className="you-heading">{t("you.heading")}</p>
        {url ? (
          <>
            <p>{t("you.explain")}</p>
            {showing ? (
              <>
                {qr ? (
                  <img className="you-qr" src={qr} alt={t("you.qrAlt")} />
                ) : (
                  <p className="hint">{t("you.making")}</p>
                )}
                <p className="hint">{t("you.scan")}</p>
              </>
            ) : null}
            <div className="actions">
              {!showing ? (
                <button type="button" className="btn primary" onClick={() => setShowing(true)}>
                  {t("you.show")}
                </button>
              ) : null}
              <button type="button" className="btn" onClick={() => void copy()}>
                {copied ? t("you.copied") : t("you.copy")}
              </button>
            </div>
            {copied ? (
              <p className="hint" role="status">
                {t("you.copiedHint")}
              </p>
            ) : null}
          </>
        ) : (
          <p>{t("you.joinFirst")}</p>
        )}
      </div>
    </details>
  );
}
