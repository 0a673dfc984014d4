/**
 * Rounds and share-back in the browser (issue 14), the February 2023 workshop: three link workers and two
 * PPI contributors; the facilitator starts an individual round from the cockpit, each person places the
 * aspects on a private scale of their own (Ann through the tablet's tray, the others through stock Yjs
 * clients with their own tokens), the group round starts from each group's median, the facilitator shows
 * the individual placements and both groups, the comparison draws each group's spread with its flags, a
 * second round keeps round 1, and the facilitator publishes the results page, opened on a phone (390x844)
 * with no names on it, printed, then withdrawn.
 *
 * With ROUND_SHOTS=<dir> it saves the screenshots docs/ uses.
 */
import path from "node:path";
import {
  addChartNote,
  addReason,
  listNotes,
  moveNote,
  noteIdForAspect,
  placeAspect,
  readRounds,
  readWorkshop,
  type ScaleActivity,
  setCurrentActivity,
} from "@continuum/model";
import {
  type ActivityId,
  chartDocName,
  laneDocName,
  type ParticipantId,
  soloDocName,
  type WorkshopId,
} from "@continuum/protocol";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, openFacilitatorLink } from "../src/people.ts";
import { flushed, joinAs, openDoc } from "../src/seed.ts";

const h = useHarness();
const LW = "Link workers";
const PPI = "PPI contributors";
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const shot = async (p: Page, name: string, opts: { fullPage?: boolean } = {}) => {
  const dir = process.env.ROUND_SHOTS;
  if (dir) await p.screenshot({ path: path.join(dir, name), ...opts });
};

const shotOf = async (l: Locator, name: string) => {
  const dir = process.env.ROUND_SHOTS;
  if (dir) await l.screenshot({ path: path.join(dir, name) });
};

