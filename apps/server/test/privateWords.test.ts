/**
 * A prompt board that collects privately first (ACC-12), tried with stock Yjs clients: before the
 * facilitator shares the words, a raw client is refused another person's words (4403), and once shared it
 * reads them.
 */
import {
  addBoardActivity,
  addChartNote,
  type ColumnId,
  copyWords,
  getActivity,
  listChartNotes,
  setPrivateFirst,
  setWordsShared,
} from "@continuum/model";
import {
  type ActivityId,
  boardDocName,
  CloseCode,
  type ParticipantId,
  type WorkshopId,
  wordsDocName,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import {
  closeCodeOf,
  closedWith,
  createWorkshop,
  eventually,
  joinAs,
  rawSocket,
  serverPerTest,
  synced,
} from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

describe("ACC-12: a prompt board's words are private until the facilitator shares them", () => {
  it("refuses another person's words before sharing, and gives them to read after", async () => {
    const created = await createWorkshop(env.server.url);
    const workshopId = created.id as WorkshopId;
    const facilitator = env.open(env.server.url, created.id, created.token);
    await synced(facilitator);
    const board = addBoardActivity(facilitator.doc, { title: "Word association", prompts: ["Holding"] });
    setPrivateFirst(facilitator.doc, board, true);
    const activity = getActivity(facilitator.doc, board);
    const column = (activity?.kind === "board" ? activity.columns[0]?.id : undefined) as ColumnId;

    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const bob = await joinAs(env.server.url, created.joinCode, "Bob", "Link workers");
    const annWords = wordsDocName(workshopId, board as ActivityId, ann.participantId as ParticipantId);

    // Ann writes her word in her own document.
    const mine = env.open(env.server.url, annWords, ann.token);
    await synced(mine);
    addChartNote(mine.doc, { text: "Safe", columnId: column, author: "Ann", groupId: null });

    // Bob, even in Ann's group, and the room screen cannot open Ann's words: refused at the connection.
    expect(await closeCodeOf(await rawSocket(env.server.url, annWords, bob.token))).toBe(CloseCode.Forbidden);
    const screen = await createWorkshopObserver(created);
    expect(await closeCodeOf(await rawSocket(env.server.url, annWords, screen))).toBe(CloseCode.Forbidden);
    // And nothing of Ann's words is in the shared board that Bob reads.
    const bobBoard = env.open(env.server.url, boardDocName(workshopId, board as ActivityId), bob.token);
    await synced(bobBoard);
    expect(listChartNotes(bobBoard.doc)).toEqual([]);

    // The facilitator reads Ann's words at any time, shares the board's words, and copies them in.
    const facWords = env.open(env.server.url, annWords, created.token);
    await synced(facWords);
    await eventually(() => expect(listChartNotes(facWords.doc).map((n) => n.text)).toEqual(["Safe"]));
    setWordsShared(facilitator.doc, board, true);
    const facBoard = env.open(env.server.url, boardDocName(workshopId, board as ActivityId), created.token);
    await synced(facBoard);
    expect(copyWords(facWords.doc, facBoard.doc, ann.participantId as ParticipantId)).toBe(1);
    await eventually(() => expect(listChartNotes(bobBoard.doc).map((n) => n.text)).toEqual(["Safe"]));

    // Now Bob may read Ann's own document too (never write it).
    const peek = env.open(env.server.url, annWords, bob.token);
    await synced(peek);
    expect(listChartNotes(peek.doc).map((n) => n.text)).toEqual(["Safe"]);
    // Hiding the words again closes his connection to them.
    setWordsShared(facilitator.doc, board, false);
    expect(await closedWith(peek)).toBe(CloseCode.Forbidden);
  });
});

/** The room screen's token, from its key. */
async function createWorkshopObserver(created: { id: string; observerKey: string }): Promise<string> {
  const res = await fetch(`${env.server.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workshopId: created.id, key: created.observerKey }),
  });
  return ((await res.json()) as { token: string }).token;
}
