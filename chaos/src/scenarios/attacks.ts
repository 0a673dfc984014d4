/**
 * The attacks found in review (issue 18), each against a fresh server, measured against whatever the server
 * does today: a tiny archive that asks for a million dots, ten 1 MB updates in a shared chart, a PDF of a
 * 5,000-note chart, a presence flood and presence impersonation, join-code guessing and workshop creation
 * from one address, and two small HTTP mistakes.
 */
import { request } from "node:http";
import { SCHEMA_VERSION } from "@continuum/model";
import { newNoteId } from "@continuum/protocol";
import type WebSocket from "ws";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import {
  api,
  awarenessMessage,
  type Client,
  connect,
  eventually,
  join,
  RoundTripProbe,
  rawSocket,
  setUpWorkshop,
  synced,
  syncStep1Message,
  updateMessage,
} from "../clients.ts";
import { mb, RssSampler, ServerUnderTest, sleep } from "../server.ts";
import type { Scenario, ScenarioResult } from "../types.ts";

const MiB = 1024 * 1024;

type Row = Omit<ScenarioResult, "durationMs">;

/** Runs a scenario body against a fresh server, which is stopped and removed whatever happens. */
async function withServer(
  name: string,
  body: (server: ServerUnderTest) => Promise<Row[]>,
): Promise<ScenarioResult[]> {
  const started = Date.now();
  const server = await ServerUnderTest.start(name);
  try {
    const rows = await body(server);
    return rows.map((r) => ({ ...r, durationMs: Date.now() - started }));
  } finally {
    await server.stop();
  }
}

const isUp = async (server: ServerUnderTest) => (await server.up()) && !server.crashed();

// ---------------------------------------------------------------------------------------------------------
// 1. A ~700-byte archive asking for a million dots

/** A small valid archive with one chart, made from the shape of packages/export/test/golden. */
function archive(notes: number, votes: number): string {
  return JSON.stringify({
    format: "continuum-workshop",
    schemaVersion: SCHEMA_VERSION,
    exportedAt: "2023-02-16T09:00:00.000Z",
    workshop: {
      id: "wchaos",
      title: "Chaos import",
      date: "2023-02-15",
      anonymous: false,
      meetingEnded: false,
    },
    groups: [{ id: "gred", name: "Red", colour: "yellow", order: 0 }],
    activities: [
      {
        id: "achart",
        kind: "chart",
        title: "Pros and cons",
        prompt: "What are the pros and cons of letting patients refer themselves?",
        order: 0,
        locked: false,
        about: { text: "Patients may refer themselves" },
        columns: [
          { id: "cpros", title: "Pros" },
          { id: "ccons", title: "Cons" },
        ],
        voting: { open: true, revealed: true, budget: 1 },
        notes: Array.from({ length: notes }, (_, i) => ({
          id: `nvote${i}`,
          text: "Saves time",
          columnId: "cpros",
          order: i,
          votes,
        })),
      },
    ],
  });
}

const importArchive: Scenario = {
  name: "import",
  about:
    "POST /api/workshops/import with a ~700-byte archive of one chart note with 1,000,000 dots (budget 1), then eight",
  run: () =>
    withServer("import", async (server) => {
      // Warm up the import path with a valid archive, so first-use costs are not counted below.
      const valid = await api(server.url, "POST", "/api/workshops/import", archive(1, 1));
      await sleep(500);
      const rows: Row[] = [];
      for (const notes of [1, 8]) {
        const body = archive(notes, 1_000_000);
        const rss = new RssSampler(server, 20).start();
        const res = await api<{ error?: { code: string } }>(
          server.url,
          "POST",
          "/api/workshops/import",
          body,
        );
        await sleep(500);
        const memory = rss.stop();
        const growth = (memory.end ?? 0) - (memory.start ?? 0);
        const refused = res.status >= 400 && res.status < 500;
        const serverUp = await isUp(server);
        rows.push({
          name: `import: ${Buffer.byteLength(body)}-byte archive, ${notes} note${notes > 1 ? "s" : ""} × 1,000,000 dots`,
          pass: refused && res.ms < 1000 && growth < 10 * MiB && serverUp,
          criterion: "refused (4xx) within 1 s; resident memory grows by less than 10 MB",
          lost: null,
          serverUp,
          p99Ms: null,
          memory,
          figures: `${res.status} ${res.body.error?.code ?? ""} in ${res.ms.toFixed(0)} ms; RSS +${mb(growth)} MB (peak +${mb((memory.peak ?? 0) - (memory.start ?? 0))} MB); a valid archive of the same shape: ${valid.status}`,
          details: {
            bytes: Buffer.byteLength(body),
            status: res.status,
            body: res.body,
            ms: res.ms,
            validStatus: valid.status,
          },
        });
      }
      return rows;
    }),
};

