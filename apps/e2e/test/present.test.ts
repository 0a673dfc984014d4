/**
 * Issue 11, as a new user would try it: the facilitator opens their private link in a fresh browser (not
 * the one that created the workshop), a second computer projects the room-screen link at 1920×1080, people
 * join by the code shown there, and the room screen follows the cockpit through the scale, the reveal, the
 * comparison, the chart for "Who can refer" and the vote results, each within a second, without anyone
 * touching it. The room screen never sees the facilitator's key: not in its page, its address or its
 * requests. It re-joins by itself after a server restart and says plainly while it is not live.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addChartNote, readWorkshop } from "@continuum/model";
import { type ActivityId, chartDocName, type WorkshopId } from "@continuum/protocol";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinCodeShown, joinWithCode, lane, seriousViolations, until } from "../src/people.ts";
import { flushed, openDoc, placeAspects } from "../src/seed.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const shotsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");
const updateShots = process.env.UPDATE_SCREENSHOTS === "1";

const h = useHarness();
const LW = "Link workers";
const PPI = "PPI contributors";
const ASPECT = "Who can refer";
/** The room screen follows within a second; the measured times are printed. */
const FOLLOW_MS = 1_000;

async function axe(page: Page, what: string): Promise<void> {
  const found = await seriousViolations(page, axeSource);
  console.log(`axe, ${what}: ${found.length} serious or critical`);
  expect(
    found.map((f) => `${f.impact} ${f.rule}: ${f.target} ${f.html.slice(0, 120)}`),
    what,
  ).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!updateShots) return;
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), animations: "disabled", caret: "hide" });
}

/** Clicks on the cockpit, then times how long the room screen takes to show `shown`. */
async function follows(what: string, act: () => Promise<void>, shown: Locator): Promise<number> {
  await act();
  const started = Date.now();
  await shown.waitFor({ timeout: 10_000 }).catch(async (e) => {
    await shown.page().screenshot({ path: `/tmp/present-fail-${what.replace(/\W+/g, "-")}.png` });
    console.log("headings:", await shown.page().getByRole("heading").allTextContents());
    console.log("snapshot:", await shown.page().locator("body").ariaSnapshot());
    throw e;
  });
  const ms = Date.now() - started;
  console.log(`room screen followed "${what}" in ${ms} ms`);
  expect(ms, `the room screen follows "${what}"`).toBeLessThan(FOLLOW_MS);
  return ms;
}

/** True when the element lies wholly inside the viewport. */
async function onScreen(page: Page, l: Locator): Promise<boolean> {
  const box = await l.boundingBox();
  const vp = page.viewportSize();
  return !!box && !!vp && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height + 1;
}

