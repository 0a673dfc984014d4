/**
 * Reasons and the history of moves through the real server, with stock Yjs clients and raw sockets:
 * - HIST-1: the server records each move of a note from the lane updates it applies;
 * - HIST-2: the moves API gives a group's moves to another group only after the reveal (and the lane, with
 *   its reasons, stays refused at the connection until then);
 * - REASON-1: the server stamps a reason's group and name from the writer's token (no name when anonymous);
 * - the moves export and an import then export of the archive with its history.
 */
import {
  addReason,
  listActivities,
  listGroups,
  listReasons,
  moveNote,
  placeAspect,
  type ScaleActivity,
  setRevealed,
} from "@continuum/model";
import {
  type ActivityId,
  CloseCode,
  type CreateWorkshopResponse,
  type GroupId,
  laneDocName,
  type MovesResponse,
  type WorkshopId,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import {
  closeCodeOf,
  createWorkshop,
  eventually,
  joinAs,
  rawSocket,
  serverPerTest,
  synced,
} from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

async function setUp(opts: { showNames?: boolean } = {}) {
  const created = await createWorkshop(env.server.url, "discretion", opts);
  const workshopId = created.id as WorkshopId;
  const facilitator = env.open(env.server.url, created.id, created.token);
  await synced(facilitator);
  const scale = listActivities(facilitator.doc).find((a): a is ScaleActivity => a.kind === "scale");
  if (!scale) throw new Error("the discretion template has a scale");
  const groups = listGroups(facilitator.doc);
  const lw = groups.find((g) => g.name === "Link workers")?.id as GroupId;
  const ppi = groups.find((g) => g.name === "PPI contributors")?.id as GroupId;
  const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
  const pat = await joinAs(env.server.url, created.joinCode, "Pat", "PPI contributors");
  const lane = laneDocName(workshopId, scale.id as ActivityId, lw);
  return { created, workshopId, facilitator, scale, lw, ppi, ann, pat, lane };
}

const getMoves = async (workshopId: string, activityId: string, token: string) => {
  const res = await fetch(`${env.server.url}/api/workshops/${workshopId}/moves?activity=${activityId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as MovesResponse };
};

describe("reasons and moves on a lane", () => {
  it("records every move, stamps reasons, and keeps both from another group until the reveal", async () => {
    const w = await setUp({ showNames: true });
    const annLane = env.open(env.server.url, w.lane, w.ann.token);
    await synced(annLane);
    const aspect = w.scale.aspects[0];
    if (!aspect) throw new Error("the template has aspects");
    const note = placeAspect(annLane.doc, { aspect, x: 20, author: "Ann" });
    moveNote(annLane.doc, note, 65);
    // A modified client claims another group and name: the server stamps what the token says.
    addReason(annLane.doc, { noteId: note, text: "Commissioners set it", author: "Mallory", groupId: w.ppi });

    // HIST-1: the facilitator reads both moves, in order, with who made them.
    await eventually(async () => {
      const { status, body } = await getMoves(w.workshopId, w.scale.id, w.created.token);
      expect(status).toBe(200);
      expect(body.moves.map((m) => [m.groupId, m.fromX, m.toX, m.author, m.round])).toEqual([
        [w.lw, null, 20, "Ann", "group"],
        [w.lw, 20, 65, "Ann", "group"],
      ]);
    });
    // REASON-1: stamped with Ann's group and name.
    await eventually(() =>
      expect(listReasons(annLane.doc).map((r) => [r.text, r.groupId, r.author])).toEqual([
        ["Commissioners set it", w.lw, "Ann"],
      ]),
    );

    // HIST-2 before the reveal: Pat (another group) is refused the lane with its reasons at the connection,
    // and the moves API gives her no Link workers' moves; Ann gets her own group's.
    expect(await closeCodeOf(await rawSocket(env.server.url, w.lane, w.pat.token))).toBe(CloseCode.Forbidden);
    const before = await getMoves(w.workshopId, w.scale.id, w.pat.token);
    expect(before.status).toBe(200);
    expect(before.body.groups).toEqual([w.ppi]);
    expect(before.body.moves).toEqual([]);
    expect((await getMoves(w.workshopId, w.scale.id, w.ann.token)).body.moves).toHaveLength(2);
    // Nobody gets anything with a token of another workshop or none at all.
    const other = await createWorkshop(env.server.url);
    expect((await getMoves(w.workshopId, w.scale.id, other.token)).status).toBe(403);
    const none = await fetch(`${env.server.url}/api/workshops/${w.workshopId}/moves?activity=${w.scale.id}`);
    expect(none.status).toBe(401);

    // After the reveal: Pat reads the lane's reasons and the moves.
    setRevealed(w.facilitator.doc, w.scale.id, w.lw, true);
    await eventually(async () => {
      const after = await getMoves(w.workshopId, w.scale.id, w.pat.token);
      expect(after.body.groups).toEqual(expect.arrayContaining([w.lw, w.ppi]));
      expect(after.body.moves).toHaveLength(2);
    });
    const patLane = env.open(env.server.url, w.lane, w.pat.token);
    await synced(patLane);
    expect(listReasons(patLane.doc).map((r) => r.text)).toEqual(["Commissioners set it"]);
  });

  it("keeps no name with a move or a reason in an anonymous workshop", async () => {
    const w = await setUp();
    const annLane = env.open(env.server.url, w.lane, w.ann.token);
    await synced(annLane);
    const aspect = w.scale.aspects[0];
    if (!aspect) throw new Error("the template has aspects");
    const note = placeAspect(annLane.doc, { aspect, x: 40, author: "Ann" });
    addReason(annLane.doc, { noteId: note, text: "Up to the person", author: "Ann" });
    await eventually(() =>
      expect(listReasons(annLane.doc).map((r) => [r.groupId, r.author])).toEqual([[w.lw, ""]]),
    );
    await eventually(async () => {
      const { body } = await getMoves(w.workshopId, w.scale.id, w.created.token);
      expect(body.moves.map((m) => [m.toX, m.author])).toEqual([[40, ""]]);
    });
  });

  it("exports the moves and reasons, and an imported archive exports the same history", async () => {
    const w = await setUp({ showNames: true });
    const annLane = env.open(env.server.url, w.lane, w.ann.token);
    await synced(annLane);
    const [first, second] = w.scale.aspects;
    if (!first || !second) throw new Error("the template has aspects");
    const a = placeAspect(annLane.doc, { aspect: first, x: 10, author: "Ann" });
    placeAspect(annLane.doc, { aspect: second, x: 90, author: "Ann" });
    moveNote(annLane.doc, a, 35);
    addReason(annLane.doc, { noteId: a, text: "Patients choose", author: "Ann" });
    const exported = async (id: string, key: string, format: string) => {
      const res = await fetch(`${env.server.url}/api/workshops/${id}/export/${format}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    await eventually(async () => {
      const csv = await exported(w.workshopId, w.created.facilitatorKey, "moves-csv");
      const rows = csv.trim().split("\r\n");
      expect(rows).toHaveLength(4);
      expect(rows.slice(1).map((r) => r.split(",")[6])).toEqual(["place", "place", "move"]);
    });
    expect(await exported(w.workshopId, w.created.facilitatorKey, "reasons-csv")).toContain(
      "Patients choose",
    );

    const archive = await exported(w.workshopId, w.created.facilitatorKey, "json");
    expect(
      (JSON.parse(archive) as { activities: { moves?: unknown[] }[] }).activities[0]?.moves,
    ).toHaveLength(3);
    // Imported beside the original (a new id), then exported again: the same archive, history included.
    const res = await fetch(`${env.server.url}/api/workshops/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: archive,
    });
    expect(res.status).toBe(201);
    const imported = (await res.json()) as CreateWorkshopResponse;
    const again = await exported(imported.id, imported.facilitatorKey, "json");
    const strip = (text: string) => ({
      ...JSON.parse(text),
      exportedAt: null,
      workshop: { ...JSON.parse(text).workshop, id: null },
    });
    expect(strip(again)).toEqual(strip(archive));
    // And the imported workshop's replay reads the same moves.
    const replay = await getMoves(imported.id, w.scale.id, imported.token);
    expect(replay.body.moves.map((m) => [m.noteId, m.fromX, m.toX, m.at])).toEqual(
      (await getMoves(w.workshopId, w.scale.id, w.created.token)).body.moves.map((m) => [
        m.noteId,
        m.fromX,
        m.toX,
        m.at,
      ]),
    );
  });
});
