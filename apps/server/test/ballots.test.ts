/**
 * Secret ballots (ACC-11, BALLOT-1..3 in packages/protocol/SPEC.md), tried with stock Yjs clients as
 * participants would and with writes no honest client makes.
 */
import {
  addChartNote,
  ballotDots,
  type ColumnId,
  listActivities,
  placeBallotDot,
  readBallotVoters,
  readTally,
  setVoting,
} from "@continuum/model";
import {
  type ActivityId,
  ballotDocName,
  CloseCode,
  chartDocName,
  type JoinResponse,
  type NoteId,
  type ParticipantId,
  type WorkshopId,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { api, closedWith, createWorkshop, eventually, joinAs, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

/** The discretion workshop's first chart with two notes, voting open with a budget of 3. */
async function openVote() {
  const created = await createWorkshop(env.server.url);
  const facilitator = env.open(env.server.url, created.id, created.token);
  await synced(facilitator);
  const chart = listActivities(facilitator.doc).find((a) => a.kind === "chart");
  if (chart?.kind !== "chart") throw new Error("the discretion template has a chart");
  const activityId = chart.id as ActivityId;
  const chartName = chartDocName(created.id as WorkshopId, activityId);
  const board = env.open(env.server.url, chartName, created.token);
  await synced(board);
  const column = chart.columns[0]?.id as ColumnId;
  const notes = [0, 1].map((i) =>
    addChartNote(board.doc, { text: `Comment ${i}`, columnId: column, author: "F", groupId: null }),
  ) as [NoteId, NoteId];
  setVoting(facilitator.doc, activityId, { open: true, budget: 3 });
  const ballotOf = (who: JoinResponse) =>
    ballotDocName(created.id as WorkshopId, activityId, who.participantId as ParticipantId);
  return { created, facilitator, activityId, chartName, notes, ballotOf };
}

describe("secret ballots", () => {
  it("BALLOT-1: nobody but the voter opens a ballot, and the chart holds no one's dots before the reveal", async () => {
    const v = await openVote();
    const ann = await joinAs(env.server.url, v.created.joinCode, "Ann", "Link workers");
    const bob = await joinAs(env.server.url, v.created.joinCode, "Bob", "PPI contributors");
    const annBallot = env.open(env.server.url, v.ballotOf(ann), ann.token);
    await synced(annBallot);
    placeBallotDot(annBallot.doc, v.notes[0], 3);
    placeBallotDot(annBallot.doc, v.notes[0], 3);
    // Bob cannot open Ann's ballot, nor can the room screen.
    const peek = env.open(env.server.url, v.ballotOf(ann), bob.token);
    expect(await closedWith(peek)).toBe(CloseCode.Forbidden);
    // Bob's replica of the chart has no dots of anyone's in it: no votes, no totals, only how many voted.
    const bobChart = env.open(env.server.url, v.chartName, bob.token);
    await synced(bobChart);
    await eventually(() => expect(readBallotVoters(bobChart.doc)).toBe(1));
    expect(readTally(bobChart.doc)).toBeNull();
    expect(bobChart.doc.getMap("votes").size).toBe(0);
    expect(bobChart.doc.getMap("tally").size).toBe(0);
  });

  it("BALLOT-2: a dot over the budget is refused, and two devices of one person share one budget", async () => {
    const v = await openVote();
    const ann = await joinAs(env.server.url, v.created.joinCode, "Ann", "Link workers");
    const phone = await api<JoinResponse>(env.server.url, "POST", "/api/rejoin", {
      workshopId: v.created.id,
      participantId: ann.participantId,
      key: ann.participantKey,
    });
    const onTablet = env.open(env.server.url, v.ballotOf(ann), ann.token);
    const onPhone = env.open(env.server.url, v.ballotOf(ann), phone.body.token);
    await Promise.all([synced(onTablet), synced(onPhone)]);
    placeBallotDot(onTablet.doc, v.notes[0], 3);
    placeBallotDot(onTablet.doc, v.notes[0], 3);
    await eventually(() => expect(ballotDots(onPhone.doc).get(v.notes[0])).toBe(2));
    placeBallotDot(onPhone.doc, v.notes[1], 3);
    await eventually(() => expect(ballotDots(onTablet.doc).get(v.notes[1])).toBe(1));
    // The phone's client thinks it may place no more; a modified one writes a 4th dot anyway.
    expect(placeBallotDot(onPhone.doc, v.notes[1], 3)).toBe(false);
    onPhone.doc.getMap("dots").set(v.notes[1], 2);
    // The server refuses it: a fresh look at the ballot still has 3 dots.
    await new Promise((r) => setTimeout(r, 200));
    const check = env.open(env.server.url, v.ballotOf(ann), v.created.token);
    await synced(check);
    expect(ballotDots(check.doc)).toEqual(
      new Map([
        [v.notes[0], 2],
        [v.notes[1], 1],
      ]),
    );
  });

  it("BALLOT-3: on the reveal the server publishes the totals to everyone; each person keeps their own dots", async () => {
    const v = await openVote();
    const ann = await joinAs(env.server.url, v.created.joinCode, "Ann", "Link workers");
    const bob = await joinAs(env.server.url, v.created.joinCode, "Bob", "PPI contributors");
    const annBallot = env.open(env.server.url, v.ballotOf(ann), ann.token);
    const bobBallot = env.open(env.server.url, v.ballotOf(bob), bob.token);
    await Promise.all([synced(annBallot), synced(bobBallot)]);
    placeBallotDot(annBallot.doc, v.notes[0], 3);
    placeBallotDot(bobBallot.doc, v.notes[0], 3);
    placeBallotDot(bobBallot.doc, v.notes[1], 3);
    const screen = env.open(env.server.url, v.chartName, bob.token);
    await synced(screen);
    await eventually(() => expect(readBallotVoters(screen.doc)).toBe(2));
    expect(readTally(screen.doc)).toBeNull();
    setVoting(v.facilitator.doc, v.activityId, { revealed: true });
    await eventually(() =>
      expect(readTally(screen.doc)).toEqual(
        new Map([
          [v.notes[0], 2],
          [v.notes[1], 1],
        ]),
      ),
    );
    // While revealed, a change of heart shows at once.
    placeBallotDot(annBallot.doc, v.notes[1], 3);
    await eventually(() => expect(readTally(screen.doc)?.get(v.notes[1])).toBe(2));
    expect(ballotDots(annBallot.doc).get(v.notes[0])).toBe(1);
  });

  it("BALLOT-4: clearing the dots starts a new round: every ballot is emptied, and a stale one cannot hold on", async () => {
    const v = await openVote();
    const ann = await joinAs(env.server.url, v.created.joinCode, "Ann", "Link workers");
    const annBallot = env.open(env.server.url, v.ballotOf(ann), ann.token);
    await synced(annBallot);
    placeBallotDot(annBallot.doc, v.notes[0], 3);
    placeBallotDot(annBallot.doc, v.notes[0], 3);
    await eventually(() => expect(ballotDots(annBallot.doc).get(v.notes[0])).toBe(2));
    await new Promise((r) => setTimeout(r, 100));
    setVoting(v.facilitator.doc, v.activityId, { round: 1, revealed: true });
    await eventually(() => expect(ballotDots(annBallot.doc).size).toBe(0));
    // A fresh budget in the new round; a client claiming the old round back is refused.
    expect(placeBallotDot(annBallot.doc, v.notes[1], 3)).toBe(true);
    const screen = env.open(env.server.url, v.chartName, ann.token);
    await synced(screen);
    await eventually(() => expect(readTally(screen.doc)).toEqual(new Map([[v.notes[1], 1]])));
    annBallot.doc.getMap("meta").set("round", 0);
    await new Promise((r) => setTimeout(r, 200));
    const check = env.open(env.server.url, v.ballotOf(ann), v.created.token);
    await synced(check);
    expect(check.doc.getMap("meta").get("round")).toBe(1);
  });
});
