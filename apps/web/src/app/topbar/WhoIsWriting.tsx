/**
 * "Who's writing?": a shared tablet holds several people at once (PEOPLE-4). The top bar names the person
 * writing now; one tap lists everyone on this device, switches to another of them, or adds someone with a
 * name and a group (no code: the server joins them with the token of the person writing now).
 *
 * Switching person switches the token the whole board uses: the screen reconnects every document as the
 * new person, so the server stamps their notes with their id, name and group, their dots go in their own
 * ballot, and their group's lane opens. Before switching we wait for changes still on their way to the
 * server: sent after the switch they would travel with the next person's token and be stamped as theirs.
 */

import type { Group } from "@continuum/model";
import { LIMITS } from "@continuum/protocol";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../../api.ts";
import { i18n } from "../../i18n/i18n.ts";
import {
  deviceLabel,
  devicePeople,
  participantSession,
  rememberPerson,
  type Session,
  saveSession,
} from "../../session.ts";
import { allConnectionStates, subscribeAllConnections } from "../../sync/connection.ts";
import { GroupChoice } from "../../ui/GroupChoice.tsx";
import { useMenu } from "../../ui/useMenu.ts";

/** How long a switch waits for changes still on their way to the server. */
const SEND_WAIT_MS = 4000;

/** Resolves true once no open document has changes waiting to reach the server, false after `ms`. */
function changesSent(ms: number): Promise<boolean> {
  const waiting = () => allConnectionStates().some((s) => s.pending > 0);
  if (!waiting()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(!waiting());
    }, ms);
    const stop = subscribeAllConnections(() => {
      if (waiting()) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

const groupLabel = (p: Session) => p.groupName || i18n.t("who.noGroup");

export function WhoIsWriting({
  session,
  groups,
  onSwitch,
}: {
  session: Session;
  groups: readonly Group[];
  onSwitch(next: Session): void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [adding, setAdding] = useState(false);
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [group, setGroup] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [people, setPeople] = useState<Session[]>(() => devicePeople(session.workshopId));
  const headingId = useId();

  // The list is read again whenever the menu opens: another tab of this browser may have added someone.
  useMenu(ref, (open) => {
    if (open) setPeople(devicePeople(session.workshopId));
    else {
      setAdding(false);
      setMessage(null);
    }
  });

  // One group: nothing to choose.
  const only = groups.length === 1 ? groups[0]?.id : undefined;
  useEffect(() => {
    if (only) setGroup(only);
  }, [only]);

  const switchTo = async (next: Session) => {
    if (next.participantId === session.participantId) {
      if (ref.current) ref.current.open = false;
      return;
    }
    setBusy(true);
    setMessage(t("who.sending"));
    const sent = await changesSent(SEND_WAIT_MS);
    setBusy(false);
    if (!sent) {
      setMessage(t("who.notSent", { name: session.name }));
      return;
    }
    saveSession(next);
    onSwitch(next);
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setMessage(t("who.needName"));
      return;
    }
    if (!group) {
      setMessage(t("who.needGroup"));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const res = await api.addPerson(session.workshopId, session.token, {
        name: trimmed,
        group,
        device: deviceLabel(),
      });
      const next = participantSession(res, session.joinCode);
      // Kept on this device at once, so they are in the list even if the switch has to wait.
      rememberPerson(session);
      rememberPerson(next);
      setName("");
      setAdding(false);
      setPeople(devicePeople(session.workshopId));
      setBusy(false);
      await switchTo(next);
    } catch (err) {
      setBusy(false);
      setMessage(failureMessage(err));
    }
  };

  return (
    <details className="who-menu" ref={ref}>
      <summary className="who-button">
        <span className="who-label">{t("who.writing")}</span> <strong>{session.name}</strong>
        <span className="sr-only">{t("who.summaryHint")}</span>
      </summary>
      <section className="who-panel" aria-labelledby={headingId}>
        <p className="who-heading" id={headingId}>
          {t("who.heading")}
        </p>
        <p className="hint">{t("who.hint")}</p>
        <ul className="who-list">
          {people.map((p) => {
            const current = p.participantId === session.participantId;
            return (
              <li key={p.participantId}>
                <button
                  type="button"
                  className={`who-person${current ? " is-current" : ""}`}
                  aria-current={current ? "true" : undefined}
                  disabled={busy}
                  onClick={() => void switchTo(p)}
                >
                  <span className="who-name">{p.name}</span>
                  <span className="who-group">{groupLabel(p)}</span>
                  {current ? <span className="who-now">{t("who.now")}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
        {adding ? (
          <form className="who-add" onSubmit={(e) => void add(e)}>
            <label className="field">
              <span>{t("who.name")}</span>
              <input
                value={name}
                maxLength={LIMITS.name}
                autoComplete="off"
                onChange={(e) => setName(e.target.value)}
                // biome-ignore lint/a11y/noAutofocus: the form opens on request, for typing the name at once
                autoFocus
              />
            </label>
            <GroupChoice
              legend={t("who.group")}
              name="who-group"
              groups={groups}
              value={group}
              onChange={setGroup}
            />
            <div className="actions">
              <button type="submit" className="btn primary" disabled={busy}>
                {t("who.add")}
              </button>
              <button type="button" className="btn" onClick={() => setAdding(false)}>
                {t("who.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => {
              setAdding(true);
              setMessage(null);
            }}
          >
            {t("who.addSomeone")}
          </button>
        )}
        <p className="who-status" role="status">
          {message}
        </p>
      </section>
    </details>
  );
}
