/**
 * `GET /api/workshops/<id>/share`: the private link is enough on any device. The facilitator gets the join
 * code and a room-screen token; the room screen gets the code only; everyone else nothing, and the room
 * token stops working with the other private links.
 */
import type { ApiError, RevokeResponse, ShareResponse } from "@continuum/protocol";
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

async function share<T = ShareResponse>(id: string, credential: string | null) {
  const res = await fetch(`${server.url}/api/workshops/${id}/share`, {
    headers: credential === null ? {} : { authorization: `Bearer ${credential}` },
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe("sharing a workshop from any device", () => {
  it("gives the facilitator the join code and a read-only room token, the room screen the code only", async () => {
    const created = await createWorkshop(server.url);
    // The key of a private link opened on another device, and the token the creating device holds.
    for (const credential of [created.facilitatorKey, created.token]) {
      const got = await share(created.id, credential);
      expect(got.status).toBe(200);
      expect(got.body.joinCode).toBe(created.joinCode);
      expect(got.body.closedAt).toBeNull();
      expect(typeof got.body.roomToken).toBe("string");
    }
    const { body } = await share(created.id, created.facilitatorKey);
    const roomToken = body.roomToken ?? "";
    // The room token is no key: it reads the code and opens the workshop (as an observer: read-only).
    const room = await share(created.id, roomToken);
    expect(room.status).toBe(200);
    expect(room.body.joinCode).toBe(created.joinCode);
    expect(room.body.roomToken).toBeUndefined();
    expect(JSON.stringify(room.body)).not.toContain(created.facilitatorKey);
    const screen = connect(server.url, created.id, roomToken);
    clients.push(screen);
    await synced(screen);
  });

  it("refuses participants, strangers and a room token after new private links", async () => {
    const created = await createWorkshop(server.url);
    const { groups } = await lookup(server.url, created.joinCode);
    const ann = await joinAs(server.url, created.joinCode, "Ann", groups[0]?.id ?? "");
    expect((await share<ApiError>(created.id, null)).status).toBe(401);
    expect((await share<ApiError>(created.id, ann.token)).status).toBe(403);
    expect((await share<ApiError>(created.id, "not-a-key")).status).toBe(403);
    expect((await share<ApiError>("nosuchworkshop", created.facilitatorKey)).status).toBe(404);
    const other = await createWorkshop(server.url);
    expect((await share<ApiError>(created.id, other.facilitatorKey)).status).toBe(403);

    const roomToken = (await share(created.id, created.facilitatorKey)).body.roomToken ?? "";
    const screen = connect(server.url, created.id, roomToken);
    clients.push(screen);
    await synced(screen);
    const res = await fetch(`${server.url}/api/workshops/${created.id}/revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    const revoked = (await res.json()) as RevokeResponse;
    expect(await closedWith(screen)).toBe(CloseCode.Unauthorized);
    expect((await share<ApiError>(created.id, roomToken)).status).toBe(403);
    expect((await share(created.id, revoked.token)).body.joinCode).toBe(created.joinCode);
  });
});
