/**
 * Scenarios 3 and 4: the venue Wi-Fi drops on one tablet, and the server itself restarts mid-session. In
 * both, people keep working, the screen says what is happening in words, and nothing is lost.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import {
  announcedPosition,
  connectionLine,
  joinWithCode,
  lane,
  note,
  openFacilitatorLink,
  touchDrag,
  trayCard,
  until,
} from "../src/people.ts";

const h = useHarness();

const LW = "Link workers";

/** Waits until the top bar's connection line reads `text` (a string is matched at its start). */
async function lineSays(page: Page, text: string | RegExp, timeout = 20_000): Promise<void> {
  await connectionLine(page)
    .filter({ hasText: typeof text === "string" ? new RegExp(`^${text.replace(/[.…]/g, "\\$&")}`) : text })
    .waitFor({ timeout });
}

describe("a tablet that goes offline", () => {
  it("keeps editing, says that changes are waiting, and sends them when it is back", async () => {
    const workshop = await h.createWorkshop();
    const facilitator = await h.person("desktop");
    await openFacilitatorLink(facilitator.page, workshop);
    const anna = await h.person("tablet-portrait");
    const sam = await h.person("desktop");
    await joinWithCode(anna.page, workshop.joinCode, "Anna", LW);
    await joinWithCode(sam.page, workshop.joinCode, "Sam", LW);

    // Anna taps a card: it goes to the middle. Sam sees it.
    await trayCard(anna.page, "Location of meetings").tap();
    const annaNote = note(lane(anna.page, LW), "Location of meetings", LW);
    await annaNote.waitFor();
    await note(lane(sam.page, LW), "Location of meetings", LW).waitFor();
    await lineSays(anna.page, "Connected");

    // The Wi-Fi goes. Anna keeps working: taps another card, and drags the first note towards "set in stone".
    await anna.context.setOffline(true);
    await lineSays(anna.page, "Offline.");
    await trayCard(anna.page, "Number of sessions").tap();
    await note(lane(anna.page, LW), "Number of sessions", LW).waitFor();
    const touch = await anna.context.newCDPSession(anna.page);
    const box = await annaNote.boundingBox();
    const rail = await lane(anna.page, LW).locator(".rail").boundingBox();
    if (!box || !rail) throw new Error("Anna's note is not on screen");
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await touchDrag(anna.page, touch, from, { x: from.x + rail.width * 0.3, y: from.y });
    await until(async () => (await announcedPosition(annaNote)) >= 75, "the note to move on Anna's tablet");
    const movedTo = await announcedPosition(annaNote);

    // Her screen says so, in words; the others do not have her changes yet.
    await anna.page
      .getByTestId("offline-notice")
      .filter({ hasText: "No connection. This is the copy saved on this device." })
      .waitFor();
    await lineSays(anna.page, /^Offline\. \d+ changes? waiting, kept on this device\./);
    await sam.page.waitForTimeout(1500);
    await expect(note(sam.page, "Number of sessions", LW).count()).resolves.toBe(0);
    await expect(announcedPosition(note(sam.page, "Location of meetings", LW))).resolves.toBe(50);

    // Back online: the changes go out by themselves, and everyone sees them.
    await anna.context.setOffline(false);
    await lineSays(anna.page, "Connected");
    await note(lane(sam.page, LW), "Number of sessions", LW).waitFor();
    await until(
      async () => (await announcedPosition(note(sam.page, "Location of meetings", LW))) === movedTo,
      "Sam to see the move Anna made offline",
    );
    await note(lane(facilitator.page, LW), "Number of sessions", LW).waitFor();
    await until(
      async () =>
        (await announcedPosition(note(lane(facilitator.page, LW), "Location of meetings", LW))) === movedTo,
      "the facilitator to see the move Anna made offline",
    );
  });
});

describe("a server restart during the session", () => {
  it("every screen reconnects by itself and nothing is lost, not even what was done while it was down", async () => {
    const workshop = await h.createWorkshop();
    const facilitator = await h.person("desktop");
    await openFacilitatorLink(facilitator.page, workshop);
    const anna = await h.person("tablet-landscape");
    const sam = await h.person("tablet-portrait");
    await joinWithCode(anna.page, workshop.joinCode, "Anna", LW);
    await joinWithCode(sam.page, workshop.joinCode, "Sam", LW);
    await trayCard(anna.page, "Who can refer").tap();
    await note(lane(sam.page, LW), "Who can refer", LW).waitFor();
    await facilitator.page.getByRole("button", { name: "Lock: stop all changes" }).waitFor();

    await h.stopServer();
    for (const p of [anna.page, sam.page, facilitator.page]) await lineSays(p, "Reconnecting…");
    // While it is down, Anna places another card; her screen says it is kept on the tablet.
    await trayCard(anna.page, "Length of each session").tap();
    await note(lane(anna.page, LW), "Length of each session", LW).waitFor();
    await lineSays(anna.page, /^Reconnecting… \d+ changes? waiting, kept on this device\./);

    await h.startServerAgain();
    // Nobody reloads: the screens come back on their own (y-websocket retries within 5 s).
    for (const p of [anna.page, sam.page, facilitator.page]) await lineSays(p, "Connected");
    await note(lane(sam.page, LW), "Length of each session", LW).waitFor();
    await note(lane(facilitator.page, LW), "Length of each session", LW).waitFor();

    // After the restart, changes still flow both ways: the facilitator locks, Sam's lane says so.
    await facilitator.page.getByRole("button", { name: "Lock: stop all changes" }).click();
    await sam.page
      .getByText("This activity is locked. You can look at the scale, but not change it.")
      .waitFor();

    // And what was done is on the server's disk: a newcomer who joins now sees both notes.
    await h.restartServer();
    const lee = await h.person("desktop");
    await joinWithCode(lee.page, workshop.joinCode, "Lee", LW);
    await note(lane(lee.page, LW), "Who can refer", LW).waitFor();
    await note(lane(lee.page, LW), "Length of each session", LW).waitFor();
    await lee.page
      .getByText("This activity is locked. You can look at the scale, but not change it.")
      .waitFor();
  });
});
