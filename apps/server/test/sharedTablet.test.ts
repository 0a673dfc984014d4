/**
 * Shared tablets (PEOPLE-4 in packages/protocol/SPEC.md): a device already in a workshop joins another
 * person into it with `POST /api/workshops/<id>/people`, no code. Tried with plain HTTP and stock clients.
 */

import { readMeta } from "@continuum/model";
import {
  type ApiError,
  CloseCode,
  type JoinResponse,
  type ParticipantsResponse,
  type SessionResponse,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { api, closedWith, createWorkshop, joinAs, serverPerTest, synced } from "./helpers.ts";

const env = serverPerTest({ storage: "memory", addPeopleLimit: 3 });

/** POST /api/workshops/<id>/people with a bearer credential (or none). */
async function addPerson(
  workshopId: string,
  bearer: string | null,
  body: Record<string, unknown>,
): Promise<{ status: number; body: JoinResponse & ApiError }> {
  const res = await fetch(`${env.server.url}/api/workshops/${workshopId}/people`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as JoinResponse & ApiError };
}

const payload = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));

async function people(created: { id: string; facilitatorKey: string }) {
  const res = await fetch(`${env.server.url}/api/workshops/${created.id}/participants`, {
    headers: { authorization: `Bearer ${created.facilitatorKey}` },
  });
  return ((await res.json()) as ParticipantsResponse).participants;
}

describe("shared tablets: POST /api/workshops/<id>/people", () => {
  it("PEOPLE-4: a participant's device joins another person, in any group, with an id the server chose", async () => {
    const created = await createWorkshop(env.server.url);
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    // A participant id (or a role) in the request is not taken: the server chooses the new person's id.
    const added = await addPerson(created.id, ann.token, {
      name: "Bernard",
      group: "ppi contributors",
      device: "tablet1",
      participantId: ann.participantId,
      role: "facilitator",
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ name: "Bernard", groupName: "PPI contributors", role: "participant" });
    expect(added.body.participantId).toMatch(/^p[a-z2-9]{11}$/);
    expect(added.body.participantId).not.toBe(ann.participantId);
    expect(payload(added.body.token)).toMatchObject({ p: added.body.participantId, r: "participant" });
    expect(added.body.participantKey.length).toBeGreaterThan(20);
    // The new person is a person like any other: their token opens the workshop, their key brings them back.
    const client = env.open(env.server.url, created.id, added.body.token);
    await synced(client);
    const rejoined = await api<JoinResponse>(env.server.url, "POST", "/api/rejoin", {
      workshopId: created.id,
      participantId: added.body.participantId,
      key: added.body.participantKey,
    });
    expect(rejoined.body.participantId).toBe(added.body.participantId);
    const list = await people(created);
    expect(list.map((p) => [p.name, p.groupName])).toEqual([
      ["Ann", "Link workers"],
      ["Bernard", "PPI contributors"],
    ]);
    // The same join rules as with the code: the group must be one of the workshop's.
    const unknown = await addPerson(created.id, ann.token, { name: "Chris", group: "Doctors" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Choose one of/);
  });

  it("PEOPLE-4: without a good token of this workshop nobody is added (no token, a forged one, another workshop's, the room screen's)", async () => {
    const created = await createWorkshop(env.server.url);
    const other = await createWorkshop(env.server.url);
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const stranger = await joinAs(env.server.url, other.joinCode, "Stranger", "Link workers");
    const body = { name: "Mallory", group: "Link workers" };

    expect((await addPerson(created.id, null, body)).status).toBe(401);
    // Claiming another participant id in a token breaks its signature.
    const [, mac] = ann.token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ ...payload(ann.token), p: "pforgedforged" })).toString(
      "base64url",
    );
    expect((await addPerson(created.id, `${forgedBody}.${mac}`, body)).status).toBe(403);
    expect((await addPerson(created.id, stranger.token, body)).status).toBe(403);
    const room = await api<SessionResponse>(env.server.url, "POST", "/api/session", {
      workshopId: created.id,
      key: created.observerKey,
    });
    expect((await addPerson(created.id, room.body.token, body)).status).toBe(403);
    expect((await people(created)).map((p) => p.name)).toEqual(["Ann"]);
  });

  it("PEOPLE-4: a removed person's token adds nobody, and nobody is added to a closed workshop", async () => {
    const created = await createWorkshop(env.server.url);
    const tony = await joinAs(env.server.url, created.joinCode, "Tony", "PPI contributors");
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const tonyClient = env.open(env.server.url, created.id, tony.token);
    await synced(tonyClient);
    await fetch(`${env.server.url}/api/workshops/${created.id}/participants/${tony.participantId}/remove`, {
      method: "POST",
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    expect(await closedWith(tonyClient)).toBe(CloseCode.Removed);
    const refused = await addPerson(created.id, tony.token, { name: "Tony again", group: "Link workers" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("removed");

    await fetch(`${env.server.url}/api/workshops/${created.id}/close`, {
      method: "POST",
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    const closed = await addPerson(created.id, ann.token, { name: "Late", group: "Link workers" });
    expect(closed.status).toBe(410);
    expect((await people(created)).map((p) => p.name)).toEqual(["Tony", "Ann"]);
  });

  it("PEOPLE-4: an address adds at most ADD_PEOPLE_LIMIT people in a window (3 here); the facilitator is not counted", async () => {
    const created = await createWorkshop(env.server.url);
    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const added: JoinResponse[] = [];
    for (const name of ["B", "C", "D"]) {
      const res = await addPerson(created.id, ann.token, { name, group: "Link workers" });
      expect(res.status).toBe(200);
      added.push(res.body);
    }
    const fourth = await addPerson(created.id, ann.token, { name: "E", group: "Link workers" });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe("too_many_people");
    // Someone the tablet added cannot get round it either: the count is the address's.
    const byB = await addPerson(created.id, added[0]?.token ?? "", { name: "E", group: "Link workers" });
    expect(byB.status).toBe(429);
    const facilitator = await addPerson(created.id, created.token, { name: "F", group: "Link workers" });
    expect(facilitator.status).toBe(200);
    const withKey = await addPerson(created.id, created.facilitatorKey, { name: "G", group: "Link workers" });
    expect(withKey.status).toBe(200);
    // Joining with the code is a separate door, as before.
    await joinAs(env.server.url, created.joinCode, "H", "Link workers");
  });
});

describe("anonymous by default", () => {
  it("ANON-1: a new workshop is anonymous unless the facilitator asks to show names", async () => {
    const quiet = await createWorkshop(env.server.url);
    const named = await createWorkshop(env.server.url, "discretion", { showNames: true });
    const anonymousOf = async (created: { id: string; token: string }) => {
      const client = env.open(env.server.url, created.id, created.token);
      await synced(client);
      return readMeta(client.doc).anonymous;
    };
    expect(await anonymousOf(quiet)).toBe(true);
    expect(await anonymousOf(named)).toBe(false);
    const wrong = await api<ApiError>(env.server.url, "POST", "/api/workshops", {
      title: "x",
      showNames: "yes",
    });
    expect(wrong.status).toBe(400);
  });
});
