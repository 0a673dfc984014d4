import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { listActivities, placeAspect, type ScaleActivity } from "@continuum/model";
import { type ApiError, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/exports/cli.ts";
import {
  type Client,
  connect,
  createWorkshop,
  eventually,
  joinAs,
  lookup,
  removeDir,
  synced,
  tempDir,
  testServer,
} from "./helpers.ts";

type Server = Awaited<ReturnType<typeof testServer>>;
let server: Server;
const clients: Client[] = [];
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
let scale: ScaleActivity;

beforeAll(async () => {
  server = await testServer({ rateLimit: { windowMs: 60_000, free: 50, hardLimit: 100, maxDelayMs: 10 } });
  // Names shown, so the exports' author column has something to check.
  workshop = await createWorkshop(server.url, "discretion", { showNames: true });
  const facilitator = connect(server.url, workshop.id, workshop.token);
  clients.push(facilitator);
  await synced(facilitator);
  scale = listActivities(facilitator.doc).find(
    (a): a is ScaleActivity => a.kind === "scale",
  ) as ScaleActivity;
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  removeDir(server.dataDir);
});

function get(route: string, key?: string | null, method = "GET") {
  return fetch(server.url + route, {
    method,
    headers: key === null || key === undefined ? {} : { authorization: `Bearer ${key}` },
  });
}
const exportUrl = (format: string, id: string = workshop.id) => `/api/workshops/${id}/export/${format}`;

describe("GET /api/workshops/<id>/export/<format>", () => {
  it("includes what a participant placed a moment ago (live state, through the rooms)", async () => {
    const { groups } = await lookup(server.url, workshop.joinCode);
    const group = groups[0] as { id: GroupId; name: string };
    const joined = await joinAs(server.url, workshop.joinCode, "Ann", group.name);
    const lane = connect(
      server.url,
      laneDocName(workshop.id as WorkshopId, scale.id, group.id),
      joined.token,
    );
    clients.push(lane);
    await synced(lane);
    const aspect = scale.aspects[0];
    if (!aspect) throw new Error("template scale has no aspect");
    placeAspect(lane.doc, { aspect, x: 12.5, author: "Ann" });
    await eventually(async () => {
      const res = await get(exportUrl("csv"), workshop.facilitatorKey);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(`${group.name},${aspect.text},${aspect.text},12.5,,,Ann,`);
    });
  });

  it("serves each format with its type and a file name from the title and date", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const cases: [string, RegExp, string][] = [
      ["csv", /^text\/csv/, "-notes.csv"],
      ["comparison-csv", /^text\/csv/, "-comparison.csv"],
      ["codebook", /^text\/markdown/, "-codebook.md"],
      ["json", /^application\/json/, ".continuum.json"],
      ["md", /^text\/markdown/, "-report.md"],
      ["pdf", /^application\/pdf/, "-report.pdf"],
      [`svg?activity=${scale.id}`, /^image\/svg\+xml/, ".svg"],
      [`png?activity=${scale.id}`, /^image\/png/, ".png"],
    ];
    for (const [format, type, suffix] of cases) {
      const res = await get(exportUrl(format), workshop.facilitatorKey);
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-type")).toMatch(type);
      const disposition = res.headers.get("content-disposition") ?? "";
      expect(disposition).toMatch(
        new RegExp(`^attachment; filename="test-workshop-${today}[^"]*${suffix.replace(".", "\\.")}"`),
      );
      const body = new Uint8Array(await res.arrayBuffer());
      expect(body.length, format).toBeGreaterThan(100);
      if (format === "csv") expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      if (format === "pdf") expect(new TextDecoder().decode(body.slice(0, 5))).toBe("%PDF-");
      if (format.startsWith("png")) expect([...body.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      if (format === "json") {
        const archive = JSON.parse(new TextDecoder().decode(body));
        expect(archive).toMatchObject({ format: "continuum-workshop", workshop: { id: workshop.id } });
      }
    }
  });

  it("accepts a facilitator token too, and answers HEAD without a body", async () => {
    expect((await get(exportUrl("md"), workshop.token)).status).toBe(200);
    const head = await get(exportUrl("json"), workshop.facilitatorKey, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("answers 404, 400, 401 and 403 with a clear JSON message", async () => {
    const check = async (res: Response, status: number, code: string, message: RegExp) => {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await res.json()) as ApiError;
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
    };
    await check(
      await get(exportUrl("csv", "nosuchworkshop"), workshop.facilitatorKey),
      404,
      "unknown_workshop",
      /no workshop/,
    );
    await check(
      await get(exportUrl("xlsx"), workshop.facilitatorKey),
      400,
      "unknown_format",
      /csv, comparison-csv/,
    );
    const missing = await get(exportUrl("csv"));
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await check(missing, 401, "missing_key", /Authorization: Bearer/);
    await check(await get(exportUrl("csv"), "not-the-key"), 403, "wrong_key", /facilitator key/);
    await check(await get(exportUrl("csv"), workshop.observerKey), 403, "wrong_key", /facilitator key/);
    const participant = await joinAs(server.url, workshop.joinCode, "Bo", "PPI contributors");
    await check(await get(exportUrl("csv"), participant.token), 403, "wrong_key", /facilitator key/);
    await check(await get(exportUrl("svg"), workshop.facilitatorKey), 400, "missing_activity", /\?activity=/);
    await check(
      await get(`${exportUrl("png")}?activity=nope`, workshop.facilitatorKey),
      404,
      "unknown_activity",
      /no activity "nope"/,
    );
  });

  it("exports a blank workshop with nothing in it", async () => {
    const blank = await createWorkshop(server.url, "blank");
    for (const format of ["csv", "comparison-csv", "codebook", "json", "md", "pdf"]) {
      expect((await get(exportUrl(format, blank.id), blank.facilitatorKey)).status, format).toBe(200);
    }
  });
});

describe("pnpm export (command line over the data directory)", () => {
  it("writes a PDF, all formats into a folder, and explains mistakes", async () => {
    // The rooms write to the store as they go; the command line reads the store, server running or not.
    const out = tempDir();
    const io = () => {
      const o = { stdout: [] as (string | Uint8Array)[], stderr: "" };
      return {
        o,
        io: { out: (b: string | Uint8Array) => o.stdout.push(b), err: (s: string) => (o.stderr += s) },
      };
    };
    const env = { INIT_CWD: out, DATA_DIR: server.dataDir };
    try {
      const a = io();
      expect(await runCli([workshop.id, "--format", "pdf", "--out", "r.pdf"], env, "/", a.io)).toBe(0);
      expect(readFileSync(path.join(out, "r.pdf")).subarray(0, 5).toString()).toBe("%PDF-");

      const b = io();
      expect(await runCli([workshop.id, "--format", "all", "--out", "all"], env, "/", b.io)).toBe(0);
      const files = readdirSync(path.join(out, "all"));
      const drawn = files.filter((f) => f.endsWith(".png")).length;
      expect(drawn).toBeGreaterThanOrEqual(2);
      expect(files.filter((f) => f.endsWith(".svg"))).toHaveLength(drawn);
      expect(files.some((f) => f.endsWith("-notes.csv"))).toBe(true);
      expect(
        readFileSync(path.join(out, "all", files.find((f) => f.endsWith("-notes.csv")) ?? "")).toString(),
      ).toContain("Ann");

      const c = io();
      expect(await runCli([workshop.id, "--format", "md", "--out", "-"], env, "/", c.io)).toBe(0);
      expect(new TextDecoder().decode(c.o.stdout[0] as Uint8Array)).toContain("# Test workshop");

      const d = io();
      expect(await runCli(["nosuch", "--format", "md"], env, "/", d.io)).toBe(1);
      expect(d.o.stderr).toMatch(/no workshop "nosuch"/);
      const e = io();
      expect(await runCli([workshop.id, "--format", "docx"], env, "/", e.io)).toBe(2);
      expect(e.o.stderr).toMatch(/Unknown format "docx"[\s\S]*Usage: pnpm export/);
      const f = io();
      expect(await runCli([workshop.id, "--format", "svg"], env, "/", f.io)).toBe(2);
      expect(f.o.stderr).toMatch(/--activity <id>/);
      const g = io();
      expect(await runCli([workshop.id], { INIT_CWD: out }, "/", g.io)).toBe(1);
      expect(g.o.stderr).toMatch(/no Continuum data/);
      expect(existsSync(path.join(out, "data"))).toBe(false);
    } finally {
      removeDir(out);
    }
  });
});
