import { useState } from "react";
import { api, failureMessage } from "../api.ts";
import { links } from "../app/router.ts";
import { type Session, saveSession, saveSummary } from "../session.ts";
import { useQrCode } from "../ui/qr.ts";
import type { ShareInfo } from "./useShare.ts";

function CopyLink({ label, url, secret }: { label: string; url: string; secret?: boolean }) {
  const [copied, setCopied] = useState(false);
  const [shown, setShown] = useState(!secret);
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
          {copied ? "Copied" : `Copy ${label.toLocaleLowerCase()}`}
        </button>
        {secret && !shown ? (
          <button type="button" className="btn" onClick={() => setShown(true)}>
            Show it
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

  return (
    <section className="share" aria-labelledby="share-title">
      <h3 id="share-title">How people join</h3>
      <div className="share-body">
        <div className="join-code-box">
          {code ? (
            <>
              <p>Go to {origin.replace(/^https?:\/\//, "")} and enter the code</p>
              <p className="join-code">
                <span className="sr-only">Workshop code: {code.split("").join(" ")}</span>
                <span aria-hidden="true">{code}</span>
              </p>
              {qr ? (
                <img className="qr" src={qr} alt={`QR code that opens the join page: ${joinUrl}`} />
              ) : (
                <p className="hint">Making the QR code…</p>
              )}
            </>
          ) : (
            <p role="status">{share.error ?? "Getting the join code…"}</p>
          )}
        </div>
        <div className="links">
          {joinUrl ? <CopyLink label="Link for remote members" url={joinUrl} /> : null}
          {roomUrl ? (
            <>
              <CopyLink label="Link for the room's big screen" url={roomUrl} />
              <p className="hint">
                The room-screen link only shows the workshop: open it on the computer connected to the
                projector. It follows you as you run the meeting.
              </p>
            </>
          ) : null}
          {facilitatorUrl ? (
            <>
              <CopyLink label="Your facilitator link" url={facilitatorUrl} secret />
              <p className="hint">
                Keep your facilitator link private: anyone with it can run this workshop. Open it on the
                laptop you run the meeting from. Never send it to participants.
              </p>
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
        setMessage("The workshop is closed. You can still download the exports.");
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
            Make new private links
          </button>
          <button type="button" className="btn" onClick={() => setConfirming("close")}>
            Close the workshop
          </button>
        </div>
      ) : (
        <div className="actions">
          <p>
            {confirming === "revoke"
              ? "Your facilitator link and the room-screen link will stop working. Participants stay in."
              : "Everyone will be disconnected and the code will stop working. This cannot be undone."}
          </p>
          <button type="button" className="btn primary" onClick={() => void run(confirming)}>
            {confirming === "revoke" ? "Make new private links now" : "Close the workshop now"}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(null)}>
            Cancel
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
