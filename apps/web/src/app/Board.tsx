import { type Activity, timerFor } from "@continuum/model";
import { CloseCode, type WorkshopId } from "@continuum/protocol";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ListActivity, useListActivityDoc } from "../activities/ListActivity.tsx";
import { useActivityMe } from "../activities/me.ts";
import { ScaleActivity } from "../activities/scale/ScaleActivity.tsx";
import { AgendaView } from "../agenda/AgendaView.tsx";
import { ApiFailure, api, failureMessage } from "../api.ts";
import { i18n, partsReady } from "../i18n/i18n.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import {
  canRejoin,
  deviceLabel,
  devicePeople,
  loadSession,
  participantSession,
  rememberPerson,
  type Session,
  saveLastWorkshop,
  saveSession,
} from "../session.ts";
import { dismissAllMessages } from "../sync/connection.ts";
import { useAllConnectionStates, useConnectionState, useDoc, useDocConnection } from "../sync/hooks.ts";
import { usePresence, usePublishPresence } from "../sync/presence.ts";
import { useWorkshop } from "../sync/useDocStore.ts";
import { WorkshopLanguage } from "../ui/ReadAloud.tsx";
import { navigate } from "./router.ts";
import { ConnectionBanner, combineStates, OfflineNotice } from "./topbar/ConnectionBanner.tsx";
import { Presence } from "./topbar/Presence.tsx";
import { Timer } from "./topbar/Timer.tsx";
import { WhoIsWriting } from "./topbar/WhoIsWriting.tsx";
import { YouMenu } from "./topbar/YouMenu.tsx";
import { useUi } from "./ui.ts";
import { setActivityOnScreen } from "./update.ts";

// Facilitators are few: their cockpit (and the QR code library) loads only for them, and so do their words
// (i18n/facilitatorWords.ts): the English part comes with the cockpit's modules, another language's is
// fetched before it renders, so it never shows English in Welsh (the Suspense fallback shows meanwhile).
const Cockpit = lazy(async () => {
  const cockpit = await import("../facilitator/Cockpit.tsx");
  await partsReady();
  return cockpit;
});

/** What a link's fragment brings: a key (facilitator or room screen) or a participant's own link. */
type Fragment =
  | { kind: "key"; key: string; code: string | null; observer: string | null }
  | { kind: "participant"; participantId: string; key: string; code: string | null };

function readFragment(): Fragment | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const participantId = params.get("participant");
  const participantKey = params.get("pkey");
  if (participantId && participantKey) {
    return { kind: "participant", participantId, key: participantKey, code: params.get("code") };
  }
  const key = params.get("key");
  return key ? { kind: "key", key, code: params.get("code"), observer: params.get("observer") } : null;
}

/** A saved participant session without a token (lost or cleared) that its key can bring back. */
const needsRejoin = (s: Session | null): boolean => canRejoin(s) && !s.token;

/**
 * Works out who this device is for this workshop: a key in the link's fragment (facilitator or room screen)
 * is exchanged for a token; a participant's "continue on another device" link (`#participant=…&pkey=…`)
 * brings that same person here (`POST /api/rejoin`); otherwise the session saved when this device joined,
 * renewed with the participant's key when its token is missing or refused.
 */
