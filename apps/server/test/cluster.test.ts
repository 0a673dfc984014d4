/**
 * Three server nodes on one PostgreSQL, each its own process as `pnpm start` runs it (so one can be killed
 * with SIGKILL), with real y-websocket clients spread over them. A client whose node goes away moves to
 * another, as it would behind a load balancer.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addNote, listActivities, listNotes, setRevealed } from "@continuum/model";
import { type ActivityId, CloseCode, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { freePort, type LocalPostgres, startLocalPostgres } from "../src/cluster/localPostgres.ts";
import { PostgresStore } from "../src/index.ts";
import {
  api,
  type Client,
  closedWith,
  connect,
  createWorkshop,
  eventually,
  joinAs,
  lookup,
  postgresForTests,
  removeDir,
  synced,
  tempDir,
} from "./helpers.ts";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const postgres = postgresForTests();
// Every y-websocket provider in Node listens for the process's exit; twenty-odd clients are expected here.
process.setMaxListeners(64);

interface Node {
  port: number;
  url: string;
  child: ChildProcess | null;
}

let db: LocalPostgres | null = null;
let dataDir = "";
const nodes: Node[] = [];
const clients: Client[] = [];

/** One node as its own process, as `pnpm start` runs it, on PostgreSQL. */
async function startNode(node: Node): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(node.port),
      HOST: "127.0.0.1",
      STORAGE: "postgres",
      DATABASE_URL: db?.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never left running if this file's process ends without its afterAll (a timeout, say).
  const orphaned = () => child.kill("SIGKILL");
  process.once("exit", orphaned);
  child.once("exit", () => process.off("exit", orphaned));
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  await eventually(() => {
    if (child.exitCode !== null) throw new Error(`node exited: ${output}`);
    expect(output).toContain("Continuum is running");
  }, 30_000);
  node.child = child;
}

async function kill(node: Node, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  const child = node.child;
  node.child = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

/** Like `connect`, but when its node goes away the client tries the next live one, as behind a proxy. */
function open(nodeIndex: number, docName: string, token: string): Client {
  const c = connect(nodes[nodeIndex]?.url ?? "", docName, token);
  let at = nodeIndex;
  c.provider.on("connection-close", () => {
    if (nodes[at]?.child) return;
    for (let i = 1; i <= nodes.length; i++) {
      const next = (at + i) % nodes.length;
      if (nodes[next]?.child) {
        at = next;
        c.provider.serverUrl = `${nodes[next]?.url.replace(/^http/, "ws")}/sync`;
        return;
      }
    }
  });
  clients.push(c);
  return c;
}

/** Whether a client gets in (synced) or is turned away (closed). */
function opens(c: Client): Promise<boolean> {
  return new Promise((resolve) => {
    c.provider.once("sync", () => resolve(true));
    c.provider.once("connection-close", () => resolve(false));
  });
}

beforeAll(async () => {
  if (!postgres.available) return;
  db = await startLocalPostgres();
  dataDir = tempDir();
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    nodes.push({ port, url: `http://127.0.0.1:${port}`, child: null });
  }
  await Promise.all(nodes.map(startNode));
}, 120_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  await Promise.all(nodes.map((n) => kill(n)));
  await db?.stop();
  if (dataDir) removeDir(dataDir);
});

/** A discretion workshop: its scale activity, two groups, and a facilitator on node 0. */
async function setup() {
  const url = nodes[0]?.url ?? "";
  // Names shown: a drag is followed by its dragger's name (an anonymous workshop's presence says none, ANON-2).
  const created = await createWorkshop(url, "discretion", { showNames: true });
  const facilitator = open(0, created.id, created.token);
  await synced(facilitator);
  const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale");
  const { groups } = await lookup(nodes[1]?.url ?? "", created.joinCode);
  const [a, b] = groups as { id: GroupId; name: string }[];
  if (!a || !b || !scale) throw new Error("the discretion template should have a scale and two groups");
  const laneOf = (g: GroupId) => laneDocName(created.id as WorkshopId, scale.id as ActivityId, g);
  return { created, facilitator, scale, a, b, laneOf };
}

