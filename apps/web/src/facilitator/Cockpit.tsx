/**
 * The facilitator's cockpit: one screen that fits a 1440×900 laptop for the common path of a meeting.
 * - a bar of what to do next with the activity on screen (`RunBar.tsx`): bring everyone here, reveal, lock,
 *   what the room's screen shows, chart an aspect, vote results, the timer;
 * - the agenda as a rail (`AgendaRail.tsx`): the current activity marked, any other a tap away, with each
 *   group's progress;
 * - the live board in the middle (the participants' board with every group's lane), scrolled to its top
 *   whenever the activity changes, so opening a chart is seen where the facilitator looks;
 * - sharing, the people (`PeoplePanel.tsx`), the agenda editor and the downloads in dialogs, out of the way of running the meeting.
 * Loaded lazily, with the QR code library and the exports, so participants' tablets never download them.
 */

// The facilitator's words: a part of the catalogue loaded with this lazy screen, never in the first load.
import "../i18n/facilitatorWords.ts";
import type { Activity, Workshop } from "@continuum/model";
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { VotingControls } from "../activities/chart/VotingControls.tsx";
import { RoundControls } from "../activities/scale/rounds/RoundControls.tsx";
import { AgendaEditor } from "../agenda/AgendaEditor.tsx";
import { links } from "../app/router.ts";
import { useUi } from "../app/ui.ts";
import { type Session, saveSummary } from "../session.ts";
import { serverNow, syncClock } from "../sync/clock.ts";
import type { Person } from "../sync/presence.ts";
import { useScreenTitle } from "../ui/useScreenTitle.ts";
import { AgendaRail } from "./AgendaRail.tsx";
import { Dialog } from "./Dialog.tsx";
import { PeoplePanel } from "./PeoplePanel.tsx";
import { RunBar } from "./RunBar.tsx";
import { ShareBackPanel } from "./ShareBackPanel.tsx";
import { SharePanel } from "./SharePanel.tsx";
import { useShare } from "./useShare.ts";
import "./cockpit.css";

// The export formats and their layout code are a chunk of their own, fetched when the dialog opens.
const ExportPanel = lazy(() => import("./ExportPanel.tsx"));

export interface CockpitProps {
  doc: Y.Doc;
  workshop: Workshop;
  session: Session;
  /** The activity the facilitator is looking at. */
  activity: Activity | null;
  /** The document of the chart or board on screen, for its dot voting (null for a scale). */
  chartDoc: Y.Doc | null;
  /** Who is here now (presence on the workshop document). */
  people: readonly Person[];
  /** The board itself, rendered by the board route like everyone else's. */
  board: ReactNode;
}

type Open = "share" | "people" | "agenda" | "downloads" | null;

