/**
 * The facilitator's cockpit at 1440×900: the common path of a meeting without the page scrolling (every
 * lever of the bar in view, the board's top in view after each step), the timer belonging to its activity,
 * and the start page's list of this browser's workshops with their meeting date.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { seriousViolations } from "../src/people.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const h = useHarness();

async function inView(page: Page, l: Locator, what: string): Promise<void> {
  const box = await l.boundingBox();
  const vp = page.viewportSize();
  expect(box, `${what} is on screen`).not.toBeNull();
  if (!box || !vp) return;
  expect(
    box.y >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width,
    `${what} in view`,
  ).toBe(true);
}

const pageScrolls = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);

describe("the facilitator's cockpit", () => {
  it("runs the common path on a 1440×900 laptop without scrolling", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: h.url });
    const page = await context.newPage();

    // Created on the start page with a meeting date; a disabled button says why.
    await page.goto("/");
    const create = page.getByRole("region", { name: "Start a new workshop" });
    const title = create.getByRole("textbox", { name: "Workshop title" });
    await title.fill("");
    await create.getByText("Give the workshop a title to create it.").waitFor();
    await title.fill("Discretion in the link worker role");
    await create.getByLabel("Meeting date").fill("2023-02-08");
    await create.getByRole("button", { name: "Create the workshop" }).click();
    const bar = page.getByRole("region", { name: "Run the activity" });
    await bar.waitFor();
    await expect(page.getByRole("heading", { level: 1 }).count()).resolves.toBe(1);

    // Every lever of the common path is in view, and the page does not scroll.
    for (const name of [
      "Bring everyone to this activity",
      "Lock: stop all changes",
      "Start timer",
      "Show all groups",
      "Compare the groups",
      "Chart it with everyone",
    ]) {
      await inView(page, bar.getByRole("button", { name }), name);
    }
    await inView(page, page.getByRole("button", { name: "Present on the room's screen" }), "Present");
    expect(await pageScrolls(page)).toBe(false);

    await bar.getByRole("button", { name: "Bring everyone to this activity" }).click();
    await bar
      .getByRole("status")
      .getByText(/^Everyone is now on/)
      .waitFor();
    await bar.getByRole("button", { name: "Start timer" }).click();
    const timer = page.getByRole("timer");
    await timer.waitFor();
    await bar.getByRole("button", { name: "Show all groups" }).click();
    await bar.getByRole("button", { name: "Compare the groups" }).click();
    await inView(
      page,
      page.getByRole("region", { name: "Compare the groups" }).getByRole("heading").first(),
      "compare",
    );
    expect(await pageScrolls(page)).toBe(false);

    // Charting an aspect brings everyone there and shows the chart from its top.
    await bar
      .getByRole("combobox", { name: "Chart pros and cons of" })
      .selectOption({ label: "Who can refer" });
    await bar.getByRole("button", { name: "Chart it with everyone" }).click();
    const chart = page.getByRole("region", { name: /^Chart: / });
    await chart.waitFor();
    await inView(page, chart.getByRole("heading").first(), "the chart's title");
    await bar.getByRole("button", { name: "Everyone is on this activity" }).waitFor();
    // The scale's timer stays with the scale.
    await timer.waitFor({ state: "detached" });
    await inView(page, bar.getByRole("button", { name: "Show the vote results" }), "Show the vote results");
    expect(await pageScrolls(page)).toBe(false);
    const found = await seriousViolations(page, axeSource);
    expect(found.map((f) => `${f.impact} ${f.rule}: ${f.target}`)).toEqual([]);

    // Sharing, the agenda editor and downloads are dialogs: out of the way, one tap away.
    await page.getByRole("button", { name: "Edit the agenda and meeting" }).click();
    const editor = page.getByRole("dialog", { name: "Edit the agenda and meeting" });
    await expect(editor.getByLabel(/^Meeting date/).inputValue()).resolves.toBe("2023-02-08");
    await page.keyboard.press("Escape");
    await editor.waitFor({ state: "hidden" });

    // The start page lists the workshop, with its date and what to do next.
    await page.goto("/");
    const yours = page.getByRole("region", { name: "Your workshops" });
    await yours.getByText("Discretion in the link worker role").waitFor();
    await yours.getByText(/Meeting 8 February 2023 · Running/).waitFor();
    await yours.getByRole("button", { name: "Continue: Discretion in the link worker role" }).click();
    await bar.waitFor();
  });
});
