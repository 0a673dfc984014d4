/**
 * Scenario 2: a participant who uses the keyboard alone (no mouse, no touch) places a prepared aspect and
 * moves it along the scale. What is stored is read back the way a screen reader user learns it: from the
 * note's accessible name ("…, 57 of 100 towards set in stone") and the spoken announcements.
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import {
  focusedName,
  joinWithCode,
  lane,
  note,
  openFacilitatorLink,
  tabTo,
  trayCard,
} from "../src/people.ts";

const h = useHarness();

const LW = "Link workers";
const ASPECT = "Who can refer";

describe("a keyboard-only participant", () => {
  it("places a card with Tab and Enter, moves it with the arrows and Shift+arrows, and everyone sees where", async () => {
    const workshop = await h.createWorkshop();
    const facilitator = await h.person("desktop");
    await openFacilitatorLink(facilitator.page, workshop);
    const kim = await h.person("desktop");
    const page = kim.page;
    await joinWithCode(page, workshop.joinCode, "Kim", LW);
    await trayCard(page, ASPECT).waitFor();

    // From the top of the page, Tab until the card; Enter puts it in the middle and focus moves onto the note.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const presses = await tabTo(page, `Place on the scale: ${ASPECT}`);
    console.log(`scenario 2: ${presses} presses of Tab reach the card`);
    await page.keyboard.press("Enter");
    const placed = note(lane(page, LW), ASPECT, LW);
    await placed.waitFor();
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 50 of 100 towards set in stone`);
    await page.getByText(`${ASPECT} placed at 50 of 100 towards set in stone.`).waitFor();
    await expect(trayCard(page, ASPECT).count()).resolves.toBe(0);

    // Two steps of 5 to the right, then three steps of 1 back.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 60 of 100 towards set in stone`);
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 57 of 100 towards set in stone`);
    await page.getByText(`${ASPECT} moved to 57 of 100 towards set in stone.`).waitFor();

    // Down moves it within the lane, not along the scale; Home and End reach the ends.
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 57 of 100 towards set in stone`);
    await page.keyboard.press("End");
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 100 of 100 towards set in stone`);
    await page.keyboard.press("Home");
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 0 of 100 towards set in stone`);
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 2; i++) await page.keyboard.press("Shift+ArrowRight");
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 32 of 100 towards set in stone`);

    // Enter opens the note to change it; Escape closes it and gives focus back to the note.
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Change this note" });
    await dialog.waitFor();
    const words = dialog.getByRole("textbox", { name: "Words on the note" });
    await expect.poll(() => words.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(dialog.getByRole("slider").inputValue()).resolves.toBe("32");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => focusedName(page)).toBe(`${ASPECT}, ${LW}, 32 of 100 towards set in stone`);

    // Stored, not only drawn: the facilitator's screen, and Kim's own after a reload, say 32.
    await note(lane(facilitator.page, LW), ASPECT, LW)
      .and(facilitator.page.getByRole("button", { name: /, 32 of 100/ }))
      .waitFor();
    await page.reload();
    await note(lane(page, LW), ASPECT, LW)
      .and(page.getByRole("button", { name: /, 32 of 100/ }))
      .waitFor();
  });
});