// ---------------------------------------------------------------------------------------------------------
// 2. Ten ~1 MB updates into a shared chart

const bigUpdates: Scenario = {
  name: "big-updates",
  about:
    "one participant writes ten ~1 MB updates into a shared chart; a new participant and the facilitator must still open it",
  run: () =>
    withServer("big-updates", async (server) => {
      const w = await setUpWorkshop(server.url, 1);
      const doc = w.chartDocs[0] ?? "";
      const writer = await join(server.url, w.created.joinCode, "Writer", "Red");
      const watcher = await join(server.url, w.created.joinCode, "Watcher", "Blue");
      const listener = connect(server.url, doc, watcher.token);
      await synced(listener);
      const rss = new RssSampler(server, 200).start();

      const ws = await rawSocket(server.wsUrl, doc, writer.token);
      let writerClose: number | null = null;
      ws.on("close", (code: number) => {
        writerClose = code;
      });
      ws.on("error", () => {});
      const local = new Y.Doc();
      const updates: Uint8Array[] = [];
      local.on("update", (u: Uint8Array) => updates.push(u));
      const notes = local.getMap<Y.Map<unknown>>("notes");
      for (let i = 0; i < 10; i++) {
        local.transact(() => {
          const m = new Y.Map<unknown>();
          m.set("text", "x".repeat(1_000_000));
          m.set("columnId", w.columns[0]?.[0] ?? "cpros");
          m.set("order", i);
          notes.set(newNoteId(), m);
        });
      }
      local.destroy();
      const frameBytes = updates.map((u) => updateMessage(u).byteLength);
      for (const u of updates) {
        if (ws.readyState !== ws.OPEN) break;
        ws.send(updateMessage(u));
        await sleep(100);
      }
      // Until the listener has all ten, or the writer was closed and nothing more arrives.
      let seen = -1;
      let stableSince = Date.now();
      await eventually(() => {
        const n = listener.doc.getMap("notes").size;
        if (n !== seen) {
          seen = n;
          stableSince = Date.now();
        }
        return n >= 10 || (writerClose !== null && Date.now() - stableSince > 2000);
      }, 30_000);
      const arrived = listener.doc.getMap("notes").size;
      await sleep(500);

      const late = async (token: string): Promise<string> => {
        const c = connect(server.url, doc, token);
        try {
          await synced(c, 20_000);
          await sleep(500);
          return c.closes.length === 0 ? "ok" : `synced after closes ${c.closes.join(",")}`;
        } catch {
          return `not synced (closed ${c.closes.join(",") || "never"})`;
        } finally {
          c.destroy();
        }
      };
      const newcomer = await join(server.url, w.created.joinCode, "Late", "Blue");
      const lateParticipant = await late(newcomer.token);
      const lateFacilitator = await late(w.created.token);
      const memory = rss.stop();
      const serverUp = await isUp(server);
      ws.terminate();
      listener.destroy();
      const ok = lateParticipant === "ok" && lateFacilitator === "ok";
      return [
        {
          name: "ten ~1 MB updates into a shared chart",
          pass: ok && serverUp,
          criterion: "a new participant and the facilitator can still open the chart afterwards",
          lost: null,
          serverUp,
          p99Ms: null,
          memory,
          figures:
            `frames of ${(Math.min(...frameBytes) / 1e6).toFixed(2)}–${(Math.max(...frameBytes) / 1e6).toFixed(2)} MB; ` +
            `writer ${writerClose === null ? "not closed" : `closed ${writerClose}`}; ` +
            `a connected listener got ${arrived} of the ten${listener.closes.length ? ` (closed ${listener.closes.join(",")})` : ""}; ` +
            `late participant: ${lateParticipant}; late facilitator: ${lateFacilitator}`,
          details: {
            frameBytes,
            writerClose,
            arrived,
            listenerCloses: listener.closes,
            lateParticipant,
            lateFacilitator,
          },
        },
      ];
    }),
};

