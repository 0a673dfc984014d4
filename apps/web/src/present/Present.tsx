/**
 * Present mode: the room's big screen, read from the back of a room. It opens with a read-only observer
 * token (the room-screen link `/w/<id>/present#token=…`, never a key) and follows the facilitator: the
 * current activity, and within it the view the facilitator chose (`control.view`: the groups' scales, the
 * comparison, the vote results). Between activities it shows how to join: the code, the QR code, the
 * address, and who has joined per group. Nothing on it is for a participant to act on.
 *
 * The activity boards are the same components participants see, in a container (`.present`) that sizes
 * their type for distance and hides what only a person at a tablet would use.
 */

import { type Activity, timerFor, type Workshop } from "@continuum/model";
import type { WorkshopId } from "@continuum/protocol";
import { useEffect, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ChartBoard } from "../activities/chart/ChartBoard.tsx";
import { useListActivityDoc } from "../activities/ListActivity.tsx";
import { useActivityMe } from "../activities/me.ts";
import { PromptBoard } from "../activities/prompt/PromptBoard.tsx";
import { ScaleActivity } from "../activities/scale/ScaleActivity.tsx";
import { api, failureMessage } from "../api.ts";
import { navigate } from "../app/router.ts";
import { Timer } from "../app/topbar/Timer.tsx";
import { useUi } from "../app/ui.ts";
import { i18n } from "../i18n/i18n.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { loadPresentSession, type PresentSession, type Session, savePresentSession } from "../session.ts";
import { useConnectionState, useDoc, useDocConnection } from "../sync/hooks.ts";
import { usePresence, usePublishPresence } from "../sync/presence.ts";
import { useWorkshop } from "../sync/useDocStore.ts";
import { WorkshopLanguage } from "../ui/ReadAloud.tsx";
import { useScreenTitle } from "../ui/useScreenTitle.ts";
import { JoinInvite } from "./JoinInvite.tsx";
import { VoteResults } from "./VoteResults.tsx";
import "./present.css";
import { setActivityOnScreen } from "../app/update.ts";

function readFragment(): { token: string | null; key: string | null; code: string | null } {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  return { token: params.get("token"), key: params.get("key"), code: params.get("code") };
}

/**
 * The room screen's own session (kept apart from a facilitator session on the same browser): a token from
 * the link's fragment, an older room link's observer key exchanged for one, or the one kept from before.
 */
