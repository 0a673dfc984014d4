/**
 * What the history of moves costs (issue 14): a 2-hour workshop's worth of a scale, 300 notes and 5,000
 * moves, made by ten participants with stock y-websocket clients against a real server on SQLite, then
 * measured: the size of the lanes and of the history, the time to open the board, the moves API and each
 * export. A second workshop with the same 300 notes placed once, without the moves, is the baseline.
 *
 *   pnpm --filter @continuum/bench exec node --import tsx src/history-scale.ts
 *
 * The moves arrive in about a minute rather than two hours (the server's message quota is raised for the
 * run); what is measured afterwards does not depend on how fast they came. Figures go to docs/performance.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  addNote,
  addReason,
  historyDocName,
  listActivities,
  listGroups,
  moveNote,
  type NoteId,
  type ScaleActivity,
} from "@continuum/model";
import {
  type ActivityId,
  type CreateWorkshopResponse,
  type GroupId,
  type JoinResponse,
  laneDocName,
  type WorkshopId,
} from "@continuum/protocol";
import { startServer } from "@continuum/server";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const NOTES = 300;
const MOVES = Number(process.env.MOVES ?? 5000);
const PEOPLE_PER_GROUP = 5;

const dataDir = mkdtempSync(path.join(tmpdir(), "continuum-history-"));
const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  logLevel: "warn",
  // Two hours of moves in a minute: the quota for one connection's messages is raised for this run only.
  messageBurst: 100_000,
  messagesPerSecond: 100_000,
  writeBurstBytes: 100_000_000,
  writeBytesPerSecond: 100_000_000,
});
const base = server.url;

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

async function open(name: string, token: string): Promise<Client> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/sync`, name, doc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sync for ${name}`)), 30_000);
    provider.once("sync", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    doc,
    provider,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function post<T>(p: string, body: unknown): Promise<T> {
  const res = await fetch(base + p, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;
/** A deterministic random sequence, so two runs make the same moves. */
let seed = 14;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** A workshop with two groups' lanes of 150 notes each; with `moves`, that many moves spread over ten people. */
async function buildWorkshop(moves: number) {
  const created = await post<CreateWorkshopResponse>("/api/workshops", {
    title: `History ${moves}`,
    template: "discretion",
    showNames: true,
  });
  const fac = await open(created.id, created.token);
  const scale = listActivities(fac.doc).find((a): a is ScaleActivity => a.kind === "scale") as ScaleActivity;
  const groups = listGroups(fac.doc);
  const people: { join: JoinResponse; group: GroupId }[] = [];
  for (const g of groups) {
    for (let i = 0; i < PEOPLE_PER_GROUP; i++) {
      const join = await post<JoinResponse>("/api/join", {
        code: created.joinCode,
        name: `${g.name} ${i + 1}`,
        group: g.name,
      });
      people.push({ join, group: g.id });
    }
  }
  const clients: { client: Client; group: GroupId }[] = [];
  for (const p of people) {
    clients.push({
      client: await open(laneDocName(created.id, scale.id as ActivityId, p.group), p.join.token),
      group: p.group,
    });
  }
  // The first person of each group writes its 150 notes (and a reason for every third), at random places.
  const notes = new Map<GroupId, NoteId[]>();
  for (const g of groups) {
    const writer = clients.find((c) => c.group === g.id) as { client: Client };
    const ids: NoteId[] = [];
    for (let i = 0; i < NOTES / groups.length; i++) {
      const id = addNote(writer.client.doc, {
        text: `Aspect ${i + 1} of ${g.name}`,
        x: random() * 100,
        author: "w",
      });
      ids.push(id);
      if (i % 3 === 0)
        addReason(writer.client.doc, { noteId: id, text: `Because of reason ${i}`, author: "w" });
      if (i % 20 === 0) await sleep(5);
    }
    notes.set(g.id, ids);
  }
  await sleep(500);
  for (let i = 0; i < moves; i++) {
    const who = clients[i % clients.length] as { client: Client; group: GroupId };
    const ids = notes.get(who.group) as NoteId[];
    const id = ids[Math.floor(random() * ids.length)] as NoteId;
    moveNote(who.client.doc, id, random() * 100, random() * 100);
    if (i % 10 === 0) await sleep(2);
  }
  return { created, scale, groups, clients, fac };
}