// ---------------------------------------------------------------------------------------------------------
// 3. A PDF export of a 5,000-note chart while a healthy client measures its round trip

const pdfExport: Scenario = {
  name: "pdf-export",
  about:
    "PDF export of a workshop whose chart has 5,000 notes while a healthy client's round trip is measured",
  run: () =>
    withServer("pdf", async (server) => {
      const w = await setUpWorkshop(server.url, 2);
      const exportPdf = () =>
        api(
          server.url,
          "GET",
          `/api/workshops/${w.id}/export/pdf`,
          undefined,
          { authorization: `Bearer ${w.created.facilitatorKey}` },
          180_000,
        );
      // The PDF writer and its fonts load on first use: warm them up on the empty workshop.
      const warm = await exportPdf();

      const author = connect(server.url, w.chartDocs[0] ?? "", w.created.token);
      await synced(author);
      const columns = w.columns[0] ?? [];
      const notes = author.doc.getMap<Y.Map<unknown>>("notes");
      for (let batch = 0; batch < 5; batch++) {
        author.doc.transact(() => {
          for (let i = 0; i < 1000; i++) {
            const n = batch * 1000 + i;
            const m = new Y.Map<unknown>();
            m.set("text", `Note ${n}: a thought about the question, about as long as people write them.`);
            m.set("colour", "yellow");
            m.set("columnId", columns[n % columns.length] ?? "cpros");
            m.set("order", n);
            m.set("author", `Person ${n % 40}`);
            m.set("groupId", null);
            m.set("createdAt", Date.now());
            m.set("updatedAt", Date.now());
            notes.set(newNoteId(), m);
          }
        });
        await sleep(200);
      }
      const check = connect(server.url, w.chartDocs[0] ?? "", w.created.token);
      const stored = await eventually(() => check.doc.getMap("notes").size >= 5000, 60_000);
      check.destroy();
      author.destroy();

      const a = await join(server.url, w.created.joinCode, "Healthy A", "Red");
      const b = await join(server.url, w.created.joinCode, "Healthy B", "Blue");
      const probe = await RoundTripProbe.open(server.url, w.chartDocs[1] ?? "", [a.token, b.token], 20);
      probe.start();
      await sleep(1000);
      probe.reset();
      await sleep(3000);
      const baseline = probe.summary();
      probe.reset();
      const rss = new RssSampler(server, 100).start();
      const exports: { status: number; ms: number; bytes: number }[] = [];
      for (let i = 0; i < 1; i++) {
        const res = await exportPdf();
        exports.push({
          status: res.status,
          ms: res.ms,
          bytes: typeof res.body === "string" ? res.body.length : 0,
        });
      }
      await sleep(200);
      probe.stop();
      const during = probe.summary();
      const memory = rss.stop();
      const healthyCloses = probe.disconnects();
      probe.destroy();
      const serverUp = await isUp(server);
      const allOk = exports.every((e) => e.status === 200);
      const times = exports.map((e) => e.ms.toFixed(0)).join(", ");
      return [
        {
          name: "PDF export, 5,000-note chart",
          pass:
            stored &&
            allOk &&
            (during.p99 ?? Number.POSITIVE_INFINITY) < 50 &&
            during.timeouts === 0 &&
            serverUp,
          criterion:
            "the export answers 200 and a healthy client's round trip p99 stays under 50 ms meanwhile",
          lost: null,
          serverUp,
          p99Ms: during.p99,
          memory,
          figures:
            `export ${exports.map((e) => e.status).join(",")} in ${times} ms (${(
              (exports[0]?.bytes ?? 0) / 1e6
            ).toFixed(
              1,
            )} MB); round trip during: ${during.samples} samples, max ${during.max?.toFixed(0)} ms, ` +
            `${during.timeouts} lost; before: p99 ${baseline.p99?.toFixed(1)} ms; warm-up export ${warm.status} in ${warm.ms.toFixed(0)} ms`,
          details: {
            stored,
            warm: { status: warm.status, ms: warm.ms },
            exports,
            baseline,
            during,
            healthyCloses,
          },
        },
      ];
    }),
};

