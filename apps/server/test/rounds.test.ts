/**
 * A scale activity's individual round (ACC-13), tried with stock Yjs clients: before the facilitator reveals
 * the individual round, another participant's raw socket (even in the same group) and the room screen are
 * refused a person's own scale (4403); the facilitator reads it, with the owner's group stamped by the
 * server; once the round moves on the owner's writes are refused; after the reveal others read it.
 */
import {
  addScaleActivity,
  currentRound,
  getActivity,
  listNotes,
  placeAspect,
  readSoloMeta,
  type ScaleActivity,
  setSoloRevealed,
  startGroupRound,
  startIndividualRound,
} from "@continuum/model";
import {
  type ActivityId,
  CloseCode,
  type ParticipantId,
  soloDocName,
  type WorkshopId,
} from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import {
  closeCodeOf,
  closedWith,
  createWorkshop,
  eventually,
  joinAs,
  rawSocket,
  serverPerTest,
  synced,
} from "./helpers.ts";

const env = serverPerTest({ storage: "memory" });

describe("ACC-13: a person's own scale is private until the facilitator reveals the individual round", () => {
  it("refuses others before the reveal, refuses the owner's writes once the round is over, and gives it to read after", async () => {
    const created = await createWorkshop(env.server.url);
    const workshopId = created.id as WorkshopId;
    const facilitator = env.open(env.server.url, created.id, created.token);
    await synced(facilitator);
    const scale = addScaleActivity(facilitator.doc, { title: "Discretion", aspects: ["Number of sessions"] });
    const activity = getActivity(facilitator.doc, scale) as ScaleActivity;
    const aspect = activity.aspects[0] as ScaleActivity["aspects"][number];
    startIndividualRound(facilitator.doc, scale);

    const ann = await joinAs(env.server.url, created.joinCode, "Ann", "Link workers");
    const bob = await joinAs(env.server.url, created.joinCode, "Bob", "Link workers");
    const annSolo = soloDocName(workshopId, scale as ActivityId, ann.participantId as ParticipantId);

    // Ann places the aspect on her own scale.
    const mine = env.open(env.server.url, annSolo, ann.token);
    await synced(mine);
    await eventually(() => expect(readSoloMeta(mine.doc).groupId).toBe(ann.group));
    placeAspect(mine.doc, { aspect, x: 20, author: "Ann" });

    // Bob, in Ann's group, and the room screen: refused at the connection.
    expect(await closeCodeOf(await rawSocket(env.server.url, annSolo, bob.token))).toBe(CloseCode.Forbidden);
    const screen = await observerToken(created);
    expect(await closeCodeOf(await rawSocket(env.server.url, annSolo, screen))).toBe(CloseCode.Forbidden);
    // A solo document of an activity that is not a scale does not exist.
    expect(
      await closeCodeOf(
        await rawSocket(env.server.url, `${workshopId}/solo/nosuchact/${ann.participantId}`, ann.token),
      ),
    ).toBe(CloseCode.NotFound);

    // The facilitator reads Ann's placement, with the group the server stamped from her token.
    const facSolo = env.open(env.server.url, annSolo, created.token);
    await synced(facSolo);
    await eventually(() => expect(listNotes(facSolo.doc).map((n) => n.x)).toEqual([20]));
    expect(readSoloMeta(facSolo.doc)).toMatchObject({ participantId: ann.participantId, groupId: ann.group });

    // The round moves on: Ann's own scale is read-only now; a write is refused and never stored.
    startGroupRound(facilitator.doc, scale);
    const annWorkshop = env.open(env.server.url, created.id, ann.token);
    await eventually(() => expect(currentRound(annWorkshop.doc, scale)).toBe("group"));
    await new Promise((r) => setTimeout(r, 200));
    placeAspect(mine.doc, { aspect, x: 90, author: "Ann" });
    await new Promise((r) => setTimeout(r, 500));
    const later = env.open(env.server.url, annSolo, created.token);
    await synced(later);
    expect(listNotes(later.doc).map((n) => n.x)).toEqual([20]);

    // Still private until the reveal; then Bob reads it (never writes it).
    expect(await closeCodeOf(await rawSocket(env.server.url, annSolo, bob.token))).toBe(CloseCode.Forbidden);
    setSoloRevealed(facilitator.doc, scale, { [ann.group]: { [aspect.id]: [20] } } as never);
    const peek = env.open(env.server.url, annSolo, bob.token);
    await synced(peek);
    expect(listNotes(peek.doc).map((n) => n.x)).toEqual([20]);
    // Hiding it again closes his connection to it.
    setSoloRevealed(facilitator.doc, scale, null);
    expect(await closedWith(peek)).toBe(CloseCode.Forbidden);
  });
});

/** The room screen's token, from its key. */
async function observerToken(created: { id: string; observerKey: string }): Promise<string> {
  const res = await fetch(`${env.server.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workshopId: created.id, key: created.observerKey }),
  });
  return ((await res.json()) as { token: string }).token;
}
