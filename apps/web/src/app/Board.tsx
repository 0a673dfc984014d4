import { type Activity, timerFor } from "@continuum/model";
import { CloseCode, type WorkshopId } from "@continuum/protocol";
import { lazy, Suspense, useEffect, useState } from "react";
import { ListActivity, useListActivityDoc } from "../activities/ListActivity.tsx";
import { useActivityMe } from "../activities/me.ts";
import { ScaleActivity } from "../activities/scale/ScaleActivity.tsx";
import { AgendaView } from "../agenda/AgendaView.tsx";
import { api, failureMessage } from "../api.ts";
import { loadSession, type Session, saveSession } from "../session.ts";
import { dismissAllMessages } from "../sync/connection.ts";
import { useAllConnectionStates, useConnectionState, useDoc, useDocConnection } from "../sync/hooks.ts";
import { usePresence, usePublishPresence } from "../sync/presence.ts";
import { useWorkshop } from "../sync/useDocStore.ts";
import { navigate } from "./router.ts";
import { ConnectionBanner, combineStates } from "./topbar/ConnectionBanner.tsx";
import { Presence } from "./topbar/Presence.tsx";
import { Timer } from "./topbar/Timer.tsx";
import { useUi } from "./ui.ts";

// Facilitators are few: their cockpit (and the QR code library) loads only for them.
const Cockpit = lazy(() => import("../facilitator/Cockpit.tsx"));

/**
 * Works out who this device is for this workshop: a key in the link's fragment (facilitator or room screen)
 * is exchanged for a token; otherwise the session saved when this device joined.
 */
