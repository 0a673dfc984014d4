/**
 * kill -9 under load: 20 participants keep adding notes to 8 charts; the server is killed with SIGKILL at a
 * random moment, started again on the same data, and every note that some *other* client had received
 * before the kill (so the server had forwarded it, which it does only once it is stored) must be on the
 * server after the restart, before any of the writers reconnects and could send it again.
 */
import { newNoteId } from "@continuum/protocol";
import * as Y from "yjs";
import { type Client, connect, eventually, join, percentile, setUpWorkshop, synced } from "../clients.ts";
import { RssSampler, ServerUnderTest, sleep } from "../server.ts";
import type { RunOptions, Scenario, ScenarioResult } from "../types.ts";

const CLIENTS = 20;
const DOCS = 8;

interface Editor {
  client: Client;
  doc: number;
  seq: number;
}

export const kill9: Scenario = {
  name: "kill9",
  about:
    "kill -9 ten times (three in --quick) under 20 clients editing 8 charts; nothing another client saw may be lost",
  async run({ quick, say }: RunOptions): Promise<ScenarioResult[]> {
    const started = Date.now();
    const kills = quick ? 3 : 10;
    const server = await ServerUnderTest.start("kill9");
    const rss = new RssSampler(server, 250).start();
    const editors: Editor[] = [];
    try {
      const w = await setUpWorkshop(server.url, DOCS);
      const code = w.created.joinCode;
      /** Per document: note ids some client other than the writer has received. */
      const acked = Array.from({ length: DOCS }, () => new Set<string>());
      const written = Array.from({ length: DOCS }, () => new Set<string>());
      const sentAt = new Map<string, number>();
      const roundTrips: number[] = [];
      let measuring = false;

      for (let i = 0; i < CLIENTS; i++) {
        const who = await join(server.url, code, `Editor ${i + 1}`, i % 2 === 0 ? "Red" : "Blue");
        const doc = i % DOCS;
        const client = connect(server.url, w.chartDocs[doc] ?? "", who.token);
        client.doc.getMap("notes").observe((event) => {
          if (event.transaction.local) return;
          const now = performance.now();
          for (const key of event.keysChanged) {
            if (acked[doc]?.has(key)) continue;
            acked[doc]?.add(key);
            const t = sentAt.get(key);
            if (t !== undefined && measuring) roundTrips.push(now - t);
          }
        });
        editors.push({ client, doc, seq: 0 });
      }
      await Promise.all(editors.map((e) => synced(e.client)));

      // Each editor adds a note every 80-160 ms, whether connected or not (people keep typing offline).
      let editing = true;
      const edit = async (e: Editor) => {
        const notes = e.client.doc.getMap<Y.Map<unknown>>("notes");
        while (editing) {
          const id = newNoteId();
          e.seq++;
          e.client.doc.transact(() => {
            const m = new Y.Map<unknown>();
            m.set("text", `note ${e.seq} from ${e.client.doc.clientID}`);
            m.set("colour", "yellow");
            m.set("columnId", "cpros");
            m.set("order", e.seq);
            m.set("author", "Editor");
            m.set("groupId", null);
            m.set("createdAt", Date.now());
            m.set("updatedAt", Date.now());
            notes.set(id, m);
          });
          written[e.doc]?.add(id);
          sentAt.set(id, performance.now());
          await sleep(80 + Math.random() * 80);
        }
      };
      const loops = editors.map((e) => edit(e));

      const cycles: Record<string, number>[] = [];
      let lostTotal = 0;
      let serverUp = true;
      for (let k = 0; k < kills; k++) {
        measuring = true;
        await sleep(1500 + Math.random() * 2500);
        measuring = false;
        const ackedAtKill = acked.map((s) => new Set(s));
        const writtenAtKill = written.reduce((n, s) => n + s.size, 0);
        await server.kill9();
        // Stop the editors reconnecting: the check below must see only what the server had stored.
        for (const e of editors) e.client.provider.disconnect();
        const t0 = performance.now();
        await server.boot();
        const restartMs = performance.now() - t0;

        // A fresh client per chart reads what the restarted server has.
        let lost = 0;
        for (let d = 0; d < DOCS; d++) {
          const check = connect(server.url, w.chartDocs[d] ?? "", w.created.token);
          await synced(check, 15_000);
          const present = check.doc.getMap("notes");
          for (const id of ackedAtKill[d] ?? []) if (!present.has(id)) lost++;
          check.destroy();
        }
        lostTotal += lost;
        const ackedCount = ackedAtKill.reduce((n, s) => n + s.size, 0);

        const t1 = performance.now();
        for (const e of editors) e.client.provider.connect();
        const resynced = await eventually(() => editors.every((e) => e.client.provider.synced), 20_000);
        const resyncMs = performance.now() - t1;
        if (!resynced) serverUp = false;
        cycles.push({
          kill: k + 1,
          acked: ackedCount,
          written: writtenAtKill,
          lost,
          restartMs: Math.round(restartMs),
          resyncMs: Math.round(resyncMs),
        });
        say(
          `  kill ${k + 1}/${kills}: ${ackedCount} seen by others, ${lost} lost; restart ${Math.round(restartMs)} ms, resync ${Math.round(resyncMs)} ms`,
        );
      }

      // Everyone stops; once the writers have resent what they had, every replica of a chart is the same.
      editing = false;
      await Promise.all(loops);
      const converged = await eventually(() => {
        for (let d = 0; d < DOCS; d++) {
          const replicas = editors.filter((e) => e.doc === d).map((e) => e.client.doc.getMap("notes").size);
          if (replicas.some((n) => n !== written[d]?.size)) return false;
        }
        return true;
      }, 20_000);
      let missingAtEnd = 0;
      for (let d = 0; d < DOCS; d++) {
        const check = connect(server.url, w.chartDocs[d] ?? "", w.created.token);
        await synced(check, 15_000);
        const present = check.doc.getMap("notes");
        for (const id of written[d] ?? []) if (!present.has(id)) missingAtEnd++;
        check.destroy();
      }
      serverUp = serverUp && (await server.up());
      const memory = rss.stop();
      const p99 = percentile(roundTrips, 99);
      const writtenTotal = written.reduce((n, s) => n + s.size, 0);
      const restarts = cycles.map((c) => c.restartMs ?? 0);
      return [
        {
          name: `kill -9 ×${kills}`,
          pass: lostTotal === 0 && converged && missingAtEnd === 0 && serverUp,
          criterion:
            "0 notes lost that another client had received; all replicas converge after the last restart",
          lost: lostTotal,
          serverUp,
          p99Ms: p99,
          memory,
          figures:
            `${writtenTotal} notes by ${CLIENTS} clients on ${DOCS} charts; ` +
            `after each kill every note seen by another client so far checked (${cycles.reduce((n, c) => n + (c.acked ?? 0), 0)} checks), ${lostTotal} missing; ` +
            `restart ${Math.min(...restarts)}–${Math.max(...restarts)} ms; ` +
            `converged: ${converged ? "yes" : "no"}, ${missingAtEnd} missing at the end`,
          details: {
            kills,
            clients: CLIENTS,
            docs: DOCS,
            cycles,
            writtenTotal,
            converged,
            missingAtEnd,
            roundTrips: roundTrips.length,
          },
          durationMs: Date.now() - started,
        },
      ];
    } finally {
      for (const e of editors) e.client.destroy();
      rss.stop();
      await server.stop();
    }
  },
};
