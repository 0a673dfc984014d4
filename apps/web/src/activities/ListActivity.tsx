/**
 * Charts and prompt boards in the app: the board route opens the activity's own document (through the same
 * `DocConnection` as the scale's lanes, so it is kept in IndexedDB, counted in the connection line and reset
 * after a refused write) and hands it to `ChartBoard` (`chart/`) or `PromptBoard` (`prompt/`).
 */

import type { Activity } from "@continuum/model";
import { boardDocName, chartDocName, type WorkshopId } from "@continuum/protocol";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { Session } from "../session.ts";
import type { DocConnection } from "../sync/connection.ts";
import { useConnectionState, useDoc, useDocConnection } from "../sync/hooks.ts";
import { ChartBoard } from "./chart/ChartBoard.tsx";
import { useActivityMe } from "./me.ts";
import { PromptBoard } from "./prompt/PromptBoard.tsx";

/** The document of a chart or prompt board; null for a scale (its lanes are opened by the scale board). */
export function listDocName(workshopId: WorkshopId, activity: Activity | undefined): string | null {
  if (!activity) return null;
  if (activity.kind === "chart") return chartDocName(workshopId, activity.id);
  if (activity.kind === "board") return boardDocName(workshopId, activity.id);
  return null;
}

/** Opens the chart or board document of the activity on screen (nothing for a scale). */
export function useListActivityDoc(session: Session, activity: Activity | undefined) {
  const docName = listDocName(session.workshopId, activity);
  const conn = useDocConnection(docName, session.token, session.role);
  const doc = useDoc(conn);
  // Right after the activity changes the hook still holds the previous activity's connection for a render.
  return conn && doc && conn.docName === docName ? { conn, doc } : null;
}

export function ListActivity({
  workshopDoc,
  activity,
  chart,
  session,
  readOnly,
}: {
  workshopDoc: Y.Doc;
  activity: Activity;
  chart: { conn: DocConnection; doc: Y.Doc } | null;
  session: Session;
  readOnly: boolean;
}) {
  const me = useActivityMe(session);
  const state = useConnectionState(chart?.conn ?? null);
  const { t } = useTranslation();
  if (activity.kind === "scale") return null;
  if (!chart || (!state.ready && state.status !== "closed")) {
    return (
      <section className="panel">
        <h1 className="activity-title">{activity.title}</h1>
        <p role="status">
          {activity.kind === "chart" ? t("present.openingChart") : t("present.openingBoard")}
        </p>
      </section>
    );
  }
  const Board = activity.kind === "chart" ? ChartBoard : PromptBoard;
  return (
    <Board
      key={`${activity.id}-${state.generation}`}
      workshopDoc={workshopDoc}
      chartDoc={chart.doc}
      activityId={activity.id}
      me={me}
      readOnly={readOnly}
    />
  );
}
