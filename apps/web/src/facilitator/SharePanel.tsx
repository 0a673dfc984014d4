import { useEffect, useState } from "react";
import { api, failureMessage } from "../api.ts";
import { links } from "../app/router.ts";
import { type Session, saveSession } from "../session.ts";

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

/** How people get in: the code in large type, a QR code for the room, and links to send. */
export function SharePanel({ session }: { session: Session }) {
  const origin = location.origin;
  const code = session.joinCode;
  const joinUrl = code ? links.join(origin, code) : null;
  const [qr, setQr] = useState<string | null>(null);
  const [open, setOpen] = useState(true);

  useEffect(() => {
    if (!joinUrl) return;
    let live = true;
    import("qrcode")
      .then((QR) => QR.toDataURL(joinUrl, { margin: 1, width: 480, errorCorrectionLevel: "M" }))
      .then((url) => live && setQr(url))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [joinUrl]);

  const facilitatorUrl = session.facilitatorKey
    ? `${links.withKey(origin, session.workshopId, session.facilitatorKey, code)}${session.observerKey ? `&observer=${encodeURIComponent(session.observerKey)}` : ""}`
    : null;
  const observerUrl = session.observerKey
    ? links.withKey(origin, session.workshopId, session.observerKey)
    : null;

  return (
    <section className="panel share" aria-labelledby="share-title">
      <div className="share-head">
        <h2 id="share-title">How people join</h2>
        <button type="button" className="btn" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Hide" : "Show"}
        </button>
      </div>
      {open ? (
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
              <p>The join code is on the device that created this workshop.</p>
            )}
          </div>
          <div className="links">
            {joinUrl ? <CopyLink label="Link for remote members" url={joinUrl} /> : null}
            {observerUrl ? <CopyLink label="Link for the room's big screen" url={observerUrl} /> : null}
            {facilitatorUrl ? (
              <>
                <CopyLink label="Your facilitator link" url={facilitatorUrl} secret />
                <p className="hint">
                  Keep your facilitator link private: anyone with it can run this workshop. Never send it to
                  participants.
                </p>
              </>
            ) : null}
            <LinkSafety session={session} />
          </div>
        </div>
      ) : null}
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
        saveSession({
          ...session,
          token: fresh.token,
          facilitatorKey: fresh.facilitatorKey,
          observerKey: fresh.observerKey,
        });
        // The open connections carry the old token, which the server no longer takes: start again with
        // the new one (everything shared is on the server and on this device).
        location.reload();
      } else {
        await api.close(session.workshopId, session.token);
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
              ? "Your facilitator link and the big-screen link will stop working. Participants stay in."
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
