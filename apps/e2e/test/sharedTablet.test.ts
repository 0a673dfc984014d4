/**
 * One tablet shared by a table (issue 13, PEOPLE-4), through the real server: "Who's writing?" in the top bar
 * adds two more people (name and group, no code) and switches between the three; each writes a chart note
 * and places dots as themselves. The server stamps every note with the right person and group, and each
 * person has the whole budget of dots, no more. The workshop is anonymous: the server keeps no names (ANON-2),
 * the person writing still sees theirs on their own notes, and another device sees none.
 *
 * With SHOTS_DIR=<dir> it photographs the open control on a landscape tablet (1024x768) and a phone (390x844).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  addChartActivity,
  ballotTotal,
  listChartNotes,
  listGroups,
  readWorkshop,
  setCurrentActivity,
  setVoting,
} from "@continuum/model";
import { ballotDocName, chartDocName, type WorkshopId } from "@continuum/protocol";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, lane, openFacilitatorLink, seriousViolations } from "../src/people.ts";
import { flushed, openDoc } from "../src/seed.ts";

const h = useHarness();
const CHART = "Patients may refer themselves";
const PPI = "PPI contributors";
const LINK = "Link workers";
const shotsDir = process.env.SHOTS_DIR;
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const OFFLINE_NOTE = "Some people will not know to ask";
const board = (p: Page): Locator => p.getByRole("region", { name: `Chart: ${CHART}` });
const face = (p: Page, text: string): Locator =>
  board(p)
    .locator(".chart-note-body")
    .filter({ has: p.getByText(text, { exact: true }) });

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), animations: "disabled", caret: "hide" });
}

const whoButton = (p: Page): Locator => p.locator("summary.who-button");

async function openWho(p: Page): Promise<void> {
  await whoButton(p).click();
  await p.getByText("Who's writing?", { exact: true }).waitFor();
}

async function addSomeone(p: Page, name: string, group: string): Promise<void> {
  await openWho(p);
  await p.getByRole("button", { name: "Add someone to this device" }).click();
  await p.getByRole("textbox", { name: "Their name (only first name is fine)" }).fill(name);
  await p.getByRole("radio", { name: group }).check();
  await p.getByRole("button", { name: "Add and write as them" }).click();
  await whoButton(p)
    .filter({ hasText: `Writing: ${name}` })
    .waitFor({ timeout: 15_000 });
  await board(p).waitFor({ timeout: 15_000 });
}

async function switchTo(p: Page, name: string, shown: Locator = board(p)): Promise<void> {
  await openWho(p);
  await p
    .locator(".who-list")
    .getByRole("button", { name: new RegExp(`^${name}`) })
    .click();
  await whoButton(p)
    .filter({ hasText: `Writing: ${name}` })
    .waitFor({ timeout: 15_000 });
  await shown.waitFor({ timeout: 15_000 });
}

async function write(p: Page, column: string, text: string): Promise<void> {
  await board(p)
    .getByRole("button", { name: `Add a note to ${column}` })
    .click();
  await board(p)
    .getByRole("textbox", { name: `Your note for ${column}` })
    .fill(text);
  await board(p).getByRole("button", { name: "Add note", exact: true }).click();
  await board(p).getByRole("button", { name: "Done" }).click();
  await face(p, text).waitFor();
}

async function dot(p: Page, text: string): Promise<void> {
  await face(p, text).tap();
  await board(p)
    .getByRole("button", { name: `Add a dot to: ${text}` })
    .tap({ timeout: 15_000 });
}

describe("a shared tablet", () => {
  it("three people on one tablet: each note carries its writer's name and group, and each person has their own budget", async () => {
    const created = await h.createWorkshop("discretion");
    const fac = await openDoc(h.url, created.id, created.token);
    const chartId = addChartActivity(fac.doc, { title: CHART });
    const { page: tab } = await h.person("tablet-landscape");
    await joinWithCode(tab, created.joinCode, "Lin", LINK);
    // Someone at another table, on a device of their own.
    const { page: other } = await h.person("tablet-portrait");
    await joinWithCode(other, created.joinCode, "Ravi", LINK);
    setCurrentActivity(fac.doc, chartId);
    setVoting(fac.doc, chartId, { open: true, budget: 2 });
    await flushed(
      h.url,
      created.id,
      created.token,
      (d) => readWorkshop(d).control.currentActivity === chartId,
    );
    await board(tab).waitFor({ timeout: 15_000 });
    await whoButton(tab).filter({ hasText: "Writing: Lin" }).waitFor();

    // Two PPI contributors join the table: added on the tablet, no code.
    await addSomeone(tab, "Priya", PPI);
    await openWho(tab);
    await shot(tab, "who-is-writing-1024x768");
    const found = await seriousViolations(tab, axeSource);
    expect(found.map((f) => `${f.impact} ${f.rule}: ${f.target}`)).toEqual([]);
    await tab.keyboard.press("Escape");
    await addSomeone(tab, "Pat", PPI);

    const writes: [string, string, string][] = [
      ["Lin", "Pros", "Fewer missed referrals"],
      ["Priya", "Cons", "People may not know they can"],
      ["Pat", "Implications", "Reception staff need to know"],
    ];
    for (const [who, column, text] of writes) {
      await switchTo(tab, who);
      await write(tab, column, text);
    }
    // Offline, a note Pat writes waits on the tablet: switching is refused until it has reached the server,
    // so it is never sent with the next person's token.
    await tab.context().setOffline(true);
    await write(tab, "Cons", OFFLINE_NOTE);
    await openWho(tab);
    await tab.locator(".who-list").getByRole("button", { name: /^Lin/ }).click();
    await tab.getByText(/Pat's last changes have not reached the server yet/).waitFor({ timeout: 10_000 });
    await tab.keyboard.press("Escape");
    await whoButton(tab).filter({ hasText: "Writing: Pat" }).waitFor();
    await tab.context().setOffline(false);
    // Dots: each person places the whole budget of 2; the third is refused for each of them.
    for (const [who] of writes) {
      await switchTo(tab, who);
      await board(tab).getByText("You have 2 of 2 dots left.").waitFor({ timeout: 15_000 });
      await dot(tab, "Fewer missed referrals");
      await dot(tab, "People may not know they can");
      await board(tab).getByText("You have 0 of 2 dots left.").waitFor({ timeout: 15_000 });
      await dot(tab, "Reception staff need to know");
      await board(tab).getByText("You have 0 of 2 dots left.").waitFor();
    }
    // Pat's own note shows his name to him (a participant sees their own name, even in an anonymous workshop),
    // from the tablet's session: the server keeps none (ANON-2). Lin's and Priya's show only their groups.
    await face(tab, "Reception staff need to know").getByText(`Pat, ${PPI}`).waitFor();
    await expect(face(tab, "Fewer missed referrals").textContent()).resolves.not.toMatch(/\bLin\b/);
    await expect(face(tab, "People may not know they can").textContent()).resolves.not.toMatch(/Priya/);
    await shot(tab, "anonymous-own-name-1024x768");
    // Someone else's device shows no name at all, on the notes or in "People here".
    await face(other, "Reception staff need to know").waitFor({ timeout: 15_000 });
    await face(other, "Reception staff need to know").getByText(PPI).waitFor();
    await expect(other.locator("body").textContent()).resolves.not.toMatch(/\bLin\b|Priya|\bPat\b/);
    await shot(other, "anonymous-others-768x1024");

    // What the server holds: each note stamped with its writer and their group; each ballot holds 2 dots.
    const people = (await tab.evaluate(
      (id) => JSON.parse(localStorage.getItem(`continuum.people.${id}`) ?? "[]"),
      created.id,
    )) as { name: string; participantId: string }[];
    expect(people.map((p) => p.name)).toEqual(["Lin", "Priya", "Pat"]);
    const idOf = new Map(people.map((p) => [p.name, p.participantId]));
    const groups = new Map(listGroups(fac.doc).map((g) => [g.name, g.id]));
    const chart = await openDoc(h.url, chartDocName(created.id as WorkshopId, chartId), created.token);
    const notes = listChartNotes(chart.doc);
    expect(notes.find((n) => n.text === OFFLINE_NOTE)?.participantId).toBe(idOf.get("Pat"));
    expect(
      writes.map(([, , text]) => {
        const n = notes.find((x) => x.text === text);
        return [n?.author, n?.groupId, n?.participantId] as const;
      }),
    ).toEqual([
      // No name: the workshop is anonymous (ANON-2); whose and which group's are what the server stamps.
      ["", groups.get(LINK), idOf.get("Lin")],
      ["", groups.get(PPI), idOf.get("Priya")],
      ["", groups.get(PPI), idOf.get("Pat")],
    ]);
    for (const [who] of writes) {
      const ballot = await openDoc(
        h.url,
        ballotDocName(created.id as WorkshopId, chartId, idOf.get(who) as never),
        created.token,
      );
      expect([who, ballotTotal(ballot.doc)]).toEqual([who, 2]);
      ballot.close();
    }

    // The facilitator adds a fourth person for the tablet from the People dialog; the tablet opens their code.
    const fp = (await h.person("desktop")).page;
    await openFacilitatorLink(fp, created);
    await fp.getByRole("button", { name: "People", exact: true }).click();
    const dialog = fp.getByRole("dialog", { name: "People" });
    await dialog.getByRole("textbox", { name: "Their name" }).fill("Sam");
    await dialog.getByRole("radio", { name: LINK }).check();
    await dialog.getByRole("button", { name: "Add them and show the code" }).click();
    await dialog.getByRole("img", { name: "QR code that adds Sam to a tablet" }).waitFor();
    await dialog.getByRole("row", { name: /Sam/ }).waitFor();
    await shot(fp, "people-add-to-tablet");
    const link = await dialog.getByRole("link", { name: "Open the link" }).getAttribute("href");
    await tab.goto(link ?? "");
    await whoButton(tab).filter({ hasText: "Writing: Sam" }).waitFor({ timeout: 15_000 });
    await openWho(tab);
    await expect(tab.locator(".who-list li").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Lin/),
      expect.stringMatching(/^Priya/),
      expect.stringMatching(/^Pat/),
      expect.stringMatching(/^Sam/),
    ]);
    await tab.keyboard.press("Escape");

    // On the scale, the lane follows the person writing: Sam's is the link workers', Priya's the PPI one.
    const scale = readWorkshop(fac.doc).activities.find((a) => a.kind === "scale");
    if (!scale) throw new Error("the discretion template has a scale");
    setCurrentActivity(fac.doc, scale.id);
    await lane(tab, LINK).waitFor({ timeout: 15_000 });
    await switchTo(tab, "Priya", lane(tab, PPI));
    await expect(lane(tab, LINK).count()).resolves.toBe(0);

    if (shotsDir) {
      await tab.setViewportSize({ width: 390, height: 844 });
      await openWho(tab);
      await shot(tab, "who-is-writing-390x844");
      await tab.getByRole("button", { name: "Add someone to this device" }).click();
      await shot(tab, "who-is-writing-add-390x844");
      await tab.keyboard.press("Escape");
      await shot(tab, "who-is-writing-closed-390x844");
    }
    chart.close();
    fac.close();
  });
});
