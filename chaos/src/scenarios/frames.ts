/**
 * 100,000 malformed and oversized frames over many connections (two worker threads), aimed at the charts
 * where a pair of healthy clients measures its round trip the whole time.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { DEFAULT_LIMITS } from "@continuum/protocol";
import { join, RoundTripProbe, setUpWorkshop } from "../clients.ts";
import type { FuzzJob, FuzzReport } from "../fuzz-worker.ts";
import { RssSampler, ServerUnderTest, sleep } from "../server.ts";
import type { RunOptions, Scenario, ScenarioResult } from "../types.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKERS = 2;

function runWorker(job: FuzzJob, onProgress: (r: FuzzReport) => void): Promise<FuzzReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(here, "..", "worker-boot.mjs"), { workerData: job });
    let last: FuzzReport | null = null;
    worker.on("message", (m: FuzzReport) => {
      last = m;
      onProgress(m);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (last?.type === "done") resolve(last);
      else reject(new Error(`fuzz worker exited with ${code} before it was done`));
    });
  });
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

export const frames: Scenario = {
  name: "frames",
  about:
    "100,000 malformed and oversized frames (10,000 in --quick) while healthy clients measure their round trip",
  async run({ quick, say }: RunOptions): Promise<ScenarioResult[]> {
    const started = Date.now();
    const total = quick ? 10_000 : 100_000;
    const server = await ServerUnderTest.start("frames");
    const rss = new RssSampler(server, 500).start();
    let probe: RoundTripProbe | null = null;
    try {
      const w = await setUpWorkshop(server.url, 2);
      const attacker = await join(server.url, w.created.joinCode, "Fuzzer", "Red");
      const a = await join(server.url, w.created.joinCode, "Healthy A", "Blue");
      const b = await join(server.url, w.created.joinCode, "Healthy B", "Red");
      probe = await RoundTripProbe.open(server.url, w.chartDocs[0] ?? "", [a.token, b.token], 20);
      probe.start();
      await sleep(1000);
      probe.reset();

      let downSeen = 0;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          if (!(await server.up())) downSeen++;
          await sleep(1000);
        }
      })();

      const progress = new Map<number, FuzzReport>();
      let lastSay = Date.now();
      const t0 = performance.now();
      const reports = await Promise.all(
        Array.from({ length: WORKERS }, (_, i) =>
          runWorker(
            {
              wsBase: server.wsUrl,
              docs: w.chartDocs,
              token: attacker.token,
              frames: Math.ceil(total / WORKERS),
              concurrency: 16,
              seed: 1000 + i,
              maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
            },
            (r) => {
              progress.set(i, r);
              if (Date.now() - lastSay > 10_000) {
                lastSay = Date.now();
                const sent = [...progress.values()].reduce((n, p) => n + p.framesSent, 0);
                say(`  ${sent} frames sent, healthy p99 so far ${probe?.p99()?.toFixed(1) ?? "–"} ms`);
              }
            },
          ),
        ),
      );
      const elapsedMs = performance.now() - t0;
      watching = false;
      await watch;
      // A little longer, so that a server still busy with the last frames shows in the round trips.
      await sleep(1000);
      probe.stop();
      const rt = probe.summary();
      const healthyCloses = probe.disconnects();

      const sum: FuzzReport = {
        type: "done",
        framesSent: 0,
        connections: 0,
        badHandshakes: 0,
        closeCodes: {},
        labels: {},
        fatalOutcomes: {},
        connectErrors: 0,
      };
      for (const r of reports) {
        sum.framesSent += r.framesSent;
        sum.connections += r.connections;
        sum.badHandshakes += r.badHandshakes;
        sum.connectErrors += r.connectErrors;
        add(sum.closeCodes, r.closeCodes);
        add(sum.labels, r.labels);
        for (const [label, outcomes] of Object.entries(r.fatalOutcomes)) {
          sum.fatalOutcomes[label] ??= {};
          add(sum.fatalOutcomes[label] ?? {}, outcomes);
        }
      }
      // Frames meant to end a connection that left it open: either the server found them harmless (a
      // mutated update that still decodes) or it ignored something it should have refused.
      const leftOpen = Object.entries(sum.fatalOutcomes)
        .filter(([, o]) => (o.none ?? 0) > 0)
        .map(([label, o]) => `${label}×${o.none}`)
        .join(" ");
      const up = (await server.up()) && !server.crashed();
      const serverUp = up && downSeen === 0;
      const memory = rss.stop();
      const errors = server.errorLines();
      const codes = Object.entries(sum.closeCodes)
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${k}×${v}`)
        .join(" ");
      return [
        {
          name: `${total.toLocaleString("en")} bad frames`,
          pass: serverUp && healthyCloses === 0 && rt.timeouts === 0,
          criterion:
            "server up throughout; healthy clients stay connected and every write of theirs arrives (p99 stated)",
          lost: null,
          serverUp,
          p99Ms: rt.p99,
          memory,
          figures:
            `${sum.framesSent} frames on ${sum.connections} connections in ${(elapsedMs / 1000).toFixed(0)} s; ` +
            `closes ${codes}${leftOpen ? ` (left open by ${leftOpen})` : ""}; healthy: ${rt.samples} round trips, p50 ${rt.p50?.toFixed(1)} ms, max ${rt.max?.toFixed(0)} ms, ` +
            `${rt.timeouts} lost, ${healthyCloses} disconnects; ${errors.length} server error lines`,
          details: {
            ...sum,
            elapsedMs,
            roundTrip: rt,
            healthyCloses,
            downSeen,
            serverErrors: errors.slice(0, 20),
          },
          durationMs: Date.now() - started,
        },
      ];
    } finally {
      probe?.destroy();
      rss.stop();
      await server.stop();
    }
  },
};
