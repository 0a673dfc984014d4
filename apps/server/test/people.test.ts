/**
 * Participants the server knows (PEOPLE-1..3 in packages/protocol/SPEC.md), tried with plain HTTP and raw
 * WebSocket clients.
 */
import { type ApiError, CloseCode, type JoinResponse, type ParticipantsResponse } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { api, closedWith, createWorkshop, joinAs, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

const asFacilitator = (key: string) => ({ authorization: `Bearer ${key}` });

async function people(created: { id: string; facilitatorKey: string }) {
  const res = await fetch(`${env.server.url}/api/workshops/${created.id}/participants`, {
    headers: asFacilitator(created.facilitatorKey),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as ParticipantsResponse).participants;
}

function tokenPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));
}

describe("participants", () => {
  it("PEOPLE-1: joining issues a participant id chosen by the server and signed into the token", async () => {
    const created = await createWorkshop(env.server.url);
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    expect(ann.participantId).toMatch(/^p[a-z2-9]{11}$/);
    expect(tokenPayload(ann.token).p).toBe(ann.participantId);
    // Changing the participant id in the token breaks its signature: the socket is refused.
    const [, mac] = ann.token.split(".");
    const forgedBody = Buffer.from(
      JSON.stringify({ ...tokenPayload(ann.token), p: "pforgedforged" }),
    ).toString("base64url");
    const forged = env.open(env.server.url, created.id, `${forgedBody}.${mac}`);
    expect(await closedWith(forged)).toBe(CloseCode.Unauthorized);
    const list = await people(created);
    expect(list.map((p) => [p.id, p.name, p.groupName])).toEqual([
      [ann.participantId, "Ann", "Link workers"],
    ]);
  });

  it("PEOPLE-2: the participant key brings back the same person, on this device or another; a wrong key does not", async () => {
    const created = await createWorkshop(env.server.url);
    const first = await api<JoinResponse>(env.server.url, "POST", "/api/join", {
      code: created.joinCode,
      name: "Bernard",
      group: "PPI contributors",
      device: "tablet1",
    });
    const again = await api<JoinResponse>(env.server.url, "POST", "/api/rejoin", {
      workshopId: created.id,
      participantId: first.body.participantId,
      key: first.body.participantKey,
      device: "phone1",
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ participantId: first.body.participantId, name: "Bernard" });
    const wrong = await api<ApiError>(env.server.url, "POST", "/api/rejoin", {
      workshopId: created.id,
      participantId: first.body.participantId,
      key: "not-the-key",
    });
    expect(wrong.status).toBe(403);
    const [bernard] = await people(created);
    expect(bernard?.devices).toBe(2);
  });

  it("PEOPLE-3: a removed person is closed with 4411 everywhere, cannot come back, and what they wrote stays", async () => {
    const created = await createWorkshop(env.server.url);
    const facilitator = env.open(env.server.url, created.id, created.token);
    await synced(facilitator);
    const tony = await joinAs(env.server.url, created.joinCode, "Tony", "PPI contributors");
    const other = await joinAs(env.server.url, created.joinCode, "Maria", "PPI contributors");
    const tonyClient = env.open(env.server.url, created.id, tony.token);
    const mariaClient = env.open(env.server.url, created.id, other.token);
    await Promise.all([synced(tonyClient), synced(mariaClient)]);

    const removed = await fetch(
      `${env.server.url}/api/workshops/${created.id}/participants/${tony.participantId}/remove`,
      { method: "POST", headers: asFacilitator(created.facilitatorKey) },
    );
    expect(removed.status).toBe(200);
    expect(await closedWith(tonyClient)).toBe(CloseCode.Removed);
    // The same token, on a new socket, is refused too; so is coming back with the participant key.
    const retry = env.open(env.server.url, created.id, tony.token);
    expect(await closedWith(retry)).toBe(CloseCode.Removed);
    const rejoin = await api<ApiError>(env.server.url, "POST", "/api/rejoin", {
      workshopId: created.id,
      participantId: tony.participantId,
      key: tony.participantKey,
    });
    expect(rejoin.status).toBe(403);
    expect(rejoin.body.error.message).toMatch(/removed you/);
    // Nobody else was touched.
    expect(mariaClient.closes).toEqual([]);
    const list = await people(created);
    expect(list.find((p) => p.id === tony.participantId)?.removedAt).toBeGreaterThan(0);

    // Letting them back in: their token works again.
    await fetch(`${env.server.url}/api/workshops/${created.id}/participants/${tony.participantId}/restore`, {
      method: "POST",
      headers: asFacilitator(created.facilitatorKey),
    });
    const back = env.open(env.server.url, created.id, tony.token);
    await synced(back);
    expect(back.closes).toEqual([]);
  });

  it("PEOPLE-3: only the facilitator sees and removes people", async () => {
    const created = await createWorkshop(env.server.url);
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const asParticipant = await fetch(`${env.server.url}/api/workshops/${created.id}/participants`, {
      headers: { authorization: `Bearer ${ann.token}` },
    });
    expect(asParticipant.status).toBe(403);
    const remove = await fetch(
      `${env.server.url}/api/workshops/${created.id}/participants/${ann.participantId}/remove`,
      { method: "POST", headers: { authorization: `Bearer ${ann.token}` } },
    );
    expect(remove.status).toBe(403);
  });
});
