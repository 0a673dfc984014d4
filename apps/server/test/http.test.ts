import type { ApiError, CreateWorkshopResponse, JoinResponse, LookupResponse } from "@continuum/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createWorkshop, removeDir, testServer } from "./helpers.ts";

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer({ rateLimit: { windowMs: 60_000, free: 2, hardLimit: 8, maxDelayMs: 1000 } });
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

describe("HTTP API", () => {
  it("answers /healthz", async () => {
    const res = await api<{ ok: boolean }>(server.url, "GET", "/healthz");
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("creates the discretion workshop with the February 2023 groups", async () => {
    const created = await createWorkshop(server.url, "discretion");
    expect(created.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(created.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(created.facilitatorKey.length).toBeGreaterThanOrEqual(32);
    const found = await api<LookupResponse>(
      server.url,
      "GET",
      `/api/lookup/${created.joinCode.toLowerCase()}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.groups.map((g) => g.name)).toEqual(["Link workers", "PPI contributors"]);
  });

  it("creates a blank workshop, and takes custom groups", async () => {
    const blank = await api<CreateWorkshopResponse>(server.url, "POST", "/api/workshops", { title: "Blank" });
    expect(blank.status).toBe(201);
    const custom = await api<CreateWorkshopResponse>(server.url, "POST", "/api/workshops", {
      title: "Custom",
      template: "discretion",
      groups: ["Nurses", "Patients", "Carers"],
    });
    const found = await api<LookupResponse>(server.url, "GET", `/api/lookup/${custom.body.joinCode}`);
    expect(found.body.groups.map((g) => g.name)).toEqual(["Nurses", "Patients", "Carers"]);
  });

  it("explains what is wrong with a bad request", async () => {
    const noTitle = await api<ApiError>(server.url, "POST", "/api/workshops", { template: "discretion" });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.message).toMatch(/title/);
    const badTemplate = await api<ApiError>(server.url, "POST", "/api/workshops", {
      title: "x",
      template: "nope",
    });
    expect(badTemplate.body.error.message).toMatch(/template/);
    const notJson = await fetch(`${server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ApiError).error.code).toBe("invalid_json");
    const unknown = await api<ApiError>(server.url, "GET", "/api/nothing");
    expect(unknown.status).toBe(404);
  });

  it("joins by code with a group name or id; explains an unknown group", async () => {
    const created = await createWorkshop(server.url);
    const joined = await api<JoinResponse>(server.url, "POST", "/api/join", {
      code: ` ${created.joinCode.slice(0, 3)}-${created.joinCode.slice(3).toLowerCase()} `,
      name: "Pauline",
      group: "ppi contributors",
    });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({
      workshopId: created.id,
      role: "participant",
      groupName: "PPI contributors",
    });
    const wrongGroup = await api<ApiError>(server.url, "POST", "/api/join", {
      code: created.joinCode,
      name: "Pauline",
      group: "Dentists",
    });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.error.message).toContain("Link workers");
  });

  it("answers an unknown code with 404, and slows down then refuses repeated failures", async () => {
    const first = await api<ApiError>(server.url, "POST", "/api/join", {
      code: "ZZZZZZ",
      name: "X",
      group: "A",
    });
    expect(first.status).toBe(404);
    expect(first.body.error.message).toMatch(/no open workshop/i);
    const started = Date.now();
    let last = first.status;
    let slowest = 0;
    for (let i = 0; i < 40 && last !== 429; i++) {
      const t = Date.now();
      last = (await api<ApiError>(server.url, "POST", "/api/join", { code: "ZZZZZZ", name: "X", group: "A" }))
        .status;
      slowest = Math.max(slowest, Date.now() - t);
    }
    expect(last).toBe(429);
    expect(slowest).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});

describe("configuration", () => {
  it("reads flags over environment variables, and resolves paths from where pnpm was run", async () => {
    const { loadConfig } = await import("../src/config.ts");
    const c = loadConfig(["--port", "9001", "--idle-unload-ms=5"], {
      PORT: "9000",
      HOST: "127.0.0.1",
      INIT_CWD: "/srv/venue",
    });
    expect(c).toMatchObject({ port: 9001, host: "127.0.0.1", idleUnloadMs: 5, dataDir: "/srv/venue/data" });
    expect(loadConfig([], { DATA_DIR: "store", INIT_CWD: "/srv/venue" }).dataDir).toBe("/srv/venue/store");
    expect(loadConfig(["--data-dir", "/abs"], {}).dataDir).toBe("/abs");
    expect(() => loadConfig(["--port", "eighty"], {})).toThrow(/whole number/);
    expect(() => loadConfig(["--colour", "red"], {})).toThrow(/Unknown option --colour/);
    // A flag without its value is a mistake to point out, not a default to fall back on silently.
    expect(() => loadConfig(["--port"], {})).toThrow(/--port needs a value/);
    expect(() => loadConfig(["--data-dir", "--port", "9000"], {})).toThrow(/--data-dir needs a value/);
  });
});
