/**
 * The people of the workshop as the server knows them (`GET /api/workshops/<id>/participants`): name, group,
 * how many devices, whether they are here now, and removing someone (their devices are disconnected with
 * 4411 and their token stops working; what they wrote stays) or letting them back. Asked again every few
 * seconds while the dialog is open, so people arriving and leaving show without a reload.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import type { Group } from "@continuum/model";
import type { ParticipantSummary } from "@continuum/protocol";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, failureMessage } from "../api.ts";
import { i18n, intlLocale } from "../i18n/i18n.ts";
import type { Session } from "../session.ts";
import { serverNow } from "../sync/clock.ts";
import { ConfirmButton } from "../ui/ConfirmButton.tsx";
import { AddToTablet } from "./AddToTablet.tsx";

const REFRESH_MS = 3000;

/** "Here now", or when they were last here in words: "2 minutes ago", "at 14:05". */
export function hereText(p: ParticipantSummary, now: number): string {
  // `connections` counts sockets (a device opens one per document on screen), not devices: only "here or not".
  if (p.connections > 0) return i18n.t("people.hereNow");
  const ago = Math.max(0, now - p.lastSeen);
  if (ago < 60_000) return i18n.t("people.justNow");
  if (ago < 60 * 60_000) return i18n.t("people.minutesAgo", { count: Math.floor(ago / 60_000) });
  const at = new Date(p.lastSeen);
  const time = at.toLocaleTimeString(intlLocale(), { hour: "2-digit", minute: "2-digit" });
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay
    ? i18n.t("people.seenAt", { time })
    : i18n.t("people.seenOn", { date: at.toLocaleDateString(intlLocale()), time });
}

export function PeoplePanel({ session, groups }: { session: Session; groups: readonly Group[] }) {
  const [people, setPeople] = useState<ParticipantSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { workshopId, token } = session;
  const { t } = useTranslation();

  const refresh = useCallback(async () => {
    try {
      const res = await api.participants(workshopId, token);
      setPeople(res.participants);
      setError(null);
    } catch (err) {
      setError(failureMessage(err));
    }
  }, [workshopId, token]);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await refresh();
      if (live) timer = setTimeout(tick, REFRESH_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [refresh]);

  const setRemoved = async (p: ParticipantSummary, removed: boolean) => {
    setBusy(p.id);
    setMessage(null);
    try {
      await api.setRemoved(workshopId, token, p.id, removed);
      setMessage(
        removed ? t("people.wasRemoved", { name: p.name }) : t("people.canComeBack", { name: p.name }),
      );
      await refresh();
    } catch (err) {
      setMessage(failureMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const now = serverNow();
  const present = (people ?? []).filter((p) => p.removedAt === null);
  const removed = (people ?? []).filter((p) => p.removedAt !== null);
  const hereNow = present.filter((p) => p.connections > 0).length;

  return (
    <section className="people" aria-labelledby="people-title">
      <h3 id="people-title">
        {people === null
          ? t("people.heading")
          : t("people.headingCount", { count: present.length, here: hereNow })}
      </h3>
      {people === null && !error ? <p role="status">{t("people.getting")}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="people-status" role="status">
        {message}
      </p>
      {people !== null && present.length === 0 ? <p className="hint">{t("people.nobody")}</p> : null}
      {present.length > 0 ? (
        <table className="people-table">
          <thead>
            <tr>
              <th scope="col">{t("people.name")}</th>
              <th scope="col">{t("people.group")}</th>
              <th scope="col">{t("people.devices")}</th>
              <th scope="col">{t("people.status")}</th>
              <th scope="col">
                <span className="sr-only">{t("people.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {present.map((p) => (
              <tr key={p.id}>
                <th scope="row" data-label={t("people.name")}>
                  {p.name}
                </th>
                <td data-label={t("people.group")}>{p.groupName}</td>
                <td data-label={t("people.devices")}>{p.devices}</td>
                <td
                  data-label={t("people.status")}
                  className={p.connections > 0 ? "people-here" : "people-away"}
                >
                  {hereText(p, now)}
                </td>
                <td className="people-action">
                  <div className="actions">
                    <ConfirmButton
                      small
                      label={t("people.removeLabel", { name: p.name })}
                      confirm={t("people.removeThem")}
                      confirmLabel={t("people.removeNow", { name: p.name })}
                      keepLabel={t("people.keep", { name: p.name })}
                      disabled={busy === p.id}
                      explain={t("people.removeExplain", { name: p.name })}
                      onConfirm={() => void setRemoved(p, true)}
                    >
                      {t("agenda.row.remove")}
                    </ConfirmButton>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {removed.length > 0 ? (
        <>
          <h3>{t("people.removed")}</h3>
          <table className="people-table">
            <thead>
              <tr>
                <th scope="col">{t("people.name")}</th>
                <th scope="col">{t("people.group")}</th>
                <th scope="col">{t("people.removedAt")}</th>
                <th scope="col">
                  <span className="sr-only">{t("people.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {removed.map((p) => (
                <tr key={p.id}>
                  <th scope="row" data-label={t("people.name")}>
                    {p.name}
                  </th>
                  <td data-label={t("people.group")}>{p.groupName}</td>
                  <td data-label={t("people.removedAt")}>
                    {new Date(p.removedAt ?? 0).toLocaleTimeString(intlLocale(), {
                      hour: "2-digit",
                      minute: "2-digit",
                    })}
                  </td>
                  <td className="people-action">
                    <button
                      type="button"
                      className="btn small"
                      aria-label={t("people.letBackLabel", { name: p.name })}
                      disabled={busy === p.id}
                      onClick={() => void setRemoved(p, false)}
                    >
                      {t("people.letBack")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p className="hint">{t("people.codeStays")}</p>
      <AddToTablet session={session} groups={groups} onAdded={() => void refresh()} />
    </section>
  );
}
