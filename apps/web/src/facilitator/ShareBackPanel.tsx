/**
 * Share-back: after the meeting the facilitator publishes a read-only results page for the people who took
 * part (`/results/<slug>`: the comparison, the reasons, the charts, no names) and can withdraw it. The
 * server keeps only a hash of the link's secret part, so this device remembers the link it published (like
 * the facilitator's own key) to show it again; publishing anew makes a new link and the old one stops.
 */
import type { ShareBackStatus } from "@continuum/protocol";
import { useEffect, useState } from "react";
import { api, failureMessage } from "../api.ts";
import type { Session } from "../session.ts";

const storageKey = (workshopId: string) => `continuum.results.${workshopId}`;

function rememberedLink(workshopId: string): string | null {
  try {
    return localStorage.getItem(storageKey(workshopId));
  } catch {
    return null;
  }
}

function remember(workshopId: string, url: string | null): void {
  try {
    if (url) localStorage.setItem(storageKey(workshopId), url);
    else localStorage.removeItem(storageKey(workshopId));
  } catch {
    // Storage refused (private browsing): the link is on screen now, and can be published again.
  }
}

const when = (ms: number | null) =>
  ms === null
    ? ""
    : new Date(ms).toLocaleString(undefined, {
        day: "numeric",
        month: "long",
        hour: "2-digit",
        minute: "2-digit",
      });

export function ShareBackPanel({ session }: { session: Session }) {
  const [status, setStatus] = useState<ShareBackStatus | null>(null);
  const [link, setLink] = useState<string | null>(() => rememberedLink(session.workshopId));
  const [said, say] = useState("");
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    api
      .resultsState(session.workshopId, session.token)
      .then(setStatus)
      .catch((err: unknown) => say(failureMessage(err)));
  }, [session.workshopId, session.token]);

  const publish = async () => {
    setBusy(true);
    try {
      const res = await api.publishResults(session.workshopId, session.token);
      const url = `${location.origin}${res.path}`;
      setLink(url);
      remember(session.workshopId, url);
      setStatus({ published: true, publishedAt: res.publishedAt, withdrawnAt: null });
      say("The results page is published. Copy the link and send it to the people who took part.");
    } catch (err) {
      say(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    try {
      await api.withdrawResults(session.workshopId, session.token);
      remember(session.workshopId, null);
      setLink(null);
      setStatus((s) => ({ published: false, publishedAt: s?.publishedAt ?? null, withdrawnAt: Date.now() }));
      say("The results page is withdrawn. Its link now says the results were withdrawn.");
    } catch (err) {
      say(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      say("Your browser did not let us copy. Select the link and copy it yourself.");
    }
  };

  const published = status?.published === true;
  return (
    <section className="share-back" aria-labelledby="share-back-title">
      <h2 id="share-back-title">Share the results with the people who took part</h2>
      <p className="hint">
        A read-only page with the comparison, the reasons and the charts, in plain language, with no names.
        Anyone with its link can open it, on a phone or printed. You can withdraw it at any time.
      </p>
      {published ? (
        <>
          <p>Published {when(status?.publishedAt ?? null)}.</p>
          {link ? (
            <div className="copy-link">
              <label className="copy-label" htmlFor="share-back-link">
                Results page link
              </label>
              <input id="share-back-link" readOnly value={link} onFocus={(e) => e.target.select()} />
              <div className="actions">
                <button type="button" className="btn" onClick={copy}>
                  {copied ? "Copied" : "Copy the link"}
                </button>
                <a className="btn" href={link} target="_blank" rel="noreferrer noopener">
                  Open the results page
                </a>
              </div>
            </div>
          ) : (
            <p className="hint">
              The link was made on another device. Publish again for a new link here (the old one stops
              working).
            </p>
          )}
          <div className="actions">
            <button type="button" className="btn" disabled={busy} onClick={publish}>
              Make a new link
            </button>
            <button type="button" className="btn" disabled={busy} onClick={withdraw}>
              Withdraw the results page
            </button>
          </div>
        </>
      ) : (
        <>
          {status?.withdrawnAt ? (
            <p>Withdrawn {when(status.withdrawnAt)}: its link says the results were withdrawn.</p>
          ) : null}
          <button type="button" className="btn primary" disabled={busy || status === null} onClick={publish}>
            Publish the results page
          </button>
        </>
      )}
      <p role="status">{said}</p>
    </section>
  );
}