function useSessionFor(workshopId: WorkshopId) {
  const [session, setSession] = useState<Session | null>(() => {
    const saved = readFragment() ? null : loadSession(workshopId);
    return needsRejoin(saved) ? null : saved;
  });
  const [error, setError] = useState<string | null>(null);
  const [rejoining, setRejoining] = useState(false);
  // Once per page: a token refused again right after a rejoin is not something another rejoin can mend.
  const renewed = useRef(false);
  // A link opened on a page already showing this workshop changes only the fragment, with no new page load
  // (the facilitator's code for a shared tablet, scanned there): read it all the same.
  const [linkOpened, setLinkOpened] = useState(0);
  useEffect(() => {
    const onHash = () => setLinkOpened((n) => n + 1);
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const rejoin = useCallback(
    async (participantId: string, key: string, joinCode: string | null): Promise<Session> => {
      const res = await api.rejoin({ workshopId, participantId, key, device: deviceLabel() });
      const s = participantSession(res, joinCode);
      saveSession(s);
      return s;
    },
    [workshopId],
  );

  useEffect(() => {
    void linkOpened;
    const fragment = readFragment();
    const saved = loadSession(workshopId);
    let live = true;
    const fail = (err: unknown) => live && setError(failureMessage(err));
    if (fragment?.kind === "participant") {
      // The secret has done its job as soon as it is read: out of the address bar, whatever the answer, so
      // it is not left in the history, a bookmark or a screenshot.
      history.replaceState(null, "", location.pathname);
      // The facilitator's own browser stays the facilitator's: a participant's link opened there (to try
      // it) must not replace the only copy of the private link this device keeps.
      if (saved && saved.role !== "participant") {
        setSession(saved);
        return;
      }
      // A person's link opened on a device where someone else writes (the facilitator added them for a
      // shared tablet): that person joins this device's people; whoever was writing stays in the list.
      if (saved) rememberPerson(saved);
      rejoin(fragment.participantId, fragment.key, fragment.code ?? saved?.joinCode ?? null).then(
        (s) => live && setSession(s),
        fail,
      );
    } else if (fragment?.kind === "key") {
      api.session({ workshopId, key: fragment.key }).then((res) => {
        if (!live) return;
        const s: Session = {
          workshopId: res.workshopId,
          token: res.token,
          role: res.role,
          name: res.role === "facilitator" ? i18n.t("start.facilitator") : i18n.t("presence.roomScreen"),
          group: null,
          groupName: null,
          joinCode: fragment.code ?? saved?.joinCode ?? null,
          ...(res.role === "facilitator"
            ? {
                facilitatorKey: fragment.key,
                ...((fragment.observer ?? saved?.observerKey)
                  ? { observerKey: fragment.observer ?? saved?.observerKey }
                  : {}),
              }
            : {}),
        };
        saveSession(s);
        // The key has done its job: take it out of the address bar, so it is not shown on a projector or
        // copied along with the page address.
        history.replaceState(null, "", location.pathname);
        setSession(s);
      }, fail);
    } else if (canRejoin(saved) && !saved.token) {
      renewed.current = true;
      rejoin(saved.participantId, saved.participantKey, saved.joinCode).then(
        (s) => live && setSession(s),
        fail,
      );
    }
    return () => {
      live = false;
    };
  }, [workshopId, rejoin, linkOpened]);

  /** The server refused this participant's token (4401): come back as the same person with the key. */
  const renew = useCallback(() => {
    const saved = loadSession(workshopId);
    if (renewed.current || !canRejoin(saved)) return;
    renewed.current = true;
    setRejoining(true);
    rejoin(saved.participantId, saved.participantKey, saved.joinCode).then(
      (s) => {
        setRejoining(false);
        setSession(s);
      },
      (err) => {
        setRejoining(false);
        // Removed, or the key no longer works: say so. Unreachable: the refusal on screen says enough.
        if (err instanceof ApiFailure && err.status === 403) setError(failureMessage(err));
      },
    );
  }, [workshopId, rejoin]);

  /**
   * Another person on this device writes from now on (a shared tablet): the whole screen reconnects with
   * their token. They get their own chance to be signed back in.
   */
  const switchTo = useCallback((next: Session) => {
    saveSession(next);
    renewed.current = false;
    setError(null);
    setSession(next);
  }, []);

  return { session, error, rejoining, renew, switchTo };
}

export function Board({ workshopId }: { workshopId: WorkshopId }) {
  const { session, error, rejoining, renew, switchTo } = useSessionFor(workshopId);
  const { t } = useTranslation();
  if (error) {
    return (
      <main className="page">
        <h1>{t("board.couldNotOpen")}</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <button type="button" className="btn" onClick={() => navigate("/")}>
          {t("app.toStart")}
        </button>
      </main>
    );
  }
  if (!session) {
    if (readFragment() || needsRejoin(loadSession(workshopId)))
      return (
        <main className="page" role="status">
          {t("board.opening")}
        </main>
      );
    return (
      <main className="page">
        <h1>{t("board.joinFirst")}</h1>
        <p>{t("board.notJoined")}</p>
        <button type="button" className="btn primary" onClick={() => navigate("/join")}>
          {t("board.enterCode")}
        </button>
      </main>
    );
  }
  return (
    <WorkshopScreen
      key={session.token}
      session={session}
      rejoining={rejoining}
      onTokenRefused={renew}
      onSwitch={switchTo}
    />
  );
}

function WorkshopScreen({
  session,
  rejoining,
  onTokenRefused,
  onSwitch,
}: {
  session: Session;
  rejoining: boolean;
  onTokenRefused(): void;
  onSwitch(next: Session): void;
}) {
  const { t } = useTranslation();
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
  const fatalCode = fatal?.closeCode ?? null;
  // A participant whose token is refused comes back as the same person, if this device has their key.
  const mayRejoin = session.role === "participant" && canRejoin(session);
  useEffect(() => {
    if (fatalCode === CloseCode.Unauthorized && mayRejoin) onTokenRefused();
  }, [fatalCode, mayRejoin, onTokenRefused]);
  // Removed by the facilitator: the sentence says what happened; nothing to reconnect, nothing to work on.
  const removed = fatalCode === CloseCode.Removed;
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
  // The installed app opens here next time; a new version of the app is offered between activities.
  useEffect(() => saveLastWorkshop(session.workshopId), [session.workshopId]);
  const activityId = activity?.id ?? null;
  useEffect(() => {
    setActivityOnScreen(activityId);
    return () => setActivityOnScreen(null);
  }, [activityId]);
  const chart = useListActivityDoc(session, activity);
  // "Bring everyone to this activity" brings back whoever was looking at an earlier one too.
  useEffect(() => {
    if (current) setLooking(null);
  }, [current, setLooking]);
  const hasContent = workshop !== null && (workshop.groups.length > 0 || activities.length > 0);
  // Only the cockpit counts who is here (its progress); nobody else re-renders the board on presence.
  const people = usePresence(session.role === "facilitator" ? (conn?.awareness ?? null) : null);
  const title = workshop?.meta.title || t("board.workshop");
  // The timer belongs to the activity it was started for: not shown once people are elsewhere.
  const timer = timerFor(workshop?.control.timer ?? null, activity?.id);

  // Read aloud reads the workshop's own words in the workshop's language (ReadAloud.tsx).
  const board = (
    <WorkshopLanguage lang={workshop?.meta.language}>
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
    </WorkshopLanguage>
  );

  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar-title">
          <strong>{title}</strong>
          {session.role === "participant" ? (
            <span className="badge">{t("board.yourGroup", { group: session.groupName ?? "" })}</span>
          ) : (
            <span className="badge">
              {session.role === "facilitator" ? t("start.facilitator") : t("presence.roomScreen")}
            </span>
          )}
        </div>
        {/* Removed: the page says so once, below; no connection line, people or phone link to offer. */}
        {removed ? null : (
          <>
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
            {/* Together at the bar's end, on whichever line they land when it wraps (topbar.css). */}
            {session.role === "participant" ? (
              <div className="topbar-own">
                {session.participantId && workshop ? (
                  <WhoIsWriting session={session} groups={workshop.groups} onSwitch={onSwitch} />
                ) : null}
                <YouMenu session={session} />
              </div>
            ) : null}
            {/* The cockpit's own language control (participants have theirs in the You menu). */}
            {session.role === "facilitator" ? <LanguageSwitch className="topbar-language" /> : null}
          </>
        )}
      </header>
      {removed ? null : <LiveOfflineNotice />}
      <div className="sr-only" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
      <main className={session.role === "facilitator" ? "cockpit-page" : "page board"}>
        {removed ? (
          <div className="panel removed">
            <h1>{t("board.noLonger")}</h1>
            <p className="error" role="alert">
              {fatal?.message}
            </p>
            <p>{t("board.mistake")}</p>
            <OthersOnThisDevice session={session} onSwitch={onSwitch} />
          </div>
        ) : null}
        {fatal && fatalCode === CloseCode.Unauthorized && mayRejoin && rejoining ? (
          <p role="status">{t("board.signingIn")}</p>
        ) : null}
        {fatal && !removed && !(fatalCode === CloseCode.Unauthorized && mayRejoin && rejoining) ? (
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
                {t("board.joinAgain")}
              </button>
            ) : null}
          </div>
        ) : null}
        {!hasContent && !fatal ? <p role="status">{t("board.loading")}</p> : null}
        {session.role === "participant" && doc && workshop && !removed ? (
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
          <Suspense fallback={<p role="status">{t("board.loadingTools")}</p>}>
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
        ) : removed ? null : (
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

/**
 * A shared tablet whose person was removed is still the others' tablet: they carry on as themselves. No
 * changes are waiting (the removed person's connections are closed), so switching needs no wait.
 */
function OthersOnThisDevice({ session, onSwitch }: { session: Session; onSwitch(next: Session): void }) {
  const others = devicePeople(session.workshopId).filter((p) => p.participantId !== session.participantId);
  const { t } = useTranslation();
  if (others.length === 0) return null;
  return (
    <>
      <p>{t("board.carryOnAs")}</p>
      <div className="actions">
        {others.map((p) => (
          <button
            key={p.participantId}
            type="button"
            className="btn"
            onClick={() => {
              saveSession(p);
              onSwitch(p);
            }}
          >
            {p.name}
            {p.groupName ? `, ${p.groupName}` : ""}
          </button>
        ))}
      </div>
    </>
  );
}

/** The sentence under the top bar while the device is offline (its own component, like the line above). */
function LiveOfflineNotice() {
  return <OfflineNotice state={combineStates(useAllConnectionStates())} />;
}
