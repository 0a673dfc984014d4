import { addNote, listActivities, listNotes } from "@continuum/model";
import {
  type ActivityId,
  type ApiError,
  type CreateWorkshopResponse,
  type GroupId,
  laneDocName,
  type WorkshopId,
} from "@continuum/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  connect,
  createWorkshop,
  eventually,
  joinAs,
  lookup,
  removeDir,
  synced,
  testServer,
} from "./helpers.ts";

type Server = Awaited<ReturnType<typeof testServer>>;
let source: Server;
let target: Server;
const clients: Client[] = [];
beforeAll(async () => {
  [source, target] = await Promise.all([testServer(), testServer()]);
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all([source.close(), target.close()]);
  removeDir(source.dataDir);
  removeDir(target.dataDir);
});

const exportJson = async (server: Server, id: string, key: string) => {
  const res = await fetch(`${server.url}/api/workshops/${id}/export/json`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};
const importArchive = (server: Server, body: string) =>
  fetch(`${server.url}/api/workshops/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

/** An archive without the moment it was written, which every export stamps anew. */
const withoutTime = (archive: Record<string, unknown>) => ({ ...archive, exportedAt: null });

describe("POST /api/workshops/import", () => {
  it("recreates a workshop from its archive, with new keys and code, and exports the same archive", async () => {
    const created = await createWorkshop(source.url, "discretion", { showNames: true });
    const { groups } = await lookup(source.url, created.joinCode);
    const ann = await joinAs(source.url, created.joinCode, "Ann", groups[0]?.id ?? "");
    const facilitator = connect(source.url, created.id, created.token);
    clients.push(facilitator);
    await synced(facilitator);
    const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale")?.id as ActivityId;
    const laneOf = (w: string) => laneDocName(w as WorkshopId, scale, groups[0]?.id as GroupId);
    const lane = connect(source.url, laneOf(created.id), ann.token);
    clients.push(lane);
    await synced(lane);
    addNote(lane.doc, { text: "Time to build trust", x: 35, author: "Ann" });
    await eventually(async () => {
      const archive = await exportJson(source, created.id, created.facilitatorKey);
      expect(JSON.stringify(archive)).toContain("Time to build trust");
    });
    const archive = await exportJson(source, created.id, created.facilitatorKey);

    // Into another server: the id is free there, so it is kept.
    const res = await importArchive(target, JSON.stringify(archive));
    expect(res.status).toBe(201);
    const imported = (await res.json()) as CreateWorkshopResponse;
    expect(imported.id).toBe(created.id);
    expect(imported.facilitatorKey).not.toBe(created.facilitatorKey);
    expect(withoutTime(await exportJson(target, imported.id, imported.facilitatorKey))).toEqual(
      withoutTime(archive),
    );
    // People can join the imported workshop with its own code.
    expect((await lookup(target.url, imported.joinCode)).groups.map((g) => g.name)).toEqual(
      groups.map((g) => g.name),
    );

    // Into the same server: the id is taken, so the copy gets a new one.
    const again = (await (
      await importArchive(source, JSON.stringify(archive))
    ).json()) as CreateWorkshopResponse;
    expect(again.id).not.toBe(created.id);
    const copy = connect(source.url, laneOf(again.id), again.token);
    clients.push(copy);
    await synced(copy);
    expect(listNotes(copy.doc)).toMatchObject([{ text: "Time to build trust", x: 35, author: "Ann" }]);
  });

  it("explains what is wrong with something that is not an archive", async () => {
    const res = await importArchive(target, JSON.stringify({ hello: "world" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError;
    expect(body.error.code).toBe("invalid_archive");
    expect(body.error.message).toMatch(/not a Continuum workshop archive/);
  });
});
