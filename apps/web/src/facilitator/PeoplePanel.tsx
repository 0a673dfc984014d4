/**
 * The people of the workshop as the server knows them (`GET /api/workshops/<id>/participants`): name, group,
 * how many devices, whether they are here now, and removing someone (their devices are disconnected with
 * 4411 and their token stops working; what they wrote stays) or letting them back. Asked again every few
 * seconds while the dialog is open, so people arriving and leaving show without a reload.
 */
import type { Group } from "@continuum/model";
import type { ParticipantSummary } from "@continuum/protocol";
import { useCallback, useEffect, useState } from "react";
import { api, failureMessage } from "../api.ts";
import type { Session } from "../session.ts";
import { serverNow } from "../sync/clock.ts";
import { ConfirmButton } from "../ui/ConfirmButton.tsx";
import { AddToTablet } from "./AddToTablet.tsx";

const REFRESH_MS = 3000;

/** "Here now", or when they were last here in words: "2 minutes ago", "at 14:05". */
export function hereText(p: ParticipantSummary, now: number): string {
  // `connections` counts sockets (a device opens one per document on screen), not devices: only "here or not".
  if (p.connections > 0) return "Here now";
  const ago = Math.max(0, now - p.lastSeen);
  if (ago < 60_000) return "Last seen just now";
  if (ago < 60 * 60_000) {
    const m = Math.floor(ago / 60_000);
    return `Last seen ${m} ${m === 1 ? "minute" : "minutes"} ago`;
  }
  const at = new Date(p.lastSeen);
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay ? `Last seen at ${time}` : `Last seen ${at.toLocaleDateString()} at ${time}`;
}

export function PeoplePanel({ session, groups }: { session: Session; groups: readonly Group[] }) {
  const [people, setPeople] = useState<ParticipantSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { workshopId, token } = session;

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
        removed
          ? `${p.name} has been removed. Their devices were disconnected.`
          : `${p.name} can come back in: they reload the page on their device.`,
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
          ? "Everyone who joined"
          : `Everyone who joined: ${present.length} ${present.length === 1 ? "person" : "people"}, ${hereNow} here now`}
      </h3>
      {people === null && !error ? <p role="status">Getting the list of people…</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="people-status" role="status">
        {message}
      </p>
      {people !== null && present.length === 0 ? (
        <p className="hint">Nobody has joined yet. People appear here as they join with the code.</p>
      ) : null}
      {present.length > 0 ? (
        <table className="people-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Group</th>
              <th scope="col">Devices</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {present.map((p) => (
              <tr key={p.id}>
                <th scope="row" data-label="Name">
                  {p.name}
                </th>
                <td data-label="Group">{p.groupName}</td>
                <td data-label="Devices">{p.devices}</td>
                <td data-label="Status" className={p.connections > 0 ? "people-here" : "people-away"}>
                  {hereText(p, now)}
                </td>
                <td className="people-action">
                  <div className="actions">
                    <ConfirmButton
                      small
                      label={`Remove ${p.name}`}
                      confirm="Remove them"
                      confirmLabel={`Remove ${p.name} now`}
                      keepLabel={`Keep ${p.name}`}
                      disabled={busy === p.id}
                      explain={`Their devices are disconnected and cannot rejoin as ${p.name}. What they wrote stays.`}
                      onConfirm={() => void setRemoved(p, true)}
                    >
                      Remove
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
          <h3>Removed</h3>
          <table className="people-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Group</th>
                <th scope="col">Removed</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {removed.map((p) => (
                <tr key={p.id}>
                  <th scope="row" data-label="Name">
                    {p.name}
                  </th>
                  <td data-label="Group">{p.groupName}</td>
                  <td data-label="Removed">
                    {new Date(p.removedAt ?? 0).toLocaleTimeString([], {
                      hour: "2-digit",
                      minute: "2-digit",
                    })}
                  </td>
                  <td className="people-action">
                    <button
                      type="button"
                      className="btn small"
                      aria-label={`Let ${p.name} back in`}
                      disabled={busy === p.id}
                      onClick={() => void setRemoved(p, false)}
                    >
                      Let back in
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p className="hint">
        Removing someone does not change the workshop code: anyone with the code can still join as a new
        person.
      </p>
      <AddToTablet session={session} groups={groups} onAdded={() => void refresh()} />
    </section>
  );
}