describe("present mode follows the facilitator's cockpit", () => {
  it("from a private link on another device to the vote results, with no key on the room screen", async () => {
    const created = await h.createWorkshop("discretion");

    // The venue's laptop: a fresh browser profile with only the private link (no code in it).
    const laptop = await h.browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: h.url });
    const fac = await laptop.newPage();
    await fac.goto(`/w/${created.id}#key=${encodeURIComponent(created.facilitatorKey)}`);
    await fac.getByRole("heading", { name: "Run the activity" }).waitFor();
    expect(await joinCodeShown(fac)).toBe(created.joinCode);
    await until(
      async () => (await fac.title()) === "Run: Link worker discretion – Continuum",
      "the cockpit's title",
    );

    // The room-screen link, from the sharing dialog; "Present" opens it in a window of its own.
    await fac.getByRole("button", { name: "Share and links" }).click();
    const dialog = fac.getByRole("dialog", { name: "Share and present" });
    await dialog.getByRole("img", { name: /^QR code that opens the join page/ }).waitFor();
    const roomLink = await dialog
      .getByRole("textbox", { name: "Link for the room's big screen" })
      .inputValue();
    expect(roomLink).toContain(`/w/${created.id}/present#token=`);
    expect(roomLink).not.toContain(created.facilitatorKey);
    await dialog.getByRole("button", { name: "Close", exact: true }).click();
    const [popup] = await Promise.all([
      laptop.waitForEvent("page"),
      fac.getByRole("button", { name: "Present on the room's screen" }).click(),
    ]);
    await popup.waitForURL(/\/present$/);
    await popup.close();

    // The projector: another computer, 1920×1080, with the room-screen link only.
    const projector = await h.browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: h.url });
    const room = await projector.newPage();
    const seen: string[] = [];
    room.on("request", (r) => seen.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ""}`));
    await room.goto(roomLink);
    const invite = room.getByRole("region", { name: "Join the workshop" });
    await invite.getByRole("img", { name: /^QR code that opens the join page/ }).waitFor();
    const code = (await invite.getByText(/^Workshop code: /).textContent())?.replace(
      /^Workshop code: |\s/g,
      "",
    );
    expect(code).toBe(created.joinCode);
    await until(
      async () => (await room.title()) === "Present: Link worker discretion – Continuum",
      "its title",
    );
    await expect(room.getByRole("heading", { level: 1 }).count()).resolves.toBe(1);
    await axe(room, "room screen, join");

    // People join with the code they read on the big screen.
    const anna = (await h.person("tablet-landscape")).page;
    await joinWithCode(anna, code ?? "", "Anna", LW);
    await invite.getByText(`${LW}: 1 person joined`).waitFor({ timeout: FOLLOW_MS * 3 });
    await shoot(room, "present-join");
    await placeAspects(h.url, created.joinCode, LW, [
      { aspect: ASPECT, x: 20 },
      { aspect: "Location of meetings", x: 70 },
    ]);
    await placeAspects(h.url, created.joinCode, PPI, [
      { aspect: ASPECT, x: 85 },
      { aspect: "Location of meetings", x: 40 },
    ]);

    // The cockpit fits the laptop: no page scroll, the bar and the board in view.
    const bar = fac.getByRole("region", { name: "Run the activity" });
    const scroll = await fac.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      inner: window.innerHeight,
    }));
    console.log(`cockpit at 1440×900: page ${scroll.height} px tall for a ${scroll.inner} px window`);
    expect(scroll.height).toBeLessThanOrEqual(scroll.inner);
    expect(await onScreen(fac, bar)).toBe(true);

    await follows(
      "bring everyone to the scale",
      () => bar.getByRole("button", { name: "Bring everyone to this activity" }).click(),
      // The template's scale: "Which aspects of the link worker role are discretionary?"
      room.getByRole("heading", { name: /discretionary\?$/ }),
    );
    await follows(
      "show all groups",
      () => bar.getByRole("button", { name: "Show all groups" }).click(),
      lane(room, PPI),
    );
    await lane(room, LW).waitFor();
    // Every revealed lane at once on the projector, and nothing a participant would act on.
    expect(await onScreen(room, lane(room, LW))).toBe(true);
    expect(await onScreen(room, lane(room, PPI))).toBe(true);
    // (hidden from the big screen by its style: counted only if visible)
    await expect(room.getByRole("button", { name: "Compare the groups" }).count()).resolves.toBe(0);
    await expect(room.getByText("You can look").first().isVisible()).resolves.toBe(false);
    await axe(room, "room screen, the groups' scales");
    await shoot(room, "present-scale");
    await shoot(fac, "cockpit");
    await axe(fac, "cockpit");

    await follows(
      "compare the groups",
      () => bar.getByRole("button", { name: "Compare the groups" }).click(),
      room.getByRole("region", { name: "Compare the groups" }),
    );
    await room.getByRole("region", { name: "Compare the groups" }).getByText("Gap: 65").waitFor();
    await shoot(room, "present-compare");

    await bar.getByRole("combobox", { name: "Chart pros and cons of" }).selectOption({ label: ASPECT });
    const chartBoard = room.getByRole("region", { name: /^Chart: / });
    await follows(
      `chart "${ASPECT}"`,
      () => bar.getByRole("button", { name: "Chart it with everyone" }).click(),
      chartBoard,
    );
    // The template already has this chart: "Patients may refer themselves", linked to the aspect.
    await chartBoard.getByText(/refer/i).first().waitFor();
    await until(async () => (await room.title()).startsWith("Present: "), "the title after the chart opens");
    // The participant is taken there too.
    await anna.getByRole("region", { name: /^Chart: / }).waitFor({ timeout: 5_000 });

    // Two notes, as the mixed groups would write them.
    const workshop = readWorkshop((await openDoc(h.url, created.id, created.token)).doc);
    const chart = workshop.activities.find((a) => a.id === workshop.control.currentActivity);
    if (chart?.kind !== "chart") throw new Error("the chart is current");
    const docName = chartDocName(created.id as WorkshopId, chart.id as ActivityId);
    const writer = await openDoc(h.url, docName, created.token);
    const [pros, cons] = chart.columns;
    if (!pros || !cons) throw new Error("the chart has its pros and cons columns");
    addChartNote(writer.doc, {
      columnId: pros.id,
      text: "People can ask for help sooner",
      author: "Anna",
      groupId: null,
    });
    addChartNote(writer.doc, {
      columnId: cons.id,
      text: "Waiting lists grow",
      author: "Pat",
      groupId: null,
    });
    await flushed(h.url, docName, created.token, (d) => d.getMap("notes").size >= 2);
    writer.close();
    await chartBoard.getByText("Waiting lists grow").waitFor({ timeout: 5_000 });

    await follows(
      "show the vote results",
      () => bar.getByRole("button", { name: "Show the vote results" }).click(),
      room.getByRole("heading", { name: /^Vote results: / }),
    );
    await room.getByText("People can ask for help sooner").waitFor();
    await axe(room, "room screen, vote results");
    await shoot(room, "present-results");

    // A restart: the room screen says it is not live, then re-joins by itself and follows again.
    await h.stopServer();
    await room.getByText(/^Not live/).waitFor({ timeout: 15_000 });
    await h.startServerAgain();
    await room.getByText(/^Not live/).waitFor({ state: "detached", timeout: 30_000 });
    await fac.getByRole("button", { name: "The chart", exact: true }).click();
    await chartBoard.waitFor({ timeout: 15_000 });

    // Nowhere on the room screen: the facilitator's key, in its page, its address or its requests.
    const html = await room.content();
    expect(html).not.toContain(created.facilitatorKey);
    expect(room.url()).not.toContain(created.facilitatorKey);
    expect(seen.length).toBeGreaterThan(0);
    for (const r of seen) expect(r).not.toContain(created.facilitatorKey);
    const stored = await room.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith("continuum.session.")),
    );
    expect(stored, "the room screen keeps no facilitator session").toEqual([]);
  });
});