// ---------------------------------------------------------------------------------------------------------
// 4. Presence: a flood, and impersonation

interface Counter {
  ws: WebSocket;
  bytes: number;
  awarenessBytes: number;
  lastAt: number;
  closed: number | null;
}

async function countingListener(wsBase: string, doc: string, token: string): Promise<Counter> {
  const ws = await rawSocket(wsBase, doc, token);
  const c: Counter = { ws, bytes: 0, awarenessBytes: 0, lastAt: Date.now(), closed: null };
  ws.on("message", (data: Buffer) => {
    c.bytes += data.byteLength;
    if (data[0] === 1) c.awarenessBytes += data.byteLength;
    c.lastAt = Date.now();
  });
  ws.on("close", (code: number) => {
    c.closed = code;
  });
  ws.on("error", () => {});
  ws.send(syncStep1Message());
  return c;
}

const presence: Scenario = {
  name: "presence",
  about:
    "60 presence frames of ~1 MB (60 new client ids of 16 kB each) with ten listeners; then impersonating a reconnecting client",
  run: () =>
    withServer("presence", async (server) => {
      const w = await setUpWorkshop(server.url, 2);
      const code = w.created.joinCode;
      const doc = w.chartDocs[0] ?? "";
      const tokens = await Promise.all(
        Array.from({ length: 12 }, (_, i) => join(server.url, code, `Person ${i}`, i % 2 ? "Red" : "Blue")),
      );
      const listeners = await Promise.all(
        tokens.slice(0, 10).map((t) => countingListener(server.wsUrl, doc, t.token)),
      );
      await sleep(500);
      for (const l of listeners) {
        l.bytes = 0;
        l.awarenessBytes = 0;
      }
      const rss = new RssSampler(server, 100).start();
      const attacker = await rawSocket(server.wsUrl, doc, tokens[10]?.token ?? "");
      let attackerClose: number | null = null;
      attacker.on("close", (c: number) => {
        attackerClose = c;
      });
      attacker.on("error", () => {});
      const state = { user: { name: "x" }, pad: "x".repeat(16_250) };
      let sentBytes = 0;
      let nextId = 1_000_000;
      for (let f = 0; f < 60; f++) {
        const frame = awarenessMessage(
          Array.from({ length: 60 }, () => ({ clientId: nextId++, clock: 1, state })),
        );
        if (attacker.readyState !== attacker.OPEN) break;
        attacker.send(frame);
        sentBytes += frame.byteLength;
      }
      // Until the listeners have been quiet for 1.5 s (at most a minute).
      await eventually(() => listeners.every((l) => Date.now() - l.lastAt > 1500), 60_000);
      const relayed = listeners.reduce((n, l) => n + l.awarenessBytes, 0);
      const listenerCloses = listeners.filter((l) => l.closed !== null).map((l) => l.closed);

      // Someone arriving now, while the attacker is still connected.
      const lateRaw = await countingListener(server.wsUrl, doc, tokens[11]?.token ?? "");
      await eventually(() => Date.now() - lateRaw.lastAt > 1500, 30_000);
      const late = connect(server.url, doc, tokens[11]?.token ?? "");
      let lateOk: string;
      try {
        await synced(late, 15_000);
        await sleep(500);
        lateOk = late.closes.length === 0 ? "ok" : `closed ${late.closes.join(",")}`;
      } catch {
        lateOk = `not synced (closed ${late.closes.join(",") || "never"})`;
      }
      late.destroy();
      const memory = rss.stop();
      const serverUp = await isUp(server);
      attacker.terminate();
      for (const l of [...listeners, lateRaw]) l.ws.terminate();
      const held = lateRaw.awarenessBytes;

      const flood: Row = {
        name: "presence flood, 60 × ~1 MB",
        pass: serverUp && listenerCloses.length === 0 && lateOk === "ok" && held <= MiB,
        criterion:
          "listeners stay connected; a newcomer can join; one connection's presence held by the server ≤ 1 MB",
        lost: null,
        serverUp,
        p99Ms: null,
        memory,
        figures:
          `attacker sent ${(sentBytes / 1e6).toFixed(0)} MB (${attackerClose === null ? "not closed" : `closed ${attackerClose}`}); ` +
          `relayed to 10 listeners ${(relayed / 1e6).toFixed(0)} MB; listeners closed: ${listenerCloses.length ? listenerCloses.join(",") : "none"}; ` +
          `newcomer's first presence ${(held / 1e6).toFixed(1)} MB, newcomer ${lateOk}`,
        details: {
          sentBytes,
          relayed,
          perListener: listeners.map((l) => l.awarenessBytes),
          attackerClose,
          listenerCloses,
          held,
          lateOk,
        },
      };

      return [flood, await impersonation(server, w.chartDocs[1] ?? "", tokens)];
    }),
};

