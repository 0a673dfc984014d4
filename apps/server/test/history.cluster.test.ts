/**
 * HIST-1 with several nodes: two nodes on one PostgreSQL (in this process, each with its own store and
 * history writer), a participant's client on each, both moving notes of the same lane. Every move is
 * recorded once, by the node that received it, and either node's moves API reads them all.
 */
import { listActivities, moveNote, placeAspect, type ScaleActivity } from "@continuum/model";
import {
  type ActivityId,
  type GroupId,
  laneDocName,
  type MovesResponse,
  type WorkshopId,
} from "@continuum/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalPostgres, startLocalPostgres } from "../src/cluster/localPostgres.ts";
import {
  type Client,
  connect,
  createWorkshop,
  eventually,
  joinAs,
  postgresForTests,
  removeDir,
  synced,
  testServer,
} from "./helpers.ts";

const postgres = postgresForTests();
type Server = Awaited<ReturnType<typeof testServer>>;
let db: LocalPostgres | null = null;
const servers: Server[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  if (!postgres.available) return;
  db = await startLocalPostgres();
  for (let i = 0; i < 2; i++) servers.push(await testServer({ storage: "postgres", databaseUrl: db.url }));
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers) {
    await s.close();
    removeDir(s.dataDir);
  }
  await db?.stop();
});

const open = (node: number, doc: string, token: string) => {
  const c = connect((servers[node] as Server).url, doc, token);
  clients.push(c);
  return c;
};

describe.skipIf(!postgres.available)("HIST-1 on two nodes", () => {
  it("records each move once, on the node that received it, and both nodes read every move", async () => {
    const [a, b] = servers as [Server, Server];
    const created = await createWorkshop(a.url);
    const fac = open(0, created.id, created.token);
    await synced(fac);
    const scale = listActivities(fac.doc).find(
      (x): x is ScaleActivity => x.kind === "scale",
    ) as ScaleActivity;
    const ann = await joinAs(a.url, created.joinCode, "Ann", "Link workers");
    const bob = await joinAs(a.url, created.joinCode, "Bob", "Link workers");
    const lw = (await (await fetch(`${a.url}/api/lookup/${created.joinCode}`)).json()) as {
      groups: { id: GroupId; name: string }[];
    };
    const group = lw.groups.find((g) => g.name === "Link workers")?.id as GroupId;
    const lane = laneDocName(created.id as WorkshopId, scale.id as ActivityId, group);
    const onA = open(0, lane, ann.token);
    const onB = open(1, lane, bob.token);
    await Promise.all([synced(onA), synced(onB)]);
    const [first, second] = scale.aspects;
    if (!first || !second) throw new Error("the template has aspects");
    const n1 = placeAspect(onA.doc, { aspect: first, x: 10, author: "Ann" });
    const n2 = placeAspect(onB.doc, { aspect: second, x: 90, author: "Bob" });
    // Each waits for the other's note before moving it, so both nodes hold both notes.
    await eventually(() =>
      expect(onA.doc.getMap("notes").has(n2) && onB.doc.getMap("notes").has(n1)).toBe(true),
    );
    for (let i = 1; i <= 5; i++) {
      moveNote(onA.doc, n2, 90 - i * 10);
      moveNote(onB.doc, n1, 10 + i * 10);
      await new Promise((r) => setTimeout(r, 50));
    }
    const read = async (server: Server) => {
      const res = await fetch(`${server.url}/api/workshops/${created.id}/moves?activity=${scale.id}`, {
        headers: { authorization: `Bearer ${created.token}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as MovesResponse).moves;
    };
    // Two placements and ten moves, each once, whichever node is asked.
    for (const server of [a, b]) {
      await eventually(async () => {
        const moves = await read(server);
        expect(moves).toHaveLength(12);
        expect(moves.filter((m) => m.noteId === n1).map((m) => m.toX)).toEqual([10, 20, 30, 40, 50, 60]);
        expect(moves.filter((m) => m.noteId === n2).map((m) => m.toX)).toEqual([90, 80, 70, 60, 50, 40]);
      });
    }
  });
});