function useSessionFor(workshopId: WorkshopId) {
  const [session, setSession] = useState<Session | null>(() => (readKey() ? null : loadSession(workshopId)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const key = readKey();
    if (!key) return;
    let live = true;
    api.session({ workshopId, key: key.key }).then(
      (res) => {
        if (!live) return;
        const previous = loadSession(workshopId);
        const s: Session = {
          workshopId: res.workshopId,
          token: res.token,
          role: res.role,
          name: res.role === "facilitator" ? "Facilitator" : "Room screen",
          group: null,
          groupName: null,
          joinCode: key.code ?? previous?.joinCode ?? null,
          ...(res.role === "facilitator"
            ? {
                facilitatorKey: key.key,
                ...((key.observer ?? previous?.observerKey)
                  ? { observerKey: key.observer ?? previous?.observerKey }
                  : {}),
              }
            : {}),
        };
        saveSession(s);
        // The key has done its job: take it out of the address bar, so it is not shown on a projector or
        // copied along with the page address.
        history.replaceState(null, "", location.pathname);
        setSession(s);
      },
      (err) => live && setError(failureMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [workshopId]);
  return { session, error };
}

function readKey(): { key: string; code: string | null; observer: string | null } | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const key = params.get("key");
  return key ? { key, code: params.get("code"), observer: params.get("observer") } : null;
}

export function Board({ workshopId }: { workshopId: WorkshopId }) {
  const { session, error } = useSessionFor(workshopId);
  if (error) {
    return (
      <main className="page">
        <h1>We could not open this workshop</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <button type="button" className="btn" onClick={() => navigate("/")}>
          Go to the start page
        </button>
      </main>
    );
  }
  if (!session) {
    if (readKey())
      return (
        <main className="page" role="status">
          Opening the workshop…
        </main>
      );
    return (
      <main className="page">
        <h1>Join this workshop first</h1>
        <p>This device has not joined this workshop yet. Ask the facilitator for the workshop code.</p>
        <button type="button" className="btn primary" onClick={() => navigate("/join")}>
          Enter the code
        </button>
      </main>
    );
  }
  return <WorkshopScreen key={session.token} session={session} />;
}

function WorkshopScreen({ session }: { session: Session }) {
  const conn = useDocConnection(session.workshopId, session.token, session.role);
  const doc = useDoc(conn);
  const workshop = useWorkshop(doc);
  const state = useConnectionState(conn);
  const facilitatorActivity = useUi((s) => s.facilitatorActivity);
  const looking = useUi((s) => s.looking);
  const setLooking = useUi((s) => s.setLooking);
  const me = useActivityMe(session);
  const announcement = useUi((s) => s.announcement);
  usePublishPresence(conn?.awareness ?? null, {
    name: session.name,
    group: session.group,
    groupName: session.groupName,
    role: session.role,
  });

  const fatal = state.status === "closed" ? state : null;
  const activities = workshop?.activities ?? [];
  const current = workshop?.control.currentActivity ?? null;
  // Participants and the room screen follow the facilitator; the facilitator may look elsewhere, and a
  // participant may look back at an earlier activity (read only) or, after the meeting, add to a board left
  // open between meetings.
  const meetingEnded = workshop?.control.meetingEnded === true;
  const stillOpen = meetingEnded
    ? activities.find((a) => a.openBetweenMeetings && workshop?.control.locked[a.id] !== true)
    : undefined;
  const participantLooking = session.role === "participant" ? looking : null;
  const wantedId =
    session.role === "facilitator"
      ? (facilitatorActivity ?? current)
      : (participantLooking?.activityId ?? stillOpen?.id ?? current);
  const activity: Activity | undefined =
    activities.find((a) => a.id === wantedId) ?? activities.find((a) => a.kind === "scale") ?? activities[0];
  const readOnly = participantLooking?.readOnly === true && participantLooking.activityId === activity?.id;
  const chart = useListActivityDoc(session, activity);
  // "Bring everyone to this activity" brings back whoever was looking at an earlier one too.
  useEffect(() => {
    if (current) setLooking(null);
  }, [current, setLooking]);
  const hasContent = workshop !== null && (workshop.groups.length > 0 || activities.length > 0);
  // Only the cockpit counts who is here (its progress); nobody else re-renders the board on presence.
  const people = usePresence(session.role === "facilitator" ? (conn?.awareness ?? null) : null);
  const title = workshop?.meta.title || "Workshop";
  // The timer belongs to the activity it was started for: not shown once people are elsewhere.
  const timer = timerFor(workshop?.control.timer ?? null, activity?.id);

  const board = (
    <>
      {workshop && activity?.kind === "scale" && doc ? (
        <ScaleActivity
          key={activity.id}
          workshopId={session.workshopId}
          workshop={workshop}
          activity={activity}
          session={session}
          workshopDoc={doc}
          readOnly={readOnly}
        />
      ) : null}
      {workshop && activity && activity.kind !== "scale" && doc ? (
        <ListActivity
          workshopDoc={doc}
          activity={activity}
          chart={chart}
          session={session}
          readOnly={readOnly}
        />
      ) : null}
    </>
  );

  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar-title">
          <strong>{title}</strong>
          {session.role === "participant" ? (
            <span className="badge">Your group: {session.groupName}</span>
          ) : (
            <span className="badge">{session.role === "facilitator" ? "Facilitator" : "Room screen"}</span>
          )}
        </div>
        <Timer timer={timer} />
        <LiveConnection onDismiss={() => dismissAllMessages()} />
        {workshop ? (
          <Presence
            awareness={conn?.awareness ?? null}
            groups={workshop.groups}
            selfName={session.name}
            anonymous={workshop.meta.anonymous}
          />
        ) : null}
      </header>
      <div className="sr-only" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
      <main className={session.role === "facilitator" ? "cockpit-page" : "page board"}>
        {fatal ? (
          <div className="panel">
            <p className="error" role="alert">
              {fatal.message}
            </p>
            {fatal.closeCode === CloseCode.Unauthorized && session.joinCode ? (
              <button
                type="button"
                className="btn primary"
                onClick={() => navigate(`/join/${session.joinCode}`)}
              >
                Join again
              </button>
            ) : null}
          </div>
        ) : null}
        {!hasContent && !fatal ? <p role="status">Loading the workshop…</p> : null}
        {session.role === "participant" && doc && workshop ? (
          <AgendaView
            workshopDoc={doc}
            me={me}
            viewing={participantLooking?.activityId ?? null}
            onView={(id, { readOnly: ro }) =>
              setLooking(id === current && !ro && !meetingEnded ? null : { activityId: id, readOnly: ro })
            }
          />
        ) : null}
        {session.role === "facilitator" && doc && workshop ? (
          <Suspense fallback={<p role="status">Loading the facilitator's tools…</p>}>
            <Cockpit
              doc={doc}
              workshop={workshop}
              session={session}
              activity={activity ?? null}
              chartDoc={chart?.doc ?? null}
              people={people}
              board={board}
            />
          </Suspense>
        ) : (
          board
        )}
      </main>
    </div>
  );
}

/**
 * The connection line in the top bar, combining every document this screen has open (the workshop and the
 * lanes), so changes waiting in the group's lane are counted too.
 */
function LiveConnection({ onDismiss }: { onDismiss(): void }) {
  return <ConnectionBanner state={combineStates(useAllConnectionStates())} onDismiss={onDismiss} />;
}
