/**
 * Private first, then shared (ACC-12), in the browser: on a prompt board set to collect each person's words
 * privately, two participants each see only their own words until the facilitator presses "Share the words";
 * then both see all of them, and each may still change only their own. (The server's refusal of a raw
 * client before sharing is in apps/server/test/privateWords.test.ts.)
 *
 * With NOTE_SHOTS=<dir> it also photographs the shared board with a note's action bar open on a landscape
 * tablet and a phone.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  addBoardActivity,
  listChartNotes,
  readWorkshop,
  setCurrentActivity,
  setPrivateFirst,
  setVoting,
} from "@continuum/model";
import { boardDocName, type WorkshopId } from "@continuum/protocol";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, openFacilitatorLink, seriousViolations } from "../src/people.ts";
import { flushed, openDoc } from "../src/seed.ts";

const h = useHarness();
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const BOARD = "Word association: holding";
const PROMPT = "Holding";
const board = (p: Page): Locator => p.getByRole("region", { name: `Prompt board: ${BOARD}` });
const words = (p: Page, text: string): Locator => board(p).getByText(text, { exact: true });
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

async function write(p: Page, text: string): Promise<void> {
  await board(p)
    .getByRole("button", { name: `Add a note to ${PROMPT}` })
    .click();
  await board(p)
    .getByRole("textbox", { name: `Your note for ${PROMPT}` })
    .fill(text);
  await board(p).getByRole("button", { name: "Add note", exact: true }).click();
  await board(p).getByRole("button", { name: "Done" }).click();
  await words(p, text).waitFor();
}

describe("a prompt board that collects each person's words privately first", () => {
  it("hides other people's words until the facilitator shares them, then shows everyone's", async () => {
    const created = await h.createWorkshop("discretion");
    const fac = await openDoc(h.url, created.id, created.token);
    const boardId = addBoardActivity(fac.doc, { title: BOARD, prompts: [PROMPT] });
    setPrivateFirst(fac.doc, boardId, true);

    const ann = (await h.person("tablet-landscape")).page;
    const bob = (await h.person("desktop")).page;
    await joinWithCode(ann, created.joinCode, "Ann", "Link workers");
    await joinWithCode(bob, created.joinCode, "Bob", "PPI contributors");
    setCurrentActivity(fac.doc, boardId);
    await flushed(
      h.url,
      created.id,
      created.token,
      (d) => readWorkshop(d).control.currentActivity === boardId,
    );

    for (const p of [ann, bob]) {
      await board(p)
        .getByText(/Your words are private for now/)
        .waitFor({ timeout: 15_000 });
    }
    await write(ann, "Safe");
    await write(bob, "Trust");
    await write(bob, "Being listened to");

    // The facilitator's screen: the shared board is empty until they share the words.
    const fp = (await h.person("desktop")).page;
    await openFacilitatorLink(fp, created);
    await board(fp).getByRole("button", { name: "Share the words" }).waitFor({ timeout: 15_000 });
    const shared = await openDoc(h.url, boardDocName(created.id as WorkshopId, boardId), created.token);
    expect(listChartNotes(shared.doc)).toEqual([]);

    // Each participant sees their own words only (given time for anything to arrive).
    await ann.waitForTimeout(500);
    expect(await words(ann, "Trust").count()).toBe(0);
    expect(await words(ann, "Being listened to").count()).toBe(0);
    expect(await words(bob, "Safe").count()).toBe(0);
    const axeFound = await seriousViolations(ann, axeSource);
    expect(axeFound.map((f) => `${f.rule}: ${f.target}`)).toEqual([]);

    await board(fp).getByRole("button", { name: "Share the words" }).click();
    await board(fp).getByRole("button", { name: "Share them now" }).click();
    for (const p of [ann, bob, fp]) {
      for (const text of ["Safe", "Trust", "Being listened to"])
        await words(p, text).waitFor({ timeout: 15_000 });
      await poll(() =>
        board(p)
          .getByText(/Your words are private for now/)
          .count(),
      ).toBe(0);
    }
    await poll(async () => listChartNotes(shared.doc).length).toBe(3);

    // On the shared board Ann's word is still hers to change; Bob's words are not.
    const face = (p: Page, text: string) =>
      board(p)
        .locator(".chart-note-body")
        .filter({ has: p.getByText(text, { exact: true }) });
    await face(ann, "Trust").click();
    await board(ann).getByRole("button", { name: "Move note: Trust" }).waitFor();
    expect(await board(ann).getByRole("button", { name: "Edit note: Trust" }).count()).toBe(0);
    await face(ann, "Safe").click();
    await board(ann).getByRole("button", { name: "Edit note: Safe" }).waitFor();
    expect(await seriousViolations(ann, axeSource)).toEqual([]);

    const dir = process.env.NOTE_SHOTS;
    if (dir) {
      await ann.screenshot({ path: path.join(dir, "board-actions-1024x768.png") });
      // With dot voting open the selected note's dots come first, Remove stays at the far end.
      setVoting(fac.doc, boardId, { open: true, budget: 3 });
      await board(ann).getByRole("button", { name: "Add a dot to: Safe" }).click({ timeout: 15_000 });
      await ann.screenshot({ path: path.join(dir, "board-voting-1024x768.png") });
      await ann.setViewportSize({ width: 390, height: 844 });
      await face(ann, "Safe").scrollIntoViewIfNeeded();
      await ann.screenshot({ path: path.join(dir, "board-actions-390x844.png") });
    }
    shared.close();
    fac.close();
  });

  it("shows the material people respond to above the questions, and each question's instructions under it", async () => {
    const created = await h.createWorkshop("discretion");
    const fac = await openDoc(h.url, created.id, created.token);
    const boardId = addBoardActivity(fac.doc, {
      title: "Vignette: Mrs A",
      prompts: ["What stands out to you?", "What would a link worker do?"],
    });
    const ann = (await h.person("tablet-landscape")).page;
    await joinWithCode(ann, created.joinCode, "Ann", "Link workers");
    setCurrentActivity(fac.doc, boardId);

    // The facilitator writes the vignette and one question's instructions on the board in the cockpit.
    const fp = (await h.person("desktop")).page;
    await openFacilitatorLink(fp, created);
    const fb = fp.getByRole("region", { name: "Prompt board: Vignette: Mrs A" });
    await fb.getByRole("button", { name: "Add material to respond to" }).click({ timeout: 15_000 });
    const vignette =
      "Mrs A is 78 and lives alone since her husband died. She rarely goes out, and her GP thinks she is lonely. She says she does not want to be a bother.";
    await fb.getByRole("textbox", { name: /What people respond to/ }).fill(vignette);
    await fb.getByRole("button", { name: "Save the material" }).click();
    await fb.getByRole("button", { name: "Add instructions for What stands out to you?" }).click();
    await fb
      .getByRole("textbox", { name: "Instructions for What stands out to you?" })
      .fill("One thing per note, in your own words.");
    await fb.getByRole("button", { name: "Save instructions" }).click();

    const ab = ann.getByRole("region", { name: "Prompt board: Vignette: Mrs A" });
    await ab.getByRole("heading", { name: "Read this first" }).waitFor({ timeout: 15_000 });
    await ab.getByText(vignette).waitFor();
    await ab
      .getByRole("region", { name: "What stands out to you?" })
      .getByText("One thing per note, in your own words.")
      .waitFor({ timeout: 15_000 });
    // Nothing to change the material or instructions with; only to have them read aloud (issue 17).
    expect(await ab.getByRole("button", { name: /^(?!Read aloud).*(material|instructions)/i }).count()).toBe(
      0,
    );
    await ab.getByRole("button", { name: "Read aloud: the material" }).waitFor();
    expect(await seriousViolations(ann, axeSource)).toEqual([]);
    expect(await seriousViolations(fp, axeSource)).toEqual([]);

    const dir = process.env.NOTE_SHOTS;
    if (dir) {
      await ab.getByRole("heading", { name: "Vignette: Mrs A" }).scrollIntoViewIfNeeded();
      await ann.screenshot({ path: path.join(dir, "material-1024x768.png") });
      await ann.setViewportSize({ width: 390, height: 844 });
      await ab.getByRole("heading", { name: "Read this first" }).scrollIntoViewIfNeeded();
      await ann.screenshot({ path: path.join(dir, "material-390x844.png") });
      await fp.screenshot({ path: path.join(dir, "material-facilitator.png") });
    }
    fac.close();
  });
});
