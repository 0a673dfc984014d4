/**
 * Share-back (issue 14) over raw HTTP: only the facilitator publishes, reads the state of and withdraws a
 * results page; the page's JSON carries the results without any name, participant id, token or key even
 * when the workshop shows names; a wrong slug is 404, a withdrawn one 410, a newer page withdraws the older;
 * the slug never reaches the logs, even at debug level.
 */
import { PassThrough } from "node:stream";
import {
  addNote,
  getActivity,
  listActivities,
  placeAspect,
  type ScaleActivity,
  setMeta,
  setSoloRevealed,
  startGroupRound,
  startIndividualRound,
} from "@continuum/model";
import {
  type ActivityId,
  type GroupId,
  laneDocName,
  type ShareBackResponse,
  type WorkshopId,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { connect, createWorkshop, joinAs, lookup, removeDir, synced, testServer } from "./helpers.ts";

async function call(base: string, method: string, route: string, token?: string) {
  const res = await fetch(base + route, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe("share-back: a results page without names", () => {
  it("is published, read, withdrawn and replaced by the facilitator only; never leaks a name or the slug", async () => {
    const stream = new PassThrough();
    let logs = "";
    stream.on("data", (d) => {
      logs += d;
    });
    const server = await testServer({ logLevel: "debug", logStream: stream, storage: "memory" });
    const clients: ReturnType<typeof connect>[] = [];
    try {
      const created = await createWorkshop(server.url);
      const { groups } = await lookup(server.url, created.joinCode);
      const group = (groups[0] as { id: GroupId }).id;
      const ann = await joinAs(server.url, created.joinCode, "Annabel Quincey", group);
      const facilitator = connect(server.url, created.id, created.token);
      clients.push(facilitator);
      await synced(facilitator);
      const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale") as ScaleActivity;
      const aspect = scale.aspects[0] as ScaleActivity["aspects"][number];
      startIndividualRound(facilitator.doc, scale.id);
      startGroupRound(facilitator.doc, scale.id);
      setSoloRevealed(facilitator.doc, scale.id, { [group]: { [aspect.id]: [10, 20, 70] } } as never);

      const lane = connect(
        server.url,
        laneDocName(created.id as WorkshopId, scale.id as ActivityId, group),
        ann.token,
      );
      clients.push(lane);
      await synced(lane);
      placeAspect(lane.doc, { aspect, x: 30, author: "Annabel Quincey" });
      addNote(lane.doc, { text: "Trust takes time", x: 60, author: "Annabel Quincey" });
      await new Promise((r) => setTimeout(r, 200));
      expect(getActivity(facilitator.doc, scale.id)).toBeDefined();

      const base = `/api/workshops/${created.id}/share-back`;
      // Only the facilitator.
      expect((await call(server.url, "POST", base)).status).toBe(401);
      expect((await call(server.url, "POST", base, ann.token)).status).toBe(403);
      expect((await call(server.url, "GET", base, created.token)).body).toEqual({
        published: false,
        publishedAt: null,
        withdrawnAt: null,
      });

      const published = await call(server.url, "POST", base, created.token);
      expect(published.status).toBe(201);
      const { slug, path } = published.body as unknown as ShareBackResponse;
      expect(slug).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(path).toBe(`/results/${slug}`);
      expect((await call(server.url, "GET", base, created.token)).body.published).toBe(true);

      const page = await call(server.url, "GET", `/api/results/${slug}`);
      expect(page.status).toBe(200);
      // The results are there: the aspect, the group, the position, the spread, a note the group wrote.
      expect(page.text).toContain(aspect.text);
      expect(page.text).toContain("Trust takes time");
      const shared = page.body as {
        activities: { kind: string; aspects?: { positions: unknown; spreads?: unknown }[] }[];
      };
      const first = shared.activities.find((a) => a.kind === "scale")?.aspects?.[0];
      expect(first?.positions).toEqual([{ group: 0, x: 30 }]);
      expect(first?.spreads).toEqual([{ group: 0, n: 3, median: 20, q1: 15, q3: 45, values: [10, 20, 70] }]);
      // Nothing that identifies anyone, or opens anything.
      for (const secret of [
        "Annabel",
        "Quincey",
        ann.participantId,
        ann.token,
        created.token,
        created.facilitatorKey,
        created.joinCode,
        created.id,
      ]) {
        expect(page.text).not.toContain(secret);
      }

      // The flags as data, for the page to word in its reader's language, and as sentences in the
      // workshop's language for other readers; so is the method line. A Welsh workshop's are Welsh.
      type Aspect = { flags: string[]; flagData: { kind: string; groups: number[] }[] };
      const aspectOf = (body: unknown) =>
        (body as { activities: { kind: string; aspects?: Aspect[] }[] }).activities.find(
          (a) => a.kind === "scale",
        )?.aspects?.[0];
      expect(aspectOf(page.body)?.flagData).toEqual([{ kind: "wide-spread", groups: [0] }]);
      expect(aspectOf(page.body)?.flags[0]).toMatch(/did not agree among themselves/);
      expect(page.body.method).toMatch(/^Positions run from 0 to 100/);
      setMeta(facilitator.doc, { language: "cy" });
      await new Promise((r) => setTimeout(r, 200));
      const welsh = await call(server.url, "GET", `/api/results/${slug}`);
      expect(aspectOf(welsh.body)?.flags[0]).toMatch(
        /^Nid oedd .* yn cytuno â'i gilydd \(gwasgariad eang\)$/,
      );
      expect(aspectOf(welsh.body)?.flagData).toEqual([{ kind: "wide-spread", groups: [0] }]);
      expect(welsh.body.method).toMatch(/^Mae'r safleoedd yn mynd o 0 i 100/);

      // A wrong slug (well formed or not) is 404; a withdrawn one is 410 with a sentence.
      expect((await call(server.url, "GET", `/api/results/${"A".repeat(24)}`)).status).toBe(404);
      expect((await call(server.url, "GET", "/api/results/nope")).status).toBe(404);
      expect((await call(server.url, "DELETE", base, ann.token)).status).toBe(403);
      expect((await call(server.url, "DELETE", base, created.token)).body).toEqual({ withdrawn: true });
      const gone = await call(server.url, "GET", `/api/results/${slug}`);
      expect(gone.status).toBe(410);
      expect((gone.body.error as { message: string }).message).toMatch(/withdrawn/);
      expect((await call(server.url, "GET", base, created.token)).body.published).toBe(false);

      // Publishing again gives a new link; the old one stays withdrawn.
      const again = (await call(server.url, "POST", base, created.token))
        .body as unknown as ShareBackResponse;
      expect(again.slug).not.toBe(slug);
      expect((await call(server.url, "GET", `/api/results/${again.slug}`)).status).toBe(200);
      expect((await call(server.url, "GET", `/api/results/${slug}`)).status).toBe(410);

      // The slugs never reach the logs, though every request is logged at debug level.
      expect(logs).toContain("/api/results/[redacted]");
      expect(logs).not.toContain(slug);
      expect(logs).not.toContain(again.slug);
    } finally {
      for (const c of clients) c.destroy();
      await server.close();
      removeDir(server.dataDir);
    }
  });
});
