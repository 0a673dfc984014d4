/**
 * Notes on a chart belong to their author (OWN-1..3), through the real server: a participant offered Edit and
 * Remove only on their own note removes it and puts it back with Undo (the server accepts the same id again and
 * the other participant sees it back); a note removed and not undone is listed on the facilitator's board under
 * "Removed notes" and "Put back" returns it to everyone.
 *
 * With NOTE_SHOTS=<dir> it photographs the chart with a note's action bar open on a landscape tablet and a phone.
 */
import path from "node:path";
import { addChartActivity, readWorkshop, setCurrentActivity, setVoting } from "@continuum/model";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, openFacilitatorLink } from "../src/people.ts";
import { flushed, openDoc } from "../src/seed.ts";

const h = useHarness();
const CHART = "Patients may refer themselves";
const board = (p: Page): Locator => p.getByRole("region", { name: `Chart: ${CHART}` });
const face = (p: Page, text: string): Locator =>
  board(p)
    .locator(".chart-note-body")
    .filter({ has: p.getByText(text, { exact: true }) });
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

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

describe("notes belong to their author", () => {
  it("Edit and Remove only on one's own note; Undo puts it back; the facilitator puts back a removed note", async () => {
    const created = await h.createWorkshop("discretion");
    const fac = await openDoc(h.url, created.id, created.token);
    const chartId = addChartActivity(fac.doc, { title: CHART });
    const ann = (await h.person("tablet-landscape")).page;
    const bob = (await h.person("desktop")).page;
    await joinWithCode(ann, created.joinCode, "Ann", "Link workers");
    await joinWithCode(bob, created.joinCode, "Bob", "PPI contributors");
    setCurrentActivity(fac.doc, chartId);
    await flushed(
      h.url,
      created.id,
      created.token,
      (d) => readWorkshop(d).control.currentActivity === chartId,
    );

    await board(ann).waitFor({ timeout: 15_000 });
    await board(bob).waitFor({ timeout: 15_000 });
    await write(ann, "Pros", "People can ask for help sooner");
    await write(ann, "Cons", "Caseloads could grow");
    await write(bob, "Pros", "Less waiting for a GP appointment");
    await face(ann, "Less waiting for a GP appointment").waitFor({ timeout: 15_000 });

    // Actions appear on the selected note only; Bob's note offers Ann Move, not Edit or Remove.
    await expect(
      board(ann)
        .getByRole("button", { name: /^Move note:/ })
        .count(),
    ).resolves.toBe(0);
    await face(ann, "Less waiting for a GP appointment").tap();
    await board(ann).getByRole("button", { name: "Move note: Less waiting for a GP appointment" }).waitFor();
    await expect(
      board(ann)
        .getByRole("button", { name: /^(Edit|Remove) note:/ })
        .count(),
    ).resolves.toBe(0);

    // Ann removes her own note and undoes it: the server takes the same id again; Bob sees it go and come back.
    await face(ann, "Caseloads could grow").tap();
    await board(ann).getByRole("button", { name: "Remove note: Caseloads could grow" }).tap();
    await board(ann).getByRole("button", { name: "Remove it: note Caseloads could grow" }).tap();
    await poll(() => face(bob, "Caseloads could grow").count()).toBe(0);
    await board(ann).getByRole("button", { name: "Undo removing note: Caseloads could grow" }).tap();
    await face(bob, "Caseloads could grow").waitFor({ timeout: 15_000 });
    // Still hers after the round trip: she may edit it.
    await board(ann).getByRole("button", { name: "Edit note: Caseloads could grow" }).waitFor();
    await ann.waitForTimeout(300);
    await expect(face(ann, "Caseloads could grow").count()).resolves.toBe(1);

    if (process.env.NOTE_SHOTS) {
      const dir = process.env.NOTE_SHOTS;
      setVoting(fac.doc, chartId, { open: true, budget: 3 });
      await face(ann, "People can ask for help sooner").tap();
      await board(ann).getByRole("button", { name: "Add a dot to: People can ask for help sooner" }).tap({
        timeout: 15_000,
      });
      await board(ann).scrollIntoViewIfNeeded();
      await ann.screenshot({ path: path.join(dir, "chart-actions-1024x768.png") });
      await ann.setViewportSize({ width: 390, height: 844 });
      await face(ann, "People can ask for help sooner").scrollIntoViewIfNeeded();
      await ann.screenshot({ path: path.join(dir, "chart-actions-390x844.png") });
      setVoting(fac.doc, chartId, { open: false });
    }

    // Removed and not undone: the facilitator finds it under "Removed notes" and puts it back for everyone.
    await face(ann, "People can ask for help sooner").tap();
    await board(ann).getByRole("button", { name: "Remove note: People can ask for help sooner" }).tap();
    await board(ann).getByRole("button", { name: "Remove it: note People can ask for help sooner" }).tap();
    await poll(() => face(bob, "People can ask for help sooner").count()).toBe(0);
    const fp = (await h.person("desktop")).page;
    await openFacilitatorLink(fp, created);
    await board(fp).getByText("Removed notes (1)").click({ timeout: 15_000 });
    // Whose it was, by group: the workshop is anonymous, so the server kept no name (ANON-2).
    await board(fp).locator(".removed-notes").getByText("by Link workers").waitFor();
    if (process.env.NOTE_SHOTS) {
      await fp.setViewportSize({ width: 1024, height: 768 });
      await board(fp).locator(".removed-notes").scrollIntoViewIfNeeded();
      await fp.screenshot({ path: path.join(process.env.NOTE_SHOTS, "removed-notes-1024x768.png") });
    }
    await board(fp).getByRole("button", { name: "Put back: People can ask for help sooner" }).click();
    for (const p of [ann, bob, fp])
      await face(p, "People can ask for help sooner").waitFor({ timeout: 15_000 });
    await poll(() =>
      board(fp)
        .getByText(/^Removed notes/)
        .count(),
    ).toBe(0);
    fac.close();
  });
});
