/**
 * Everything only the facilitator sees: how people join, the controls of the activity on screen (with dot
 * voting for charts and boards), the agenda and meeting settings, and the downloads. Loaded lazily, with the
 * QR code library and the exports, so participants' tablets never download them.
 */
import type { Activity, Workshop } from "@continuum/model";
import { lazy, Suspense, useEffect } from "react";
import type * as Y from "yjs";
import { VotingControls } from "../activities/chart/VotingControls.tsx";
import { AgendaEditor } from "../agenda/AgendaEditor.tsx";
import { useUi } from "../app/ui.ts";
import type { Session } from "../session.ts";
import { serverNow, syncClock } from "../sync/clock.ts";
import { Controls } from "./Controls.tsx";
import { SharePanel } from "./SharePanel.tsx";

// The export formats and their layout code are a chunk of their own, fetched after the tools.
const ExportPanel = lazy(() => import("./ExportPanel.tsx"));

export interface FacilitatorToolsProps {
  doc: Y.Doc;
  workshop: Workshop;
  session: Session;
  activity: Activity | null;
  /** The document of the chart or board on screen, for its dot voting (null for a scale). */
  chartDoc: Y.Doc | null;
}

export default function FacilitatorTools({
  doc,
  workshop,
  session,
  activity,
  chartDoc,
}: FacilitatorToolsProps) {
  return (
    <div className="facilitator">
      <SharePanel session={session} />
      <Controls doc={doc} workshop={workshop} activity={activity} />
      {activity && activity.kind !== "scale" && chartDoc ? (
        <VotingControls key={activity.id} workshopDoc={doc} chartDoc={chartDoc} activityId={activity.id} />
      ) : null}
    </div>
  );
}

/** Below the board: the agenda with the meeting's settings, and the downloads. */
export function FacilitatorAfterBoard({
  doc,
  session,
  activity,
}: {
  doc: Y.Doc;
  session: Session;
  activity: Activity | null;
}) {
  const setFacilitatorActivity = useUi((s) => s.setFacilitatorActivity);
  // Timers are started on the server's clock, so measure it before the facilitator can start one.
  useEffect(() => {
    void syncClock(true);
  }, []);
  return (
    <div className="facilitator facilitator-after">
      <div className="panel">
        <AgendaEditor workshopDoc={doc} now={serverNow} onOpenActivity={(id) => setFacilitatorActivity(id)} />
      </div>
      <Suspense fallback={<p role="status">Loading the downloads…</p>}>
        <ExportPanel workshopDoc={doc} session={session} activity={activity} />
      </Suspense>
    </div>
  );
}