describe("rounds on a scale, and the results page shared back", () => {
  it("runs an individual round, a group round from the medians, the reveal, a second round, and publishes the results", async () => {
    const created = await h.createWorkshop("discretion");
    const workshopId = created.id as WorkshopId;
    const fac = await openDoc(h.url, created.id, created.token);
    const scale = readWorkshop(fac.doc).activities.find((a) => a.kind === "scale") as ScaleActivity;
    const [first, second, third] = scale.aspects as [
      ScaleActivity["aspects"][number],
      ScaleActivity["aspects"][number],
      ScaleActivity["aspects"][number],
    ];
    setCurrentActivity(fac.doc, scale.id);
    await flushed(
      h.url,
      created.id,
      created.token,
      (d) => readWorkshop(d).control.currentActivity === scale.id,
    );

    // Ann on a landscape tablet; the others through their own tokens.
    const ann = (await h.person("tablet-landscape")).page;
    await joinWithCode(ann, created.joinCode, "Ann", LW);
    const others = await Promise.all([
      joinAs(h.url, created.joinCode, "Ben", LW),
      joinAs(h.url, created.joinCode, "Cal", LW),
      joinAs(h.url, created.joinCode, "Dee", PPI),
      joinAs(h.url, created.joinCode, "Eve", PPI),
    ]);

    // The facilitator starts the individual round from the cockpit.
    const fp = (await h.person("desktop")).page;
    await openFacilitatorLink(fp, created);
    const rounds = fp.getByRole("region", { name: /Rounds/ });
    await rounds.getByRole("button", { name: "Start with an individual round" }).click();
    await rounds.getByText("Now: individual round").waitFor();
    await shot(fp, "rounds-controls-individual.png");

    // Ann reads plainly what to do, and places on her own scale through the tray.
    await ann
      .getByText(/On your own: place each aspect where you think it belongs/)
      .waitFor({ timeout: 15_000 });
    const own = ann.getByRole("region", { name: "Your own scale (private) lane" });
    await own.waitFor();
    for (const a of [first, second, third]) {
      await ann.getByRole("button", { name: `Place on the scale: ${a.text}` }).click();
    }
    await poll(() => own.getByRole("button", { name: /of 100/ }).count()).toBe(3);
    await ann.evaluate(() => window.scrollTo(0, 0));
    await shot(ann, "rounds-individual-1024x768.png");

    // The others place theirs on their own scales.
    const placements: Record<string, [number, number, number]> = {
      Ben: [20, 70, 40],
      Cal: [90, 60, 45],
      Dee: [10, 20, 80],
      Eve: [30, 25, 85],
    };
    for (const p of others) {
      const solo = await openDoc(
        h.url,
        soloDocName(workshopId, scale.id, p.participantId as ParticipantId),
        p.token,
      );
      const xs = placements[p.name] as [number, number, number];
      [first, second, third].forEach((a, i) => {
        placeAspect(solo.doc, { aspect: a, x: xs[i] as number, author: p.name });
      });
      await new Promise((r) => setTimeout(r, 300));
      solo.close();
    }

    // Group round from each group's median: Link workers' first aspect at the median of 50 (Ann), 20, 90.
    await rounds.getByRole("button", { name: "Start the group round from each group's median" }).click();
    await rounds.getByText(/Group round started\. \d+ notes were placed/).waitFor({ timeout: 15_000 });
    const lw = readWorkshop(fac.doc).groups.find((g) => g.name === LW)?.id as string;
    const ppi = readWorkshop(fac.doc).groups.find((g) => g.name === PPI)?.id as string;
    const lwLane = await openDoc(h.url, laneDocName(workshopId, scale.id, lw as never), created.token);
    await poll(async () => listNotes(lwLane.doc).find((n) => n.aspectId === first.id)?.x).toBe(50);
    await ann.getByText(/Place the aspects together with Link workers/).waitFor({ timeout: 15_000 });

    // Show the individual placements and both groups; compare.
    await rounds.getByRole("button", { name: "Show the individual placements" }).click();
    await rounds.getByText(/individual placements of 5 people are shown/).waitFor({ timeout: 15_000 });
    await fp.getByRole("button", { name: "Show all groups" }).click();
    await fp.getByRole("button", { name: "Compare the groups" }).first().click();
    const compare = fp.getByRole("region", { name: "Compare the groups" });
    await compare.getByText(/3 people: median 50, middle half 35–70/).waitFor({ timeout: 15_000 });
    await compare
      .getByText(/did not agree among themselves/)
      .first()
      .waitFor();
    await shotOf(
      compare.getByRole("listitem").filter({ hasText: first.text }).first(),
      "rounds-compare-row.png",
    );
    // Ann sees the distributions too, now they are revealed.
    await ann.getByRole("button", { name: "Compare the groups" }).click();
    await ann.getByText(/3 people: median 50/).waitFor({ timeout: 15_000 });
    await shot(ann, "rounds-compare-1024x768.png");

    // Second round: round 1 is kept; PPI contributors move their first aspect.
    await rounds.getByRole("button", { name: "Start a second round" }).click();
    await rounds.getByText("Now: second round").waitFor({ timeout: 15_000 });
    await poll(async () => readRounds(fac.doc, scale.id as ActivityId).round1 !== null).toBe(true);
    const ppiLane = await openDoc(h.url, laneDocName(workshopId, scale.id, ppi as never), created.token);
    moveNote(ppiLane.doc, noteIdForAspect(first.id), 75);
    await compare
      .getByText(/PPI contributors: round 1 20, round 2 75 \(moved 55 towards Set in stone\)/)
      .waitFor({
        timeout: 15_000,
      });
    await shotOf(
      compare.getByRole("listitem").filter({ hasText: first.text }).first(),
      "rounds-compare-second-row.png",
    );

    // A reason in each lane, and a note on the first chart, written with the people's own tokens.
    const dee = others.find((p) => p.name === "Dee") as (typeof others)[number];
    const ben = others.find((p) => p.name === "Ben") as (typeof others)[number];
    const deeLane = await openDoc(h.url, laneDocName(workshopId, scale.id, ppi as never), dee.token);
    addReason(deeLane.doc, {
      noteId: noteIdForAspect(first.id),
      text: "People need to meet somewhere they feel safe",
    });
    const benLane = await openDoc(h.url, laneDocName(workshopId, scale.id, lw as never), ben.token);
    addReason(benLane.doc, { noteId: noteIdForAspect(first.id), text: "It depends on the service's rooms" });
    const chart = readWorkshop(fac.doc).activities.find((a) => a.kind === "chart");
    const deeChart = await openDoc(h.url, chartDocName(workshopId, chart?.id as ActivityId), dee.token);
    const column = chart?.kind === "chart" ? chart.columns[0]?.id : undefined;
    if (column)
      addChartNote(deeChart.doc, {
        text: "Patients feel heard",
        columnId: column,
        author: "Dee",
        groupId: null,
      });
    await new Promise((r) => setTimeout(r, 500));
    for (const c of [deeLane, benLane, deeChart]) c.close();

    // Share back: publish, open on a phone, no names; print; withdraw.
    await fp.getByRole("button", { name: "Download the results" }).click();
    await fp.getByRole("button", { name: "Publish the results page" }).click();
    const link = await fp.getByRole("textbox", { name: "Results page link" }).inputValue();
    expect(link).toMatch(/\/results\/[A-Za-z0-9_-]{24}$/);
    await shot(fp, "share-back-panel.png");

    const phone = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const pp = await phone.newPage();
    await pp.goto(link);
    await pp.getByRole("heading", { level: 1 }).waitFor();
    await pp.getByText(first.text, { exact: true }).first().waitFor();
    await pp
      .getByText(/did not agree among themselves/)
      .first()
      .waitFor();
    const text = (await pp.locator("main").textContent()) ?? "";
    for (const name of ["Ann", "Ben", "Cal", "Dee", "Eve"])
      expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
    // Reflows to the phone's width: nothing wider than the screen.
    expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(pp, "share-back-390x844.png");
    await shotOf(pp.locator(".results-aspect").first(), "share-back-aspect-390.png");
    await shotOf(pp.locator(".results-activity").last(), "share-back-chart-390.png");
    await pp.emulateMedia({ media: "print" });
    await shot(pp, "share-back-print.png");
    await shotOf(pp.locator(".results-aspect").first(), "share-back-print-aspect.png");
    if (process.env.ROUND_SHOTS)
      await pp.pdf({ path: path.join(process.env.ROUND_SHOTS, "share-back.pdf"), format: "A4" });
    await pp.emulateMedia({ media: "screen" });

    // A reader who chooses Cymraeg reads the flags and the method line in Welsh (issue 17): the server
    // gives the findings as data and the page words them; the groups' and aspects' words stay as written.
    await pp.getByLabel("Language / Iaith").selectOption("cy");
    await pp
      .getByText(/^Nid oedd .+ yn cytuno â'i gilydd \(gwasgariad eang\)\.$/)
      .first()
      .waitFor();
    await pp.getByText(/^Mae'r safleoedd yn mynd o 0 i 100/).waitFor();
    const welsh = (await pp.locator("main").textContent()) ?? "";
    for (const english of [
      "did not agree",
      "agreed among",
      "lean towards",
      "see this as",
      "points apart",
      "Positions run",
    ])
      expect(welsh).not.toContain(english);
    expect(welsh).toContain(first.text);
    await pp.evaluate(() => window.scrollTo(0, 0));
    await shot(pp, "share-back-cy-390x844.png");
    await shotOf(pp.locator(".results-aspect").first(), "share-back-cy-aspect-390.png");
    await shotOf(pp.locator(".results-foot"), "share-back-cy-foot-390.png");
    await pp.getByLabel("Language / Iaith").selectOption("en");

    await fp.getByRole("button", { name: "Withdraw the results page" }).click();
    await fp.getByText(/The results page is withdrawn/).waitFor();
    await pp.reload();
    await pp.getByRole("heading", { name: "These results were withdrawn" }).waitFor();
    await shot(pp, "share-back-withdrawn-390x844.png");

    await phone.close();
    lwLane.close();
    ppiLane.close();
    fac.close();
  });
});
