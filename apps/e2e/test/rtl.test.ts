/**
 * Issue 17: a right-to-left language lays out correctly, so adding Arabic or Urdu is translation work only.
 * The test language "ar-XB" (English words, <html dir="rtl">, as Chromium's own pseudo-locale) is put on the
 * device as a person's choice would be. On a landscape tablet, in the February 2023 workshop:
 *
 * - nothing runs off the side of the page (no horizontal scroll, no visible element past either edge);
 * - the top bar and the tray mirror: the workshop's title starts at the right, the You menu is at the left,
 *   the tray's first card is at its right;
 * - the scale does not flip (docs/web.md): "About choice" (0) stays at the left, a finger dropping a card at a
 *   quarter of the way from the left places it at about 25, and the right arrow key still moves a note
 *   towards 100.
 *
 * A screenshot with `RTL_SHOTS=<dir>`.
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import {
  announcedPosition,
  focusedName,
  joinWithCode,
  lane,
  note,
  openFacilitatorLink,
  touchPlace,
  trayCard,
  until,
} from "../src/people.ts";

const h = useHarness();
const shots = process.env.RTL_SHOTS;

const LW = "Link workers";
const ASPECT = "Location of meetings";

describe("right to left", () => {
  it("mirrors the page but not the scale, nothing overflows, and drag and keys place notes where they should", async () => {
    const workshop = await h.createWorkshop("discretion");
    const facilitator = await h.person("desktop");
    await openFacilitatorLink(facilitator.page, workshop);

    const pat = await h.person("tablet-landscape");
    const page = pat.page;
    await page.addInitScript(() => localStorage.setItem("continuum.language", "ar-XB"));
    await joinWithCode(page, workshop.joinCode, "Pat", LW);
    await expect(
      page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]),
    ).resolves.toEqual(["rtl", "ar"]);
    await trayCard(page, ASPECT).waitFor();

    const overflow = () =>
      page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const out: string[] = [];
        if (document.documentElement.scrollWidth > width + 1)
          out.push(`page scrolls to ${document.documentElement.scrollWidth}`);
        for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          // Visually hidden text (sr-only) and what a scrolling box clips are not on screen.
          if (el.closest(".sr-only")) continue;
          const style = getComputedStyle(el);
          if (style.visibility === "hidden" || style.position === "fixed") continue;
          let clipped = false;
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") {
              clipped = true;
              break;
            }
          }
          if (clipped) continue;
          if (r.left < -1 || r.right > width + 1)
            out.push(
              `${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`,
            );
        }
        return out.slice(0, 10);
      });
    await expect(overflow()).resolves.toEqual([]);

    // The top bar mirrors: title at the right, the You menu at the left.
    const title = await page.locator(".topbar-title").boundingBox();
    const you = await page.locator(".you-menu summary").boundingBox();
    if (!title || !you) throw new Error("no top bar");
    expect(title.x + title.width).toBeGreaterThan(1024 - 40);
    expect(you.x).toBeLessThan(title.x);

    // The tray mirrors: its heading's words start at its right edge.
    const gaps = await page.evaluate(() => {
      const heading = document.getElementById("tray-title");
      const tray = heading?.closest(".tray")?.getBoundingClientRect();
      if (!heading || !tray) return null;
      const range = document.createRange();
      range.selectNodeContents(heading);
      const words = range.getBoundingClientRect();
      return { right: tray.right - words.right, left: words.left - tray.left };
    });
    if (!gaps) throw new Error("no tray");
    expect(gaps.right).toBeLessThan(gaps.left);

    // The scale does not flip: "About choice" (0) at the left, "Set in stone" (100) at the right.
    const ends = lane(page, LW).locator(".scale-ends");
    const left = await ends.getByText("About choice").boundingBox();
    const right = await ends.getByText("Set in stone").boundingBox();
    if (!left || !right) throw new Error("no scale ends");
    expect(left.x).toBeLessThan(right.x);

    // A finger drops the card a quarter of the way from the left: about 25.
    const cdp = await pat.context.newCDPSession(page);
    await touchPlace(page, cdp, ASPECT, LW, 25);
    const placed = note(lane(page, LW), ASPECT, LW);
    await placed.waitFor();
    const at = await announcedPosition(placed);
    expect(Math.abs(at - 25)).toBeLessThanOrEqual(3);
    const box = await placed.boundingBox();
    const rail = await lane(page, LW).locator(".rail").boundingBox();
    if (!box || !rail) throw new Error("no note");
    expect(box.x + box.width / 2).toBeLessThan(rail.x + rail.width / 2);

    // The right arrow still moves it towards 100.
    await placed.focus();
    await page.keyboard.press("ArrowRight");
    await until(async () => (await focusedName(page)).includes(`, ${at + 5} of 100`), `moved to ${at + 5}`);
    await expect(overflow()).resolves.toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/rtl-tablet.png` });
  });
});
