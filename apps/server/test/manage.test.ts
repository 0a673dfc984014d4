import type { ApiError, RevokeResponse } from "@continuum/protocol";
import { CloseCode } from "@continuum/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Client,
  closedWith,
  connect,
  createWorkshop,
  joinAs,
  lookup,
  removeDir,
  synced,
  testServer,
} from "./helpers.ts";

let server: Awaited<ReturnType<typeof testServer>>;
const clients: Client[] = [];
beforeEach(async () => {
  server = await testServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  removeDir(server.dataDir);
});

async function post<T>(route: string, key: string | null): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + route, {
    method: "POST",
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function session(workshopId: string, key: string) {
  const res = await fetch(`${server.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workshopId, key }),
  });
  return { status: res.status, body: (await res.json()) as { token: string; role: string } };
}

describe("managing a workshop", () => {
  it("revokes the private links: old keys and facilitator tokens stop working, participants stay", async () => {
    const created = await createWorkshop(server.url);
    const { groups } = await lookup(server.url, created.joinCode);
    const ann = await joinAs(server.url, created.joinCode, "Ann", groups[0]?.id ?? "");
    const facilitator = connect(server.url, created.id, created.token);
    const participant = connect(server.url, created.id, ann.token);
    clients.push(facilitator, participant);
    await Promise.all([synced(facilitator), synced(participant)]);

    expect((await post<ApiError>(`/api/workshops/${created.id}/revoke`, null)).status).toBe(401);
    expect((await post<ApiError>(`/api/workshops/${created.id}/revoke`, created.observerKey)).status).toBe(
      403,
    );
    expect((await post<ApiError>(`/api/workshops/${created.id}/revoke`, ann.token)).status).toBe(403);
    const revoked = await post<RevokeResponse>(`/api/workshops/${created.id}/revoke`, created.facilitatorKey);
    expect(revoked.status).toBe(200);

    // The facilitator's open connection is closed as unauthorized; the participant's stays open.
    expect(await closedWith(facilitator)).toBe(CloseCode.Unauthorized);
    expect(participant.provider.wsconnected).toBe(true);
    expect((await session(created.id, created.facilitatorKey)).status).toBe(403);
    expect((await session(created.id, created.observerKey)).status).toBe(403);
    const old = connect(server.url, created.id, created.token);
    clients.push(old);
    expect(await closedWith(old)).toBe(CloseCode.Unauthorized);

    // The new links work.
    expect((await session(created.id, revoked.body.facilitatorKey)).body.role).toBe("facilitator");
    expect((await session(created.id, revoked.body.observerKey)).body.role).toBe("observer");
    const fresh = connect(server.url, created.id, revoked.body.token);
    clients.push(fresh);
    await synced(fresh);
  });

  it("closes a workshop: everyone is disconnected with 4410, the code stops working, exports still work", async () => {
    const created = await createWorkshop(server.url);
    const { groups } = await lookup(server.url, created.joinCode);
    const ann = await joinAs(server.url, created.joinCode, "Ann", groups[0]?.id ?? "");
    const participant = connect(server.url, created.id, ann.token);
    clients.push(participant);
    await synced(participant);
    const closed = await post<{ closedAt: number }>(
      `/api/workshops/${created.id}/close`,
      created.facilitatorKey,
    );
    expect(closed.status).toBe(200);
    expect(await closedWith(participant)).toBe(CloseCode.WorkshopClosed);
    const join = await fetch(`${server.url}/api/lookup/${created.joinCode}`);
    expect(join.status).toBe(404);
    const again = connect(server.url, created.id, created.token);
    clients.push(again);
    expect(await closedWith(again)).toBe(CloseCode.WorkshopClosed);
    const exported = await fetch(`${server.url}/api/workshops/${created.id}/export/json`, {
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    expect(exported.status).toBe(200);
  });
});
