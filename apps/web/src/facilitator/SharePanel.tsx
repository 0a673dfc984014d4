// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { links } from "../app/router.ts";
import { type Session, saveSession, saveSummary } from "../session.ts";
import { useQrCode } from "../ui/qr.ts";
import type { ShareInfo } from "./useShare.ts";

function CopyLink({ label, url, secret }: { label: string; url: string; secret?: boolean }) {
  const [copied, setCopied] = useState(false);
  const [shown, setShown] = useState(!secret);
  const { t } = useTranslation();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (insecure origin, old browser): the link is selectable text below.
      setShown(true);
    }
  };
  return (
    <div className="copy-link">
      <span className="copy-label">{label}</span>
      {shown ? <input readOnly value={url} aria-label={label} onFocus={(e) => e.target.select()} /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={copy}>
          {copied ? t("share.copied") : t("share.copy", { label: label.toLocaleLowerCase() })}
        </button>
        {secret && !shown ? (
          <button type="button" className="btn" onClick={() => setShown(true)}>
            {t("share.showIt")}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * How people get in, from any device with the private link (`useShare` asks the server for the code and a
 * room-screen token): the code in large type, a QR code, the link for remote members, the room-screen
 * link (read-only, never a key), the facilitator's own link, and taking links back or closing.
 */
export function SharePanel({ session, share }: { session: Session; share: ShareInfo }) {
  const origin = location.origin;
  const code = share.joinCode;
  const joinUrl = code ? links.join(origin, code) : null;
  const qr = useQrCode(joinUrl);
  const facilitatorUrl = session.facilitatorKey
    ? links.withKey(origin, session.workshopId, session.facilitatorKey, code)
    : null;
  const roomUrl = share.roomToken ? links.present(origin, session.workshopId, share.roomToken, code) : null;
  const { t } = useTranslation();

  return (
    <section className="share" aria-labelledby="share-title">
      <h3 id="share-title">{t("share.heading")}</h3>
      <div className="share-body">
        <div className="join-code-box">
          {code ? (
            <>
              <p>{t("share.goTo", { site: origin.replace(/^https?:\/\//, "") })}</p>
              <p className="join-code">
                <span className="sr-only">{t("cockpit.codeSpoken", { code: code.split("").join(" ") })}</span>
                <span aria-hidden="true">{code}</span>
              </p>
              {qr ? (
                <img className="qr" src={qr} alt={t("share.qrAlt", { url: joinUrl ?? "" })} />
              ) : (
                <p className="hint">{t("share.makingQr")}</p>
              )}
            </>
          ) : (
            <p role="status">{share.error ?? t("cockpit.gettingCode")}</p>
          )}
        </div>
        <div className="links">
          {joinUrl ? <CopyLink label={t("share.remote")} url={joinUrl} /> : null}
          {roomUrl ? (
            <>
              <CopyLink label={t("share.room")} url={roomUrl} />
              <p className="hint">{t("share.roomHint")}</p>
            </>
          ) : null}
          {facilitatorUrl ? (
            <>
              <CopyLink label={t("share.facilitator")} url={facilitatorUrl} secret />
              <p className="hint">{t("share.facilitatorHint")}</p>
            </>
          ) : null}
          <LinkSafety session={session} />
        </div>
      </div>
    </section>
  );
}

/**
 * Taking back a private link that went to the wrong person, and closing the workshop. Both ask twice: a
 * mistaken click would throw the room screen (or everyone) out.
 */
function LinkSafety({ session }: { session: Session }) {
  const [confirming, setConfirming] = useState<"revoke" | "close" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { t } = useTranslation();
  const run = async (action: "revoke" | "close") => {
    setConfirming(null);
    try {
      if (action === "revoke") {
        const fresh = await api.revoke(session.workshopId, session.token);
        // The old room token stops working too: forget it, the new one is asked for after the reload.
        const { roomToken: _old, ...rest } = session;
        saveSession({
          ...rest,
          token: fresh.token,
          facilitatorKey: fresh.facilitatorKey,
          observerKey: fresh.observerKey,
        });
        // The open connections carry the old token, which the server no longer takes: start again with
        // the new one (everything shared is on the server and on this device).
        location.reload();
      } else {
        await api.close(session.workshopId, session.token);
        saveSummary(session.workshopId, { status: "closed" });
        setMessage(t("share.closed"));
      }
    } catch (err) {
      setMessage(failureMessage(err));
    }
  };
  return (
    <div className="link-safety">
      {confirming === null ? (
        <div className="actions">
          <button type="button" className="btn" onClick={() => setConfirming("revoke")}>
            {t("share.revoke")}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming("close")}>
            {t("share.close")}
          </button>
        </div>
      ) : (
        <div className="actions">
          <p>{confirming === "revoke" ? t("share.revokeExplain") : t("share.closeExplain")}</p>
          <button type="button" className="btn primary" onClick={() => void run(confirming)}>
            {confirming === "revoke" ? t("share.revokeNow") : t("share.closeNow")}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(null)}>
            {t("who.cancel")}
          </button>
        </div>
      )}
      {message ? (
        <p role="status" className="hint">
          {message}
        </p>
      ) : null}
    </div>
  );
}