function usePresentSession(workshopId: WorkshopId) {
  const [session, setSession] = useState<PresentSession | null>(() => {
    const f = readFragment();
    if (f.token) {
      const s = { workshopId, token: f.token, joinCode: f.code };
      savePresentSession(s);
      // The token has done its job in the address: take it out, so it is not on the projected page.
      history.replaceState(null, "", location.pathname);
      return s;
    }
    return f.key ? null : loadPresentSession(workshopId);
  });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const f = readFragment();
    if (!f.key) return;
    history.replaceState(null, "", location.pathname);
    let live = true;
    api.session({ workshopId, key: f.key, name: i18n.t("presence.roomScreen") }).then(
      (res) => {
        if (!live) return;
        if (res.role !== "observer") {
          // A facilitator's private link must never become what a projector shows.
          setError(i18n.t("present.facilitatorLink"));
          return;
        }
        const s = { workshopId, token: res.token, joinCode: f.code };
        savePresentSession(s);
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

export default function Present({ workshopId }: { workshopId: WorkshopId }) {
  const { session, error } = usePresentSession(workshopId);
  const { t } = useTranslation();
  if (error || (!session && !readFragment().key)) {
    return (
      <main className="page">
        <h1>{t("present.cannotShow")}</h1>
        <p className="error" role="alert">
          {error ?? t("present.openRoomLink")}
        </p>
        <button type="button" className="btn" onClick={() => navigate("/")}>
          {t("app.toStart")}
        </button>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="page" role="status">
        {t("app.openingRoomScreen")}
      </main>
    );
  }
  return <PresentScreen key={session.token} present={session} />;
}

/** The join code: from the link, else asked of the server with the room token (and kept). */
function useJoinCode(present: PresentSession): string | null {
  const [code, setCode] = useState(present.joinCode);
  useEffect(() => {
    let live = true;
    api.share(present.workshopId, present.token).then(
      (res) => {
        if (!live) return;
        setCode(res.joinCode);
        savePresentSession({ ...present, joinCode: res.joinCode });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [present]);
  return code;
}

function PresentScreen({ present }: { present: PresentSession }) {
  const session: Session = {
    workshopId: present.workshopId as WorkshopId,
    token: present.token,
    role: "observer",
    name: i18n.t("presence.roomScreen"),
    group: null,
    groupName: null,
    joinCode: present.joinCode,
  };
  const conn = useDocConnection(session.workshopId, session.token, "observer");
  const doc = useDoc(conn);
  const workshop = useWorkshop(doc);
  const state = useConnectionState(conn);
  const code = useJoinCode(present);
  usePublishPresence(conn?.awareness ?? null, {
    name: i18n.t("presence.roomScreen"),
    group: null,
    groupName: null,
    role: "observer",
  });
  const people = usePresence(conn?.awareness ?? null);
  const { t } = useTranslation();
  const title = workshop?.meta.title || t("board.workshop");
  useScreenTitle(t("present.pageTitle", { title }));
  useEffect(() => {
    document.documentElement.classList.add("presenting");
    return () => document.documentElement.classList.remove("presenting");
  }, []);

  const control = workshop?.control;
  const activity = workshop?.activities.find((a) => a.id === control?.currentActivity);
  const chart = useListActivityDoc(session, activity);
  const me = useActivityMe(session);
  // The scale board's own switch between lanes and comparison is local UI state: set it from what the
  // facilitator chose, so this screen follows without anyone touching it.
  const setView = useUi((s) => s.setView);
  const roomView = control?.view ?? "board";
  useEffect(() => setView(roomView === "compare" ? "compare" : "lanes"), [roomView, setView]);
  // The room sees this screen: a new version of the app is offered between activities here too.
  const activityId = activity?.id ?? null;
  useEffect(() => {
    setActivityOnScreen(activityId);
    return () => setActivityOnScreen(null);
  }, [activityId]);

  const joining = !activity || control?.meetingEnded === true;
  const timer = timerFor(control?.timer ?? null, activity?.id);
  const closed = state.status === "closed";
  const live = state.status === "connected" && state.ready;

  return (
    <div className={`present${joining ? " present-joining" : ""}`}>
      <header className="present-head">
        {/* One h1 per screen: during an activity the board's own title is the h1. */}
        {joining ? <h1>{title}</h1> : <p className="present-title">{title}</p>}
        <div className="present-timer">{timer ? <Timer timer={timer} /> : null}</div>
        {/* The room's language, chosen on the computer at the projector (kept on that device). */}
        <LanguageSwitch className="topbar-language present-language" />
        {live ? null : (
          <p className="present-offline" role="status">
            {closed ? state.message || t("present.notLive") : t("present.reconnecting")}
          </p>
        )}
      </header>
      <main className="present-body">
        {!workshop ? (
          <p role="status" className="present-wait">
            {t("board.opening")}
          </p>
        ) : joining ? (
          <JoinInvite
            code={code}
            workshop={workshop}
            people={people}
            ended={control?.meetingEnded === true}
          />
        ) : (
          <WorkshopLanguage lang={workshop.meta.language}>
            <PresentActivity
              workshop={workshop}
              activity={activity}
              session={session}
              workshopDoc={doc}
              chartDoc={chart?.doc ?? null}
              me={me}
              view={roomView}
            />
          </WorkshopLanguage>
        )}
      </main>
      {!joining && code ? (
        <footer className="present-foot">
          <Trans
            i18nKey="present.footer"
            values={{ site: location.host, code }}
            components={{ b: <strong />, code: <strong className="present-code" /> }}
          />
        </footer>
      ) : null}
    </div>
  );
}

function PresentActivity({
  workshop,
  activity,
  session,
  workshopDoc,
  chartDoc,
  me,
  view,
}: {
  workshop: Workshop;
  activity: Activity;
  session: Session;
  workshopDoc: import("yjs").Doc | null;
  chartDoc: import("yjs").Doc | null;
  me: ReturnType<typeof useActivityMe>;
  view: string;
}) {
  const { t } = useTranslation();
  if (!workshopDoc) return null;
  if (activity.kind === "scale") {
    return (
      <ScaleActivity
        key={activity.id}
        workshopId={session.workshopId}
        workshop={workshop}
        activity={activity}
        session={session}
        workshopDoc={workshopDoc}
        readOnly
      />
    );
  }
  if (!chartDoc)
    return (
      <p role="status">{activity.kind === "chart" ? t("present.openingChart") : t("present.openingBoard")}</p>
    );
  if (view === "results") {
    return <VoteResults workshopDoc={workshopDoc} chartDoc={chartDoc} activity={activity} />;
  }
  const Board = activity.kind === "chart" ? ChartBoard : PromptBoard;
  return (
    <Board
      key={activity.id}
      workshopDoc={workshopDoc}
      chartDoc={chartDoc}
      activityId={activity.id}
      me={me}
      readOnly
    />
  );
}
