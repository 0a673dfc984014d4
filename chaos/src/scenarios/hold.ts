/**
 * 2,000 idle connections held for 10 minutes (30 s in --quick), spread over a workshop and its 8 charts,
 * each one opened the way a client opens it (sync step 1, a small presence) and then left alone, with the
 * server's resident memory sampled every 10 s and a healthy pair measuring its round trip throughout.
 */
import type WebSocket from "ws";
import {
  awarenessMessage,
  join,
  RoundTripProbe,
  rawSocket,
  setUpWorkshop,
  syncStep1Message,
} from "../clients.ts";
import { mb, RssSampler, ServerUnderTest, sleep } from "../server.ts";
import type { RunOptions, Scenario, ScenarioResult } from "../types.ts";

const CONNECTIONS = 2000;
const SAMPLE_MS = 10_000;

export const hold: Scenario = {
  name: "hold",
  about: "2,000 idle connections held for 10 minutes (30 s in --quick), server memory sampled every 10 s",
  async run({ quick, say }: RunOptions): Promise<ScenarioResult[]> {
    const started = Date.now();
    const holdMs = quick ? 30_000 : 10 * 60_000;
    const server = await ServerUnderTest.start("hold");
    const sockets: WebSocket[] = [];
    let probe: RoundTripProbe | null = null;
    try {
      const w = await setUpWorkshop(server.url, 8);
      const docs = [w.id as string, ...w.chartDocs];
      const people = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          join(server.url, w.created.joinCode, `P${i}`, i % 2 ? "Red" : "Blue"),
        ),
      );
      const baseline = server.rss();

      let closedDuringHold = 0;
      let holding = false;
      const closeCodes: Record<string, number> = {};
      let failed = 0;
      let next = 0;
      const t0 = performance.now();
      const openOne = async (i: number) => {
        const token = people[i % people.length]?.token ?? "";
        try {
          const ws = await rawSocket(server.wsUrl, docs[i % docs.length] ?? "", token, 30_000);
          ws.on("error", () => {});
          ws.on("close", (code: number) => {
            closeCodes[code] = (closeCodes[code] ?? 0) + 1;
            if (holding) closedDuringHold++;
          });
          ws.send(syncStep1Message());
          ws.send(
            awarenessMessage([
              { clientId: 10_000 + i, clock: 1, state: { user: { name: `P${i}`, colour: "yellow" } } },
            ]),
          );
          sockets.push(ws);
        } catch {
          failed++;
        }
      };
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next < CONNECTIONS) await openOne(next++);
        }),
      );
      const rampMs = performance.now() - t0;
      say(`  ${sockets.length} connections open in ${(rampMs / 1000).toFixed(1)} s`);
      await sleep(2000);

      const a = people[0]?.token ?? "";
      const b = people[1]?.token ?? "";
      probe = await RoundTripProbe.open(server.url, w.chartDocs[0] ?? "", [a, b], 200);
      probe.start();

      holding = true;
      const rss = new RssSampler(server, SAMPLE_MS).start();
      const holdStart = Date.now();
      let lastSay = Date.now();
      while (Date.now() - holdStart < holdMs) {
        await sleep(1000);
        if (Date.now() - lastSay >= 60_000) {
          lastSay = Date.now();
          say(`  holding: ${Math.round((Date.now() - holdStart) / 1000)} s, RSS ${mb(server.rss())} MB`);
        }
      }
      const memory = rss.stop();
      holding = false;
      probe.stop();
      const rt = probe.summary();
      const open = sockets.filter((s) => s.readyState === s.OPEN).length;
      const serverUp = (await server.up()) && !server.crashed();
      const start = memory.start ?? 0;
      const drift = start > 0 ? ((memory.end ?? 0) - start) / start : Number.POSITIVE_INFINITY;
      // The criterion guards against growth: memory that falls (V8 handing back what the 2,000 handshakes
      // used, a minute or two later) is no leak.
      const pass = serverUp && open === CONNECTIONS && drift <= 0.1;
      return [
        {
          name: `${CONNECTIONS.toLocaleString("en")} connections held ${quick ? "30 s" : "10 min"}`,
          pass,
          criterion:
            "every connection stays open; resident memory at the end no more than 10% above its start (a fall is no leak)",
          lost: null,
          serverUp,
          p99Ms: rt.p99,
          memory,
          figures:
            `${sockets.length} opened in ${(rampMs / 1000).toFixed(1)} s (${failed} failed), ${open} open at the end, ` +
            `${closedDuringHold} closed while held; RSS before connecting ${mb(baseline)} MB, end ${drift >= 0 ? "+" : ""}${(drift * 100).toFixed(1)}% of start; ` +
            `${rss.samples.length} samples every ${SAMPLE_MS / 1000} s`,
          details: {
            connections: CONNECTIONS,
            holdMs,
            rampMs,
            failed,
            open,
            closedDuringHold,
            closeCodes,
            baseline,
            samples: rss.samples,
            drift,
            roundTrip: rt,
          },
          durationMs: Date.now() - started,
        },
      ];
    } finally {
      probe?.destroy();
      for (const s of sockets) s.terminate();
      await server.stop();
    }
  },
};
