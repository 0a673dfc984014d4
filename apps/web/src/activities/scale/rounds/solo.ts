/**
 * The facilitator's device reads every person's own scale (ACC-13 lets only the facilitator open them all
 * before the reveal): for the live distributions in the comparison, for revealing the individual round (the
 * summary written into the activity, without anyone's id) and for starting the group round from each group's
 * median. Whose scales to open comes from the workshop's people, as the server knows them.
 */
import { type SoloPlacements, type SoloSummary, soloPlacements, summariseSolo } from "@continuum/model";
import { type ActivityId, type ParticipantId, soloDocName, type WorkshopId } from "@continuum/protocol";
import { useEffect, useState } from "react";
import { api } from "../../../api.ts";
import type { DocConnection } from "../../../sync/connection.ts";
import { openDocConnection, synced } from "../../../sync/hooks.ts";

/** Opens every person's own scale of an activity (the caller destroys them). */
export async function openSolos(
  workshopId: string,
  activityId: ActivityId,
  token: string,
): Promise<{ id: ParticipantId; conn: DocConnection }[]> {
  const { participants } = await api.participants(workshopId, token);
  return participants.map((p) => ({
    id: p.id as ParticipantId,
    conn: openDocConnection(
      soloDocName(workshopId as WorkshopId, activityId, p.id as ParticipantId),
      token,
      "facilitator",
      true,
    ),
  }));
}

/** Every person's placements, read once (each scale opened, synced, read and closed). */
export async function readAllSolos(
  workshopId: string,
  activityId: ActivityId,
  token: string,
): Promise<SoloPlacements[]> {
  const conns = await openSolos(workshopId, activityId, token);
  try {
    await Promise.all(conns.map((c) => synced(c.conn)));
    return conns.map((c) => soloPlacements(c.conn.doc, c.id)).filter((p) => p.notes.length > 0);
  } finally {
    for (const c of conns) c.conn.destroy();
  }
}

/**
 * The facilitator's live summary of the individual placements while an individual round is on screen:
 * every person's scale stays open and the summary is recomputed when any of them changes. Null for others
 * (they see the summary the reveal wrote) and while it loads.
 */
export function useLiveSoloSummary(
  enabled: boolean,
  workshopId: string,
  activityId: ActivityId,
  token: string,
): SoloSummary | null {
  const [summary, setSummary] = useState<SoloSummary | null>(null);
  useEffect(() => {
    if (!enabled) {
      setSummary(null);
      return;
    }
    let conns: { id: ParticipantId; conn: DocConnection }[] = [];
    let stopped = false;
    const offs: (() => void)[] = [];
    const recompute = () => {
      if (!stopped) setSummary(summariseSolo(conns.map((x) => soloPlacements(x.conn.doc, x.id))));
    };
    openSolos(workshopId, activityId, token)
      .then((opened) => {
        if (stopped) {
          for (const x of opened) x.conn.destroy();
          return;
        }
        conns = opened;
        for (const x of conns) {
          offs.push(x.conn.subscribe(recompute));
          const onUpdate = () => recompute();
          x.conn.doc.on("update", onUpdate);
          offs.push(() => x.conn.doc.off("update", onUpdate));
        }
        recompute();
      })
      .catch(() => setSummary(null));
    return () => {
      stopped = true;
      for (const off of offs) off();
      for (const x of conns) x.conn.destroy();
    };
  }, [enabled, workshopId, activityId, token]);
  return summary;
}
