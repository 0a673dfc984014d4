/**
 * Share-back: after the meeting the facilitator publishes a read-only results page for the people who took
 * part (`/results/<slug>`: the comparison, the reasons, the charts, no names) and can withdraw it. The
 * server keeps only a hash of the link's secret part, so this device remembers the link it published (like
 * the facilitator's own key) to show it again; publishing anew makes a new link and the old one stops.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import type { ShareBackStatus } from "@continuum/protocol";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { intlLocale } from "../i18n/i18n.ts";
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
    : new Date(ms).toLocaleString(intlLocale(), {
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
  const { t } = useTranslation();

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
      say(t("shareBack.published"));
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
      say(t("shareBack.withdrawnSaid"));
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
      say(t("shareBack.noCopy"));
    }
  };

  const published = status?.published === true;
  return (
    <section className="share-back" aria-labelledby="share-back-title">
      <h3 id="share-back-title">{t("shareBack.heading")}</h3>
      <p className="hint">{t("shareBack.hint")}</p>
      {published ? (
        <>
          <p>{t("shareBack.publishedAt", { when: when(status?.publishedAt ?? null) })}</p>
          {link ? (
            <div className="copy-link">
              <label className="copy-label" htmlFor="share-back-link">
                {t("shareBack.link")}
              </label>
              <input id="share-back-link" readOnly value={link} onFocus={(e) => e.target.select()} />
              <div className="actions">
                <button type="button" className="btn" onClick={copy}>
                  {copied ? t("share.copied") : t("you.copy")}
                </button>
                <a className="btn" href={link} target="_blank" rel="noreferrer noopener">
                  {t("shareBack.open")}
                </a>
              </div>
            </div>
          ) : (
            <p className="hint">{t("shareBack.otherDevice")}</p>
          )}
          <div className="actions">
            <button type="button" className="btn" disabled={busy} onClick={publish}>
              {t("shareBack.newLink")}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={withdraw}>
              {t("shareBack.withdraw")}
            </button>
          </div>
        </>
      ) : (
        <>
          {status?.withdrawnAt ? (
            <p>{t("shareBack.withdrawnAt", { when: when(status.withdrawnAt) })}</p>
          ) : null}
          <button type="button" className="btn primary" disabled={busy || status === null} onClick={publish}>
            {t("shareBack.publish")}
          </button>
        </>
      )}
      <p role="status">{said}</p>
    </section>
  );
}