describe.skipIf(!postgres.available)(
  `several nodes on PostgreSQL${postgres.skipReason ? ` (skipped: ${postgres.skipReason})` : ""}`,
  () => {
    it("clients spread over three nodes converge, and a token from one node is good on every node", async () => {
      const { created, a, laneOf } = await setup();
      // Joined through different nodes: every node accepts every other node's tokens.
      const people = await Promise.all(
        [0, 1, 2].map((i) => joinAs(nodes[i]?.url ?? "", created.joinCode, `Person ${i}`, a.id)),
      );
      const lane = laneOf(a.id);
      const onEach = people.map((p, i) => open(i, lane, p.token));
      await Promise.all(onEach.map((c) => synced(c)));
      onEach.forEach((c, i) => {
        addNote(c.doc, { text: `from node ${i}`, x: 10 * (i + 1), author: `Person ${i}` });
      });
      await eventually(() => {
        for (const c of onEach) {
          expect(
            listNotes(c.doc)
              .map((n) => n.text)
              .sort(),
          ).toEqual(["from node 0", "from node 1", "from node 2"]);
        }
      });
      // Presence too: who is on node 2 shows on nodes 0 and 1, with the name from their token.
      onEach[2]?.provider.awareness.setLocalStateField("dragging", { noteId: "n1", x: 42 });
      for (const c of onEach.slice(0, 2)) {
        await eventually(() => {
          const states = [...c.provider.awareness.getStates().values()];
          expect(states).toContainEqual(
            expect.objectContaining({
              dragging: { noteId: "n1", x: 42 },
              user: expect.objectContaining({ name: "Person 2" }),
            }),
          );
        });
      }
      // Every node answers for itself, and the cluster view lists all three.
      const health = await api<{ ok: boolean }>(nodes[2]?.url ?? "", "GET", "/healthz");
      expect(health.body.ok).toBe(true);
      const view = await api<{ nodes: unknown[]; connections: number }>(
        nodes[1]?.url ?? "",
        "GET",
        "/healthz/cluster",
      );
      expect(view.status).toBe(200);
      expect(view.body.nodes).toHaveLength(3);
    });

    it("ACC-6 on every node: a reveal through node 0 opens a lane on node 2, hiding it closes it within a second", async () => {
      const { created, facilitator, scale, a, b, laneOf } = await setup();
      const ann = await joinAs(nodes[1]?.url ?? "", created.joinCode, "Ann", a.id);
      const bob = await joinAs(nodes[2]?.url ?? "", created.joinCode, "Bob", b.id);
      const annLane = open(1, laneOf(a.id), ann.token);
      await synced(annLane);
      addNote(annLane.doc, { text: "Patients may refer themselves", x: 30, author: "Ann" });

      // Not revealed yet: Bob (group B, on node 2) may not read group A's lane.
      const early = open(2, laneOf(a.id), bob.token);
      expect(await closedWith(early)).toBe(CloseCode.Forbidden);
      early.destroy();

      // Revealed through node 0: Bob's next try on node 2 gets in, within a second.
      const revealedAt = Date.now();
      setRevealed(facilitator.doc, scale.id as ActivityId, a.id, true);
      let bobReads: Client | null = null;
      while (!bobReads && Date.now() - revealedAt < 3000) {
        const attempt = open(2, laneOf(a.id), bob.token);
        if (await opens(attempt)) bobReads = attempt;
        else attempt.destroy();
      }
      expect(Date.now() - revealedAt).toBeLessThan(1000);
      if (!bobReads) throw new Error("Bob could not open the revealed lane");
      await eventually(() =>
        expect(listNotes(bobReads.doc).map((n) => n.text)).toEqual(["Patients may refer themselves"]),
      );

      // Hidden again through node 0: node 2 re-decides Bob's open connection.
      const hiddenAt = Date.now();
      setRevealed(facilitator.doc, scale.id as ActivityId, a.id, false);
      expect(await closedWith(bobReads, 2000)).toBe(CloseCode.Forbidden);
      expect(Date.now() - hiddenAt).toBeLessThan(1000);
    });

    it("revoking links and closing the workshop through node 0 reach the connections on nodes 1 and 2", async () => {
      const { created, a, laneOf } = await setup();
      const facilitatorElsewhere = [1, 2].map((i) => open(i, created.id, created.token));
      const ann = await joinAs(nodes[2]?.url ?? "", created.joinCode, "Ann", a.id);
      const annLane = open(2, laneOf(a.id), ann.token);
      await Promise.all([...facilitatorElsewhere, annLane].map((c) => synced(c)));

      const revoked = await fetch(`${nodes[0]?.url}/api/workshops/${created.id}/revoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${created.facilitatorKey}` },
      });
      expect(revoked.status).toBe(200);
      const { facilitatorKey } = (await revoked.json()) as { facilitatorKey: string };
      for (const c of facilitatorElsewhere) expect(await closedWith(c, 2000)).toBe(CloseCode.Unauthorized);
      expect(annLane.closes).toEqual([]);

      const closed = await fetch(`${nodes[0]?.url}/api/workshops/${created.id}/close`, {
        method: "POST",
        headers: { authorization: `Bearer ${facilitatorKey}` },
      });
      expect(closed.status).toBe(200);
      expect(await closedWith(annLane, 2000)).toBe(CloseCode.WorkshopClosed);
    });

    it("kill -9 of a node during continuous edits by 20 clients loses nothing any client had received, three times; then a rolling restart", async () => {
      const { created, a, laneOf } = await setup();
      const lane = laneOf(a.id);
      // One after another: the guessing guard lets one address have only a few attempts in flight.
      const people: Awaited<ReturnType<typeof joinAs>>[] = [];
      for (let i = 0; i < 20; i++) {
        people.push(await joinAs(nodes[i % 3]?.url ?? "", created.joinCode, `P${i}`, a.id));
      }
      const writers = people.map((p, i) => open(i % 3, lane, p.token));
      await Promise.all(writers.map((c) => synced(c, 10_000)));

      let written = 0;
      const editing = setInterval(() => {
        writers.forEach((c, i) => {
          addNote(c.doc, { text: `P${i} note ${written++}`, x: written % 100, author: `P${i}` });
        });
      }, 100);
      const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const stored = async () => {
        const store = new PostgresStore(db?.url ?? "");
        try {
          const doc = new Y.Doc();
          for (const u of await store.loadDoc(lane)) Y.applyUpdate(doc, u);
          return new Set(listNotes(doc).map((n) => n.text));
        } finally {
          await store.close();
        }
      };

      try {
        for (let round = 0; round < 3; round++) {
          await pause(800);
          const victim = nodes[round % 3] as Node;
          await kill(victim);
          // Store before forward: whatever a client received from someone else is already in PostgreSQL.
          const received = new Set<string>();
          writers.forEach((c, i) => {
            for (const n of listNotes(c.doc)) if (!n.text.startsWith(`P${i} `)) received.add(n.text);
          });
          const inPostgres = await stored();
          expect([...received].filter((t) => !inPostgres.has(t))).toEqual([]);
          await pause(800);
          await startNode(victim);
        }
        // A rolling restart, as a deploy does it: each node in turn stops cleanly and comes back.
        for (const node of nodes) {
          await kill(node, "SIGTERM");
          await pause(300);
          await startNode(node);
          await pause(300);
        }
      } finally {
        clearInterval(editing);
      }

      // Everyone reconnects by themselves and converges on every note written, offline ones included.
      await eventually(() => {
        for (const c of writers) expect(listNotes(c.doc).length).toBe(written);
      }, 30_000);
      expect((await stored()).size).toBe(written);
    }, 120_000);

    it("a drag shown on node 0 ends there when the dragger's node is killed and they move to another", async () => {
      const { created, a, laneOf } = await setup();
      const [watcherJoin, moverJoin] = await Promise.all([
        joinAs(nodes[0]?.url ?? "", created.joinCode, "Wendy", a.id),
        joinAs(nodes[1]?.url ?? "", created.joinCode, "Mo", a.id),
      ]);
      const watcher = open(0, laneOf(a.id), watcherJoin.token);
      const mover = open(1, laneOf(a.id), moverJoin.token);
      // Someone on node 2 too, so the mover arrives on a node that already shows them (from node 1).
      const third = open(2, laneOf(a.id), watcherJoin.token);
      await Promise.all([synced(watcher), synced(mover), synced(third)]);
      const dragOf = () =>
        [...watcher.provider.awareness.getStates().values()].find(
          (s) => (s as { user?: { name?: string } }).user?.name === "Mo",
        )?.dragging;
      mover.provider.awareness.setLocalStateField("dragging", { noteId: "n1", x: 55 });
      await eventually(() => expect(dragOf()).toEqual({ noteId: "n1", x: 55 }));
      const victim = nodes[1] as Node;
      // The finger lifts as the node dies: the message goes into a dying socket, and the client says it
      // again once it is on another node.
      const killed = kill(victim);
      mover.provider.awareness.setLocalStateField("dragging", null);
      await killed;
      await eventually(() => expect(dragOf()).toBeNull(), 10_000);
      await startNode(victim);
    }, 60_000);

    // Last: it leaves this address over its free failures for ten minutes.
    it("guessing spread over the nodes is slowed as on one node: the counts are shared", async () => {
      const timed = async (i: number) => {
        const started = Date.now();
        const res = await fetch(`${nodes[i % 3]?.url}/api/lookup/WRONG${i}`);
        expect([404, 429]).toContain(res.status);
        return Date.now() - started;
      };
      // Five free failures in the window (rateLimit.free), one on each node in turn.
      for (let i = 0; i < 5; i++) {
        expect(await timed(i)).toBeLessThan(250);
        await new Promise((r) => setTimeout(r, 100));
      }
      // The sixth and seventh, on nodes that saw only one or two of them themselves, wait 250 and 500 ms.
      expect(await timed(5)).toBeGreaterThanOrEqual(240);
      await new Promise((r) => setTimeout(r, 100));
      expect(await timed(6)).toBeGreaterThanOrEqual(490);
    });
  },
);