/**
 * Alice is connected with her presence; Mallory claims Alice's awareness client id while Alice's connection
 * is down; then Alice comes back. What does a third person see under Alice's id?
 */
async function impersonation(
  server: ServerUnderTest,
  doc: string,
  tokens: { token: string }[],
): Promise<Row> {
  const alice = connect(server.url, doc, tokens[0]?.token ?? "");
  const bob = connect(server.url, doc, tokens[1]?.token ?? "");
  const clients: Client[] = [alice, bob];
  try {
    await Promise.all(clients.map((c) => synced(c)));
    const aware = (c: Client) => c.provider.awareness as Awareness;
    aware(alice).setLocalState({ user: { name: "Alice" }, who: "alice" });
    const id = alice.doc.clientID;
    // The server may put the token's name in place of the claimed one; `who` says who wrote the state.
    const seenByBob = (): string | undefined => {
      const st = aware(bob).getStates().get(id) as { user?: { name?: string }; who?: string } | undefined;
      return st ? `${st.who ?? "?"} (named ${st.user?.name ?? "nothing"})` : undefined;
    };
    const isAlice = () => seenByBob()?.startsWith("alice") ?? false;
    const isMallory = () => seenByBob()?.startsWith("mallory") ?? false;
    const before = await eventually(isAlice, 5000);

    const mallory = await rawSocket(server.wsUrl, doc, tokens[2]?.token ?? "");
    mallory.on("error", () => {});
    alice.provider.disconnect();
    const gone = await eventually(() => seenByBob() === undefined, 5000);
    const clock = 1_000_000;
    const claim = (c: number) =>
      mallory.send(
        awarenessMessage([{ clientId: id, clock: c, state: { user: { name: "Alice" }, who: "mallory" } }]),
      );
    claim(clock);
    const claimedDuringGap = await eventually(isMallory, 2000);

    alice.provider.connect();
    await synced(alice);
    aware(alice).setLocalState({ user: { name: "Alice" }, who: "alice", back: true });
    await sleep(1500);
    const backOk = isAlice();
    const afterReturn = seenByBob() ?? "nobody";
    // Mallory tries again now that Alice is back.
    claim(clock + 10);
    await sleep(1500);
    const secondOk = isAlice();
    const afterSecondClaim = seenByBob() ?? "nobody";
    mallory.terminate();
    const serverUp = await isUp(server);
    const pass = before && backOk && secondOk;
    return {
      name: "presence impersonation",
      pass: pass && serverUp,
      criterion: "once Alice is back, others see Alice under her client id, not the impostor",
      lost: null,
      serverUp,
      p99Ms: null,
      memory: null,
      figures:
        `Alice's presence removed when she dropped: ${gone ? "yes" : "no"}; impostor shown while she was away: ${claimedDuringGap ? "yes" : "no"}; ` +
        `after she came back Bob sees ${afterReturn}; after a second claim ${afterSecondClaim}`,
      details: {
        before,
        gone,
        claimedDuringGap,
        afterReturn,
        afterSecondClaim,
        closes: clients.map((c) => c.closes),
      },
    };
  } finally {
    for (const c of clients) c.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------
// 5. Guessing join codes; creating workshops

/** A POST from a chosen loopback address (127.0.0.2 is another machine as far as the server can tell). */
function postFrom(localAddress: string, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      url,
      {
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

function wrongCode(right: string, i: number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for (let k = i; ; k++) {
    const code = Array.from({ length: 6 }, (_, j) => alphabet[(k * 7 + j * 13) % alphabet.length]).join("");
    if (code !== right) return code;
  }
}

const guessing: Scenario = {
  name: "guessing",
  about:
    "30 wrong join codes kept in flight from one address, the right one meanwhile; then workshop creation as fast as one address can",
  run: ({ quick }) =>
    withServer("guessing", async (server) => {
      const w = await setUpWorkshop(server.url, 1);
      const right = w.created.joinCode;
      // First a burst: 30 wrong codes at once, as a room's worth of mistyping would never be, and one second
      // later the right code from the same address (a venue behind one NAT).
      const burst = Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          api(server.url, "POST", "/api/join", { code: wrongCode(right, i), name: "Guesser", group: "Red" }),
        ),
      );
      await sleep(1000);
      const rightDuring = await api(
        server.url,
        "POST",
        "/api/join",
        { code: right, name: "Legit", group: "Red" },
        {},
        180_000,
      );
      await burst;
      // Then a guesser keeps 30 requests in flight for a while (20 s, 60 s in the full run), sending the next
      // guess as soon as one is answered: what matters is how many codes it learns are wrong per minute.
      const attackMs = quick ? 20_000 : 60_000;
      const t0 = performance.now();
      const wrong: { status: number; ms: number; at: number; code: string }[] = [];
      let guessNo = 30;
      const guesses = Promise.all(
        Array.from({ length: 30 }, async () => {
          while (performance.now() - t0 < attackMs) {
            const r = await api<{ error?: { code?: string } }>(
              server.url,
              "POST",
              "/api/join",
              { code: wrongCode(right, guessNo++), name: "Guesser", group: "Red" },
              {},
              180_000,
            );
            wrong.push({
              status: r.status,
              ms: r.ms,
              at: performance.now() - t0,
              code: r.body?.error?.code ?? "",
            });
          }
        }),
      );
      await guesses;
      const wrongMs = performance.now() - t0;
      const statuses: Record<string, number> = {};
      for (const r of wrong) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const slowest = Math.max(...wrong.map((r) => r.ms));
      const sameAddress = await api(server.url, "POST", "/api/join", {
        code: right,
        name: "Right",
        group: "Red",
      });
      const otherAddress = await postFrom("127.0.0.2", `${server.url}/api/join`, {
        code: right,
        name: "Neighbour",
        group: "Red",
      });
      // A wrong answer (404, or a 429 "too_many_attempts" given after the guess was checked) tells the guesser
      // one code is wrong; a 429 "slow_down" (turned away unchecked) tells it nothing. Its pace: the verdicts over
      // the whole attack, per minute.
      const verdictTimes = wrong
        .filter((r) => r.status === 404 || (r.status === 429 && r.code === "too_many_attempts"))
        .map((r) => r.at)
        .sort((x, y) => x - y);
      const perMinute = (verdictTimes.length / Math.max(wrongMs, 1)) * 60_000;
      // 32^6 codes; with 100 workshops open, a guesser needs about 10.7 million guesses on average.
      const yearsFor100 = 32 ** 6 / 100 / Math.max(perMinute, 1e-9) / (60 * 24 * 365);
      const pace = perMinute.toFixed(0);
      const years = yearsFor100 >= 1 ? yearsFor100.toFixed(1) : yearsFor100.toFixed(3);
      const statusList = Object.entries(statuses)
        .map(([st, n]) => `${st}×${n}`)
        .join(" ");
      const guessRow: Row = {
        name: "join-code guessing from one address",
        pass: perMinute <= 20 && otherAddress === 200 && rightDuring.status === 200 && rightDuring.ms < 5000,
        criterion:
          "a guesser keeping 30 guesses in flight from one address learns at most 20 codes a minute are wrong (a year on average to find one of 100 open workshops); after a burst of 30 wrong codes, the right code from the same address is answered 200 within 5 s; another address still joins",
        lost: null,
        serverUp: await isUp(server),
        p99Ms: null,
        memory: null,
        figures:
          `30 guesses kept in flight for ${(wrongMs / 1000).toFixed(0)} s: ${wrong.length} sent, ${statusList}, the slowest answered after ${(slowest / 1000).toFixed(1)} s; ` +
          `after a burst of 30 wrong, the right code 1 s later from the same address: ${rightDuring.status} after ${(rightDuring.ms / 1000).toFixed(1)} s; ` +
          `afterwards from the same address: ${sameAddress.status} in ${sameAddress.ms.toFixed(0)} ms, from 127.0.0.2: ${otherAddress}; ` +
          `${verdictTimes.length} answers said "wrong": ${pace} a minute (${years} years to find 1 of 100 workshops)`,
        details: {
          statuses,
          wrongMs,
          answerMs: wrong.map((r) => [r.status, Math.round(r.ms)]),
          rightDuring: { status: rightDuring.status, ms: rightDuring.ms },
          sameAddress: { status: sameAddress.status, ms: sameAddress.ms },
          otherAddress,
          verdictsPerMinute: perMinute,
          yearsFor100,
        },
      };

      // Creation: as many as one address gets in a few seconds, four at a time.
      const seconds = quick ? 5 : 10;
      const rss = new RssSampler(server, 200).start();
      const created: Record<string, number> = {};
      const deadline = Date.now() + seconds * 1000;
      let first429: number | null = null;
      let n = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (Date.now() < deadline) {
            const res = await api(server.url, "POST", "/api/workshops", {
              title: "Spam",
              template: "discretion",
            });
            n++;
            created[res.status] = (created[res.status] ?? 0) + 1;
            if (res.status === 429 && first429 === null) first429 = n;
          }
        }),
      );
      const memory = rss.stop();
      const accepted = created["201"] ?? 0;
      const serverUp = await isUp(server);
      const createRow: Row = {
        name: "workshop creation from one address",
        pass: first429 !== null && accepted < 100 && serverUp,
        criterion: "one address is refused (429) before it has created 100 workshops",
        lost: null,
        serverUp,
        p99Ms: null,
        memory,
        figures: `${n} requests in ${seconds} s: ${Object.entries(created)
          .map(([s, k]) => `${s}×${k}`)
          .join(" ")}: ${accepted} created, the first 429 at request ${first429 ?? "never"}`,
        details: { seconds, created, accepted, first429 },
      };
      return [guessRow, createRow];
    }),
};