export default function Cockpit({ doc, workshop, session, activity, chartDoc, people, board }: CockpitProps) {
  const share = useShare(session);
  const [open, setOpen] = useState<Open>(null);
  const { t } = useTranslation();
  const boardRef = useRef<HTMLElement>(null);
  const setFacilitatorActivity = useUi((s) => s.setFacilitatorActivity);
  // Timers are started on the server's clock, so measure it before the facilitator can start one.
  useEffect(() => {
    void syncClock(true);
  }, []);
  // A newly opened activity is shown from its top: nothing seems to happen when it opens out of sight.
  const activityId = activity?.id;
  useEffect(() => {
    if (activityId) boardRef.current?.scrollTo?.({ top: 0 });
  }, [activityId]);

  // The cockpit names its screen first, whatever board it shows.
  useScreenTitle(t("cockpit.pageTitle", { title: workshop.meta.title || t("board.workshop") }));

  const participantsHere = people.filter((p) => p.here && p.role === "participant").length;
  const { title, date } = workshop.meta;
  const { meetingEnded } = workshop.control;
  const openBetween = workshop.activities.some((a) => a.openBetweenMeetings);
  useEffect(() => {
    saveSummary(session.workshopId, {
      title,
      date,
      status: share.closed ? "closed" : meetingEnded ? (openBetween ? "open-between" : "ended") : "running",
      people: participantsHere,
      seenAt: Date.now(),
    });
  }, [session.workshopId, title, date, meetingEnded, openBetween, participantsHere, share.closed]);

  const roomUrl = share.roomToken
    ? links.present(location.origin, session.workshopId, share.roomToken, share.joinCode)
    : null;
  const present = () => {
    // A window of its own, to drag onto the projector; `noopener`: it needs nothing from this page.
    if (roomUrl) window.open(roomUrl, `continuum-present-${session.workshopId}`, "noopener");
  };

  return (
    <div className="cockpit">
      <AgendaRail
        doc={doc}
        workshop={workshop}
        shown={activity}
        people={people}
        onLook={(id) => setFacilitatorActivity(id)}
      >
        <div className="rail-share">
          <p className="rail-code">
            {share.joinCode ? (
              <>
                <span className="sr-only">
                  {t("cockpit.codeSpoken", { code: share.joinCode.split("").join(" ") })}
                </span>
                <span aria-hidden="true">
                  {t("cockpit.code")} <strong>{share.joinCode}</strong>
                </span>
              </>
            ) : (
              (share.error ?? t("cockpit.gettingCode"))
            )}
          </p>
          <div className="rail-actions">
            <button type="button" className="btn primary" disabled={!roomUrl} onClick={present}>
              {t("cockpit.present")}
            </button>
            {!roomUrl ? <p className="hint">{t("cockpit.roomLinkComing")}</p> : null}
            <button type="button" className="btn" onClick={() => setOpen("share")}>
              {t("cockpit.shareButton")}
            </button>
            <button type="button" className="btn" onClick={() => setOpen("people")}>
              {t("cockpit.people")}
            </button>
            <button type="button" className="btn" onClick={() => setOpen("agenda")}>
              {t("cockpit.agenda")}
            </button>
            <button type="button" className="btn" onClick={() => setOpen("downloads")}>
              {t("cockpit.downloadsButton")}
            </button>
          </div>
        </div>
        {activity && activity.kind !== "scale" && chartDoc ? (
          <VotingControls key={activity.id} workshopDoc={doc} chartDoc={chartDoc} activityId={activity.id} />
        ) : null}
      </AgendaRail>
      <div className="cockpit-main">
        {/* The rounds go with the bar: under it, or in its "More" menu on a narrow screen. */}
        <RunBar
          doc={doc}
          workshop={workshop}
          activity={activity}
          now={serverNow}
          more={
            activity?.kind === "scale" ? (
              <RoundControls
                key={activity.id}
                doc={doc}
                workshop={workshop}
                activity={activity}
                session={session}
              />
            ) : null
          }
        />
        {/* It scrolls on its own, so it takes keyboard focus to scroll with the arrow keys (WCAG 2.1.1). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section className="cockpit-board" ref={boardRef} tabIndex={0} aria-label={t("cockpit.liveBoard")}>
          {board}
        </section>
      </div>
      <Dialog title={t("cockpit.shareTitle")} open={open === "share"} onClose={() => setOpen(null)} wide>
        <SharePanel session={session} share={share} />
      </Dialog>
      <Dialog title={t("cockpit.people")} open={open === "people"} onClose={() => setOpen(null)} wide>
        <PeoplePanel session={session} groups={workshop.groups} />
      </Dialog>
      <Dialog title={t("cockpit.agenda")} open={open === "agenda"} onClose={() => setOpen(null)} wide>
        <AgendaEditor workshopDoc={doc} now={serverNow} />
      </Dialog>
      <Dialog title={t("cockpit.downloads")} open={open === "downloads"} onClose={() => setOpen(null)} wide>
        <Suspense fallback={<p role="status">{t("cockpit.loadingDownloads")}</p>}>
          <ExportPanel workshopDoc={doc} session={session} activity={activity} />
        </Suspense>
        <ShareBackPanel session={session} />
      </Dialog>
    </div>
  );
}
