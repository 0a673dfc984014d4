/**
 * Charts, prompt boards and the agenda's access settings (issue 4), through real y-websocket clients: who
 * may write a chart or board document is decided at the connection (ACC-7, ACC-9, ACC-10) and re-decided
 * when the facilitator changes the workshop document.
 */
import {
  addChartNote,
  type ChartActivity,
  castVote,
  listActivities,
  listChartNotes,
  readChartMeta,
  readSchemaVersion,
  SCHEMA_VERSION,
  setLocked,
  setMeetingEnded,
  setOpenBetweenMeetings,
  setTakingPart,
  voteCounts,
} from "@continuum/model";
import {
  type ActivityId,
  boardDocName,
  type CreateWorkshopResponse,
  chartDocName,
  type GroupId,
  WORKSHOP_TEMPLATES,
  type WorkshopId,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { api, type Client, eventually, joinAs, lookup, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest();
const open = env.open;
const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

async function create(template: string) {
  const res = await api<CreateWorkshopResponse>(env.server.url, "POST", "/api/workshops", {
    title: "Issue 4",
    template,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const created = res.body;
  const facilitator = open(env.server.url, created.id, created.token);
  await synced(facilitator);
  const { groups } = await lookup(env.server.url, created.joinCode);
  return { created, facilitator, groups: groups as { id: GroupId; name: string }[] };
}

function texts(doc: Y.Doc): string[] {
  return listChartNotes(doc)
    .map((n) => n.text)
    .sort();
}

/** A participant's note, from their own replica; whether the server took it is what the tests check. */
function write(client: Client, columnId: string, text: string, groupId: GroupId) {
  return addChartNote(client.doc, {
    columnId: columnId as never,
    text,
    author: "someone",
    groupId,
  });
}

describe("charts and prompt boards", () => {
  it("a chart is stamped as a chart, written by every group in mixed groups, read by the observer", async () => {
    const w = await create("discretion");
    const chart = listActivities(w.facilitator.doc).find((a): a is ChartActivity => a.kind === "chart");
    if (!chart) throw new Error("no chart");
    const name = chartDocName(w.created.id as WorkshopId, chart.id);
    const [lw, ppi] = w.groups as unknown as [{ id: GroupId }, { id: GroupId }];
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", lw.id);
    const pat = await joinAs(env.server.url, w.created.joinCode, "Pat", ppi.id);
    const a = open(env.server.url, name, ann.token);
    const p = open(env.server.url, name, pat.token);
    const f = open(env.server.url, name, w.created.token);
    await Promise.all([synced(a), synced(p), synced(f)]);
    expect(readChartMeta(f.doc)).toMatchObject({ kind: "chart", activityId: chart.id });
    expect(readSchemaVersion(f.doc)).toBe(SCHEMA_VERSION);
    const pros = chart.columns[0]?.id as string;
    const note = write(a, pros, "Saves time", lw.id);
    write(p, pros, "More awareness", ppi.id);
    await eventually(() => expect(texts(p.doc)).toContain("Saves time"));
    await eventually(() => expect(texts(f.doc)).toEqual(["More awareness", "Saves time"]));
    // A dot written into the shared chart, as clients did before secret ballots, is refused (BALLOT-1):
    // each person's dots are in their own ballot (ballots.test.ts).
    castVote(p.doc, note, "pat1");
    await settle();
    expect(voteCounts(f.doc).get(note)).toBeUndefined();
    // Which group wrote each note travels with it (the write-up reports it).
    expect(listChartNotes(f.doc).find((n) => n.text === "Saves time")?.groupId).toBe(lw.id);

    const observer = await api<{ token: string }>(env.server.url, "POST", "/api/session", {
      workshopId: w.created.id,
      key: w.created.observerKey,
    });
    const screen = open(env.server.url, name, observer.body.token);
    await synced(screen);
    expect(texts(screen.doc)).toEqual(["More awareness", "Saves time"]);
    write(screen, pros, "From the big screen", lw.id);
    await settle();
    expect(texts(f.doc)).toEqual(["More awareness", "Saves time"]);
  });

  it("refuses a group that does not take part (ACC-9), live, and lets it write again when included", async () => {
    const w = await create("discretion");
    const chart = listActivities(w.facilitator.doc).find((a): a is ChartActivity => a.kind === "chart");
    if (!chart) throw new Error("no chart");
    const name = chartDocName(w.created.id as WorkshopId, chart.id);
    const [lw, ppi] = w.groups as unknown as [{ id: GroupId }, { id: GroupId }];
    const pros = chart.columns[0]?.id as string;
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", lw.id);
    const pat = await joinAs(env.server.url, w.created.joinCode, "Pat", ppi.id);
    const a = open(env.server.url, name, ann.token);
    const p = open(env.server.url, name, pat.token);
    const f = open(env.server.url, name, w.created.token);
    await Promise.all([synced(a), synced(p), synced(f)]);

    setTakingPart(w.facilitator.doc, chart.id, [ppi.id]);
    await settle();
    write(a, pros, "Not taking part", lw.id);
    write(p, pros, "Taking part", ppi.id);
    await eventually(() => expect(texts(f.doc)).toContain("Taking part"));
    await settle();
    expect(texts(f.doc)).toEqual(["Taking part"]);
    // The group still reads the chart (it can look at what the others wrote).
    const look = open(env.server.url, name, ann.token);
    await synced(look);
    await eventually(() => expect(texts(look.doc)).toEqual(["Taking part"]));

    // Included again: a fresh replica (the web client starts one after a refused write, ACC-8) writes.
    setTakingPart(w.facilitator.doc, chart.id, null);
    await settle();
    const fresh = open(env.server.url, name, ann.token);
    await synced(fresh);
    write(fresh, pros, "Back in", lw.id);
    await eventually(() => expect(texts(f.doc)).toEqual(["Back in", "Taking part"]));
  });

  it("keeps a board open between meetings writable after the meeting ends until it is locked (ACC-10)", async () => {
    const w = await create("between-meetings");
    const board = listActivities(w.facilitator.doc)[0];
    if (board?.kind !== "board") throw new Error("no board");
    expect(board.openBetweenMeetings).toBe(true);
    const [ppi] = w.groups as unknown as [{ id: GroupId; name: string }];
    expect(ppi.name).toBe("PPI contributors");
    const name = boardDocName(w.created.id as WorkshopId, board.id);
    const first = board.columns[0]?.id as string;
    const f = open(env.server.url, name, w.created.token);
    await synced(f);
    expect(readChartMeta(f.doc).kind).toBe("board");

    // A second activity, to show that the end of the meeting locks everything not left open.
    const boardId = board.id as ActivityId;
    setMeetingEnded(w.facilitator.doc, true);
    await settle();
    const maria = await joinAs(env.server.url, w.created.joinCode, "Maria", ppi.id);
    const m = open(env.server.url, name, maria.token);
    await synced(m);
    write(m, first, "Written at home, days later", ppi.id);
    await eventually(() => expect(texts(f.doc)).toEqual(["Written at home, days later"]));

    // Not left open any more: read-only, like every other activity after the meeting.
    setOpenBetweenMeetings(w.facilitator.doc, boardId, false);
    await settle();
    write(m, first, "Too late", ppi.id);
    await settle(400);
    expect(texts(f.doc)).toEqual(["Written at home, days later"]);

    // Open again, then closed by the facilitator: closing is locking.
    setOpenBetweenMeetings(w.facilitator.doc, boardId, true);
    await settle();
    const again = open(env.server.url, name, maria.token);
    await synced(again);
    write(again, first, "Second thought", ppi.id);
    await eventually(() => expect(texts(f.doc)).toHaveLength(2));
    setLocked(w.facilitator.doc, boardId, true);
    await settle();
    write(again, first, "After closing", ppi.id);
    await settle(400);
    expect(texts(f.doc)).toEqual(["Second thought", "Written at home, days later"]);
  });

  it("ends the meeting for charts not left open, and the facilitator still writes them", async () => {
    const w = await create("discretion");
    const chart = listActivities(w.facilitator.doc).find((a): a is ChartActivity => a.kind === "chart");
    if (!chart) throw new Error("no chart");
    const name = chartDocName(w.created.id as WorkshopId, chart.id);
    const [lw] = w.groups as unknown as [{ id: GroupId }];
    const pros = chart.columns[0]?.id as string;
    const ann = await joinAs(env.server.url, w.created.joinCode, "Ann", lw.id);
    const a = open(env.server.url, name, ann.token);
    const f = open(env.server.url, name, w.created.token);
    await Promise.all([synced(a), synced(f)]);
    setMeetingEnded(w.facilitator.doc, true);
    await settle();
    write(a, pros, "After the end", lw.id);
    write(f, pros, "Facilitator's summary", lw.id);
    await settle(400);
    const check = open(env.server.url, name, w.created.token);
    await synced(check);
    await eventually(() => expect(texts(check.doc)).toEqual(["Facilitator's summary"]));
  });

  it("creates a workshop from every template in WORKSHOP_TEMPLATES", async () => {
    const kinds: Record<string, string[]> = {};
    for (const template of WORKSHOP_TEMPLATES) {
      const w = await create(template);
      kinds[template] = listActivities(w.facilitator.doc).map((a) => a.kind);
    }
    expect(kinds).toEqual({
      blank: [],
      discretion: ["scale", "chart", "chart"],
      "word-association": ["board", "board"],
      "between-meetings": ["board"],
    });
  });
});
