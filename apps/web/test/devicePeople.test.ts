/**
 * The people kept on a shared tablet (session.ts): everyone who joined or was added on the device stays in
 * its list with their own token and key; saving a new token for one of them replaces theirs only; the
 * session saved before the list existed is in it too.
 */
import type { GroupId, WorkshopId } from "@continuum/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import {
  devicePeople,
  forgetPerson,
  forgetSession,
  loadSession,
  type Session,
  saveSession,
} from "../src/session.ts";

const W = "wshared1" as WorkshopId;
const person = (name: string, id: string, token = `t-${id}`): Session => ({
  workshopId: W,
  token,
  role: "participant",
  name,
  group: "g1" as GroupId,
  groupName: "PPI contributors",
  joinCode: "ABC234",
  participantId: id,
  participantKey: `k-${id}`,
});

describe("the people on this device", () => {
  beforeEach(() => localStorage.clear());

  it("keeps everyone who wrote here, in the order they came, the one writing now included", () => {
    // A session saved before this list existed is in it.
    localStorage.setItem(`continuum.session.${W}`, JSON.stringify(person("Lin", "plin")));
    expect(devicePeople(W).map((p) => p.name)).toEqual(["Lin"]);
    saveSession(person("Priya", "ppriya"));
    saveSession(person("Pat", "ppat"));
    expect(devicePeople(W).map((p) => p.name)).toEqual(["Lin", "Priya", "Pat"]);
    expect(loadSession(W)?.name).toBe("Pat");
    // Priya signed back in (a new token): hers is replaced, nobody else's, and the order stays.
    saveSession(person("Priya", "ppriya", "t-new"));
    expect(devicePeople(W).map((p) => [p.name, p.token])).toEqual([
      ["Lin", "t-plin"],
      ["Priya", "t-new"],
      ["Pat", "t-ppat"],
    ]);
  });

  it("leaves out the facilitator and anything that is not a person's session; forgets on request", () => {
    saveSession({ ...person("Facilitator", "x"), role: "facilitator", participantId: undefined });
    localStorage.setItem(`continuum.people.${W}`, JSON.stringify([{ name: "broken" }, 7, null]));
    expect(devicePeople(W)).toEqual([]);
    saveSession(person("Lin", "plin"));
    saveSession(person("Sam", "psam"));
    forgetPerson(W, "plin");
    expect(devicePeople(W).map((p) => p.name)).toEqual(["Sam"]);
    forgetSession(W);
    expect(devicePeople(W)).toEqual([]);
  });
});
