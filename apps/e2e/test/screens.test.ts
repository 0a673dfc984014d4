/**
 * Every main screen, checked with axe-core in the real browser (no serious or critical violation), and
 * photographed for the README when UPDATE_SCREENSHOTS=1 (the join code and QR code differ on every run, so
 * the committed pictures change only when someone asks for new ones).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import {
  type AxeFinding,
  createWorkshopThroughStartPage,
  joinWithCode,
  lane,
  note,
  seriousViolations,
  trayCard,
} from "../src/people.ts";
import { placeAspects } from "../src/seed.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const shotsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");
const updateShots = process.env.UPDATE_SCREENSHOTS === "1";

const h = useHarness();

const LW = "Link workers";
const PPI = "PPI contributors";
/** axe on the screen as it is now: no serious or critical violation. */
async function check(page: Page, screen: string): Promise<void> {
  const found = await seriousViolations(page, axeSource);
  const line = (f: AxeFinding) => `${f.impact} ${f.rule} (${f.help}): ${f.target} ${f.html.slice(0, 160)}`;
  console.log(
    `axe, ${screen}: ${found.length} serious or critical${found.map((f) => `\n  ${line(f)}`).join("")}`,
  );
  expect(found.map(line), `axe on the ${screen}`).toEqual([]);
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!updateShots) return;
  await page.screenshot({
    path: path.join(shotsDir, `${name}.png`),
    fullPage,
    animations: "disabled",
    caret: "hide",
  });
}