// ---------------------------------------------------------------------------------------------------------
// 6. Small HTTP mistakes

const http: Scenario = {
  name: "http",
  about:
    "GET /api/lookup/%E0%A4%A (4xx, not 500) and POST /api/join with Content-Type text/plain; application/json (415)",
  run: () =>
    withServer("http", async (server) => {
      const lookup = await api(server.url, "GET", "/api/lookup/%E0%A4%A");
      const join415 = await api(
        server.url,
        "POST",
        "/api/join",
        JSON.stringify({ code: "ABCDEF", name: "x", group: "y" }),
        {
          "content-type": "text/plain; application/json",
        },
      );
      const serverUp = await isUp(server);
      return [
        {
          name: "malformed path; CSRF-able content type",
          pass: lookup.status >= 400 && lookup.status < 500 && join415.status === 415 && serverUp,
          criterion: "lookup of %E0%A4%A answers 4xx; text/plain; application/json answers 415",
          lost: null,
          serverUp,
          p99Ms: null,
          memory: null,
          figures: `lookup %E0%A4%A: ${lookup.status}; join with text/plain; application/json: ${join415.status}`,
          details: { lookup: lookup.status, join415: join415.status },
        },
      ];
    }),
};

export const attacks: Scenario[] = [importArchive, bigUpdates, pdfExport, presence, guessing, http];
