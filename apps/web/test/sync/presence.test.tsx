/**
 * Who is here and who dropped off, as the facilitator's presence list counts them, from a real server's
 * relayed presence. In an anonymous workshop (the default) every participant's name arrives blank (ANON-2),
 * so people of one group are told apart, and a reconnect told from another person, by the server's tag.
 */
import type { GroupId } from "@continuum/protocol";
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DocConnection } from "../../src/sync/connection.ts";
import { type Person, usePresence } from "../../src/sync/presence.ts";
import { boardTestEnv, eventually, join } from "../helpers.ts";

const env = boardTestEnv();

/** Who the list shows, in a form to compare: here or dropped off, and in which group. */
const tally = (people: readonly Person[]) => ({
  here: people.filter((p) => p.here).map((p) => p.group),
  gone: people.filter((p) => !p.here).map((p) => p.group),
});

describe("presence: who is here and who dropped off", () => {
  it("in an anonymous workshop, one person of a group who dropped off is listed while another of the group is here, and a reconnect is not counted twice", async () => {
    const { created, linkWorkers, fac } = await env.discretionWorkshop();
    const group = linkWorkers.id as GroupId;
    const anna = await join(env.server, created.joinCode, "Anna", group);
    const bilal = await join(env.server, created.joinCode, "Bilal", group);
    /** A participant's tablet on the workshop document, showing itself as the web app does. */
    const tablet = (token: string, name: string): DocConnection => {
      const c = env.open(created.id, token, "participant");
      c.awareness.setLocalStateField("user", {
        name,
        group,
        groupName: linkWorkers.name,
        role: "participant",
      });
      return c;
    };
    const { result } = renderHook(() => usePresence(fac.awareness));

    tablet(anna.token, "Anna");
    const bilalFirst = tablet(bilal.token, "Bilal");
    await eventually(() => expect(tally(result.current)).toEqual({ here: [group, group], gone: [] }));
    // The server blanked both names: only its tag tells them apart.
    expect(result.current.map((p) => p.name)).toEqual(["", ""]);
    const [annaTag, bilalTag] = result.current.map((p) => p.tag);
    expect(annaTag).toBeTruthy();
    expect(bilalTag).toBeTruthy();
    expect(annaTag).not.toBe(bilalTag);

    // Bilal's tablet goes quiet: the facilitator sees one here and one dropped off, not one here.
    bilalFirst.destroy();
    await eventually(() => expect(tally(result.current)).toEqual({ here: [group], gone: [group] }));
    expect(result.current.find((p) => !p.here)?.tag).toBe(bilalTag);

    // He comes back (a new client id): two here again, and his old entry is no longer listed as gone.
    const bilalAgain = tablet(bilal.token, "Bilal");
    await eventually(() => expect(tally(result.current)).toEqual({ here: [group, group], gone: [] }));

    // He drops off again: listed once as dropped off, not once per connection he had.
    bilalAgain.destroy();
    await eventually(() => expect(tally(result.current)).toEqual({ here: [group], gone: [group] }));
    expect(result.current.find((p) => p.here)?.tag).toBe(annaTag);
  });
});