/**
 * Waits until the server's count of moves stops growing. Not every move a client makes is one: two people
 * moving the same note at once converge on one of the two places (Yjs keeps one value per key), and the
 * other write changes nothing on the server, so nothing is recorded for it.
 */
async function waitForMoves(id: string, activity: string, token: string, want: number): Promise<number> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${base}/api/workshops/${id}/moves?activity=${activity}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { moves: unknown[] };
    const n = body.moves.length;
    if (n >= want) return n;
    still = n === last ? still + 1 : 0;
    if (still >= 4) return n;
    last = n;
    await sleep(500);
  }
  throw new Error("the moves did not settle");
}

async function timeOpen(id: string, activity: string, groups: readonly { id: GroupId }[], token: string) {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    const docs = await Promise.all([
      open(id, token),
      ...groups.map((g) => open(laneDocName(id as WorkshopId, activity as ActivityId, g.id), token)),
    ]);
    times.push(performance.now() - start);
    for (const d of docs) d.close();
  }
  return median(times);
}

async function timeExport(id: string, key: string, format: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const res = await fetch(`${base}/api/workshops/${id}/export/${format}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${format}: ${res.status}`);
    times.push(performance.now() - start);
    bytes = body.byteLength;
  }
  return { ms: median(times), bytes };
}

const rows: string[] = [];
const say = (line: string) => {
  rows.push(line);
  console.log(line);
};

try {
  const t0 = performance.now();
  const withMoves = await buildWorkshop(MOVES);
  const recorded = await waitForMoves(
    withMoves.created.id,
    withMoves.scale.id,
    withMoves.created.token,
    NOTES + MOVES,
  );
  say(
    `Made ${NOTES} notes and ${MOVES} moves in ${((performance.now() - t0) / 1000).toFixed(1)} s; the server recorded ${recorded} moves (the ${NOTES} placements count as moves too).`,
  );
  const baseline = await buildWorkshop(0);
  await waitForMoves(baseline.created.id, baseline.scale.id, baseline.created.token, NOTES);
  // Let every client's last updates settle, then close them: what is measured is what a newcomer gets.
  await sleep(1000);
  for (const w of [withMoves, baseline]) {
    for (const c of w.clients) c.client.close();
    w.fac.close();
  }

  for (const [label, w] of [
    ["with 5,000 moves", withMoves],
    ["baseline, no moves", baseline],
  ] as const) {
    const id = w.created.id;
    const lanes = await Promise.all(
      w.groups.map((g) => server.store.loadDoc(laneDocName(id, w.scale.id as ActivityId, g.id))),
    );
    const laneBytes = lanes.map((updates) => {
      const d = new Y.Doc();
      for (const u of updates) Y.applyUpdate(d, u);
      const size = Y.encodeStateAsUpdate(d).byteLength;
      d.destroy();
      return size;
    });
    const history = await server.store.loadDoc(historyDocName(id));
    const historyRows = history.reduce((s, u) => s + u.byteLength, 0);
    const merged = history.length > 0 ? Y.mergeUpdates(history).byteLength : 0;
    say(`\n## ${label}`);
    say(`lane documents (encoded state): ${laneBytes.map(kb).join(", ")}`);
    say(`history document: ${history.length} stored rows, ${kb(historyRows)} in rows, ${kb(merged)} merged`);
    say(
      `open the board (workshop + both lanes, fresh client, median of 7): ${ms(await timeOpen(id, w.scale.id, w.groups, w.created.token))}`,
    );
    const t = performance.now();
    const res = await fetch(`${base}/api/workshops/${id}/moves?activity=${w.scale.id}`, {
      headers: { authorization: `Bearer ${w.created.token}` },
    });
    const movesBody = await res.arrayBuffer();
    say(
      `moves API (the replay's request): ${ms(performance.now() - t)}, ${kb(movesBody.byteLength)} of JSON`,
    );
    for (const format of ["json", "csv", "moves-csv", "reasons-csv", "md", "pdf"]) {
      const e = await timeExport(id, w.created.facilitatorKey, format);
      say(`export ${format}: ${ms(e.ms)} (median of 3), ${kb(e.bytes)}`);
    }
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
