/**
 * Moving workshops between SQLite and PostgreSQL (`pnpm copy-workshops`): the same workshop exported from
 * the server on each side gives the same archive, and the links people hold keep working after the move.
 */
import { addNote, listActivities, listNotes } from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalPostgres, startLocalPostgres } from "../src/cluster/localPostgres.ts";
import { runCopyCli } from "../src/store/copy.ts";
import {
  connect,
  createWorkshop,
  eventually,
  joinAs,
  lookup,
  postgresForTests,
  removeDir,
  synced,
  tempDir,
  testServer,
} from "./helpers.ts";

const postgres = postgresForTests();
let db: LocalPostgres | null = null;
beforeAll(async () => {
  if (postgres.available) db = await startLocalPostgres();
}, 60_000);
afterAll(async () => {
  await db?.stop();
});

async function copy(from: string, to: string) {
  let out = "";
  let err = "";
  const code = await runCopyCli(
    ["--from", from, "--to", to],
    {},
    {
      out: (s) => {
        out += s;
      },
      err: (s) => {
        err += s;
      },
    },
  );
  return { code, out, err };
}

/** The workshop's JSON archive as the server's export endpoint gives it, without the moment of export. */
async function archive(url: string, id: string, key: string): Promise<unknown> {
  const res = await fetch(`${url}/api/workshops/${id}/export/json`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  delete body.exportedAt;
  return body;
}

describe.skipIf(!postgres.available)(
  `copying workshops between SQLite and PostgreSQL${postgres.skipReason ? ` (skipped: ${postgres.skipReason})` : ""}`,
  () => {
    it("SQLite → PostgreSQL → SQLite gives the same archive, and people's links keep working", async () => {
      const sqliteDir = tempDir();
      const backDir = tempDir();
      const pgUrl = db?.url ?? "";
      try {
        // A workshop with some work in it, on the embedded default.
        const first = await testServer({ dataDir: sqliteDir });
        const created = await createWorkshop(first.url);
        const facilitator = connect(first.url, created.id, created.token);
        await synced(facilitator);
        const scale = listActivities(facilitator.doc).find((a) => a.kind === "scale");
        const { groups } = await lookup(first.url, created.joinCode);
        const group = groups[0] as { id: GroupId };
        const ann = await joinAs(first.url, created.joinCode, "Ann", group.id);
        const lane = laneDocName(created.id as WorkshopId, scale?.id as ActivityId, group.id);
        const annLane = connect(first.url, lane, ann.token);
        await synced(annLane);
        for (const [i, text] of ["Who can refer", "Length of sessions", "Where we meet"].entries()) {
          addNote(annLane.doc, { text, x: 20 * (i + 1), author: "Ann" });
        }
        // Once another client has them they are stored (store before forward).
        const reader = connect(first.url, lane, created.token);
        await eventually(() => expect(listNotes(reader.doc)).toHaveLength(3));
        // The results were shared back with the people who took part: that link must survive the move.
        const published = await fetch(`${first.url}/api/workshops/${created.id}/share-back`, {
          method: "POST",
          headers: { authorization: `Bearer ${created.token}` },
        });
        expect(published.status).toBe(201);
        const { slug } = (await published.json()) as { slug: string };
        const page = async (url: string) => {
          const res = await fetch(`${url}/api/results/${slug}`);
          return { status: res.status, body: (await res.json()) as unknown };
        };
        const sharedPage = await page(first.url);
        expect(sharedPage.status).toBe(200);
        reader.destroy();
        annLane.destroy();
        facilitator.destroy();
        await first.close();

        const there = await copy(sqliteDir, pgUrl);
        expect(there.err).toBe("");
        expect(there.out).toContain("Copied 1 workshop.");
        expect(there.out).toContain("links people hold keep working");
        expect(there.code).toBe(0);

        const back = await copy(pgUrl, backDir);
        expect(back.out).toContain("Copied 1 workshop.");
        expect(back.code).toBe(0);
        // Copying again leaves what is there alone.
        expect((await copy(sqliteDir, pgUrl)).out).toContain("1 already in the target");

        const servers = await Promise.all([
          testServer({ dataDir: sqliteDir }),
          testServer({ storage: "postgres", databaseUrl: pgUrl }),
          testServer({ dataDir: backDir }),
        ]);
        try {
          const [original, onPostgres, returned] = await Promise.all(
            servers.map((s) => archive(s.url, created.id, created.facilitatorKey)),
          );
          expect(onPostgres).toEqual(original);
          expect(returned).toEqual(original);
          // The shared-back results page opens from its link on every side, the same page.
          for (const s of servers) expect(await page(s.url)).toEqual(sharedPage);
          expect(JSON.stringify(original)).toContain("Where we meet");

          // Ann's tablet still holds the token the SQLite server gave her; the PostgreSQL server takes it.
          const again = connect(servers[1]?.url ?? "", lane, ann.token);
          await synced(again);
          expect(
            listNotes(again.doc)
              .map((n) => n.text)
              .sort(),
          ).toEqual(["Length of sessions", "Where we meet", "Who can refer"]);
          again.destroy();
        } finally {
          await Promise.all(servers.map((s) => s.close()));
        }
      } finally {
        removeDir(sqliteDir);
        removeDir(backDir);
      }
    }, 60_000);
  },
);
