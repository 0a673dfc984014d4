/**
 * "Share the words" on a prompt board that collected privately (ACC-12): the facilitator's device copies
 * each person's words into the board's shared document (copyWords keeps note ids, so copying twice or from
 * two devices converges), then marks the board shared, then copies once more so words written in between
 * are not left behind. Whose words to open comes from the workshop's people, as the server knows them.
 */
import { copyWords, setWordsShared } from "@continuum/model";
import { type ActivityId, type ParticipantId, type WorkshopId, wordsDocName } from "@continuum/protocol";
import type * as Y from "yjs";
import { api } from "../../api.ts";
import { openDocConnection, synced } from "../../sync/hooks.ts";

export async function shareWords(opts: {
  workshopDoc: Y.Doc;
  boardDoc: Y.Doc;
  workshopId: string;
  activityId: ActivityId;
  token: string;
}): Promise<number> {
  const { participants } = await api.participants(opts.workshopId, opts.token);
  const conns = participants.map((p) => ({
    id: p.id as ParticipantId,
    conn: openDocConnection(
      wordsDocName(opts.workshopId as WorkshopId, opts.activityId, p.id as ParticipantId),
      opts.token,
      "facilitator",
      true,
    ),
  }));
  try {
    await Promise.all(conns.map((c) => synced(c.conn)));
    let copied = 0;
    for (const c of conns) copied += copyWords(c.conn.doc, opts.boardDoc, c.id);
    setWordsShared(opts.workshopDoc, opts.activityId, true);
    for (const c of conns) copied += copyWords(c.conn.doc, opts.boardDoc, c.id);
    return copied;
  } finally {
    for (const c of conns) c.conn.destroy();
  }
}
