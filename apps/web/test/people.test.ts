import type { ParticipantId, ParticipantSummary } from "@continuum/protocol";
import { describe, expect, it } from "vitest";
import { links } from "../src/app/router.ts";
import { hereText } from "../src/facilitator/PeoplePanel.tsx";

const person = (over: Partial<ParticipantSummary>): ParticipantSummary => ({
  id: "pabc" as ParticipantId,
  name: "Anna",
  group: "g1" as ParticipantSummary["group"],
  groupName: "PPI contributors",
  devices: 1,
  connections: 0,
  lastSeen: 0,
  removedAt: null,
  ...over,
});

describe("the People dialog's words", () => {
  const now = new Date(2023, 1, 8, 14, 30).getTime();
  it("says here now for any open connection, however many sockets a device has", () => {
    expect(hereText(person({ connections: 3, lastSeen: now - 3_600_000 }), now)).toBe("Here now");
  });
  it("says when someone was last seen, in minutes within the hour and by the clock after", () => {
    expect(hereText(person({ lastSeen: now - 20_000 }), now)).toBe("Last seen just now");
    expect(hereText(person({ lastSeen: now - 60_000 }), now)).toBe("Last seen 1 minute ago");
    expect(hereText(person({ lastSeen: now - 25 * 60_000 }), now)).toBe("Last seen 25 minutes ago");
    expect(hereText(person({ lastSeen: now - 2 * 3_600_000 }), now)).toMatch(/^Last seen at 12.30/);
    expect(hereText(person({ lastSeen: now - 2 * 86_400_000 }), now)).toMatch(/^Last seen .+ at /);
  });
});

describe("the link to carry on on another device", () => {
  it("puts the participant id and key in the fragment, never in the path or a query", () => {
    const url = new URL(links.continueAs("https://board.example", "w1", "pabc", "k+/=y", "ABC234"));
    expect(url.pathname).toBe("/w/w1");
    expect(url.search).toBe("");
    const params = new URLSearchParams(url.hash.slice(1));
    expect(params.get("participant")).toBe("pabc");
    expect(params.get("pkey")).toBe("k+/=y");
    expect(params.get("code")).toBe("ABC234");
  });
});