describe("the main screens", () => {
  let code = "";
  let facilitator: Page;
  let tablet: Page;

  it("start page", async () => {
    const { page } = await h.person("desktop");
    facilitator = page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Continuum" }).waitFor();
    await check(page, "start page");
    await shoot(page, "start", true);
  });

  it("facilitator view, with the code and QR code", async () => {
    code = await createWorkshopThroughStartPage(facilitator);
    await lane(facilitator, LW).waitFor();
    await check(facilitator, "facilitator view");
    await shoot(facilitator, "facilitator");
    // Sharing is a dialog of the cockpit: the code, the QR code and the links.
    await facilitator.getByRole("button", { name: "Share and links" }).click();
    const share = facilitator.getByRole("dialog", { name: "Share and present" });
    await share.getByRole("img", { name: /^QR code that opens the join page/ }).waitFor();
    await check(facilitator, "facilitator's sharing dialog");
    await shoot(facilitator, "share");
    await share.getByRole("button", { name: "Close", exact: true }).click();
  });

  it("join page on a tablet", async () => {
    const { page } = await h.person("tablet-portrait");
    tablet = page;
    await page.goto(`/join/${code}`);
    await page.getByRole("radio", { name: LW }).waitFor();
    await page.getByRole("textbox", { name: /Your name/ }).fill("Anna");
    await check(page, "join page");
    await shoot(page, "join");
    // The same page with a wrong code.
    const wrong = (await h.person("tablet-portrait")).page;
    await wrong.goto("/join/ZZZ999");
    await wrong.getByRole("alert").waitFor();
    await check(wrong, "join page, unknown code");
  });

  it("scale board on a tablet", async () => {
    await placeAspects(h.url, code, LW, [
      { aspect: "Location of meetings", x: 18, y: 0 },
      { aspect: "Number of sessions", x: 47, y: 34 },
      { aspect: "Contact by phone or in person", x: 30, y: 100, colour: "blue" },
      { aspect: "Who can refer", x: 86, y: 10, colour: "pink" },
    ]);
    await placeAspects(h.url, code, PPI, [
      { aspect: "Location of meetings", x: 62, y: 0 },
      { aspect: "Number of sessions", x: 55, y: 67 },
      { aspect: "Who can refer", x: 35, y: 20 },
      { aspect: "Contact by phone or in person", x: 22, y: 100, colour: "green" },
    ]);
    await joinWithCode(tablet, code, "Anna", LW);
    await note(lane(tablet, LW), "Who can refer", LW).waitFor();
    await trayCard(tablet, "Length of each session").waitFor();
    await check(tablet, "scale board (tablet)");
    await shoot(tablet, "scale-tablet");
    // With a note open for changing.
    await note(lane(tablet, LW), "Number of sessions", LW).click();
    await tablet.getByRole("dialog", { name: "Change this note" }).waitFor();
    await check(tablet, "scale board (tablet), note editor open");
    await tablet.keyboard.press("Escape");
  });

  it("compare view after the reveal", async () => {
    await facilitator.getByRole("button", { name: "Show all groups" }).click();
    await note(lane(tablet, PPI), "Who can refer", PPI).waitFor();
    await tablet.getByRole("button", { name: "Compare the groups" }).click();
    const compare = tablet.getByRole("region", { name: "Compare the groups" });
    await compare.getByText("Gap: 51").waitFor();
    await check(tablet, "compare view (tablet)");
    await shoot(tablet, "compare");
    await facilitator.getByRole("button", { name: "Compare the groups" }).click();
    await facilitator.getByRole("region", { name: "Compare the groups" }).getByText("Gap: 51").waitFor();
    await check(facilitator, "compare view (facilitator)");
  });

  it("chart, participant and facilitator, with dot voting", async () => {
    const board = (p: Page) => p.getByRole("region", { name: /^Chart: / });
    await facilitator
      .getByRole("region", { name: "Compare the groups" })
      .getByRole("button", { name: "Chart pros and cons: Who can refer" })
      .click();
    await board(facilitator).getByRole("heading", { name: "Cons", exact: true }).waitFor();
    await facilitator.getByRole("button", { name: "Bring everyone to this activity" }).click();
    await board(tablet).getByRole("heading", { name: "Cons", exact: true }).waitFor({ timeout: 15_000 });
    await board(tablet).getByRole("button", { name: "Add a note to Pros" }).click();
    await board(tablet)
      .getByRole("textbox", { name: "Your note for Pros" })
      .fill("People can ask for help sooner");
    await board(tablet).getByRole("button", { name: "Add note", exact: true }).click();
    await board(tablet).getByRole("button", { name: "Done" }).click();
    await board(facilitator).getByText("People can ask for help sooner").waitFor({ timeout: 15_000 });
    await check(tablet, "chart (tablet)");
    await check(facilitator, "chart (facilitator)");

    await facilitator.getByRole("button", { name: "Open voting" }).click();
    // A note's actions show once it is selected.
    await board(tablet)
      .locator(".chart-note-body")
      .filter({ hasText: "People can ask for help sooner" })
      .click({ timeout: 15_000 });
    const dot = board(tablet).getByRole("button", { name: "Add a dot to: People can ask for help sooner" });
    await dot.click({ timeout: 15_000 });
    await facilitator.getByRole("button", { name: "Show counts" }).click();
    await board(tablet).getByText("1 dot", { exact: true }).waitFor({ timeout: 15_000 });
    await check(tablet, "chart (tablet), voting open, counts shown");
    await check(facilitator, "chart (facilitator), voting open, counts shown");
    if (updateShots) {
      // A fuller chart for the README: one comment in each column, as in the February 2023 write-up.
      for (const [column, text] of [
        ["Cons", "Caseloads could grow, with waiting lists"],
        ["Implications", "Link workers need time and support to manage demand"],
      ] as const) {
        await board(tablet)
          .getByRole("button", { name: `Add a note to ${column}` })
          .click();
        await board(tablet)
          .getByRole("textbox", { name: `Your note for ${column}` })
          .fill(text);
        await board(tablet).getByRole("button", { name: "Add note", exact: true }).click();
        await board(tablet).getByRole("button", { name: "Done" }).click();
        await board(tablet).getByText(text).waitFor();
      }
      // The top bar stays at the top: scroll the chart just below it rather than photograph the whole page.
      await board(tablet).evaluate((el) =>
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 90),
      );
      await shoot(tablet, "chart");
    }
  });
});
