/**
 * Reasons and the replay in the browser (issue 14): Ann (link workers) on a tablet opens a note's reasons
 * with W, adds one with the keyboard, and sees the count on the note; after the reveal, the comparison shows
 * both groups' reasons side by side under each aspect, and the replay steps and plays through the groups'
 * moves. The PPI contributors' placements, moves and reasons come from a stock Yjs client with their own
 * token, so the server records them as it records any client's.
 *
 * With REASON_SHOTS=<dir> it saves screenshots at 1024x768, 390x844 and 1920x1080.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  addReason,
  moveNote,
  placeAspect,
  readWorkshop,
  type ScaleActivity,
  setCurrentActivity,
  setRevealed,
} from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, lane, note, openFacilitatorLink } from "../src/people.ts";
import { flushed, joinAs, openDoc } from "../src/seed.ts";

const h = useHarness();
const LW = "Link workers";
const PPI = "PPI contributors";
const SIZES = [
  { name: "1024x768", width: 1024, height: 768 },
  { name: "390x844", width: 390, height: 844 },
  { name: "1920x1080", width: 1920, height: 1080 },
];
const shots = async (p: Page, name: string, fullPage = false, arrange?: () => Promise<void>) => {
  const dir = process.env.REASON_SHOTS;
  if (!dir) return;
  const before = p.viewportSize();
  for (const s of SIZES) {
    await p.setViewportSize({ width: s.width, height: s.height });
    await p.waitForTimeout(150);
    await arrange?.();
    await p.screenshot({ path: path.join(dir, `${name}-${s.name}.png`), fullPage });
  }
  if (before) await p.setViewportSize(before);
};

describe("reasons behind placements, and the replay", () => {
  it("adds a reason with the keyboard, compares both groups' reasons and replays the moves", async () => {
    const created = await h.createWorkshop("discretion");
    const workshopId = created.id as WorkshopId;
    const fac = await openDoc(h.url, created.id, created.token);
    const w = readWorkshop(fac.doc);
    const scale = w.activities.find((a) => a.kind === "scale") as ScaleActivity;
    const group = (name: string) => w.groups.find((g) => g.name === name)?.id as GroupId;
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

    // The PPI contributors place, move and explain through their own client.
    const dee = await joinAs(h.url, created.joinCode, "Dee", PPI);
    const ppiLane = await openDoc(
      h.url,
      laneDocName(workshopId, scale.id as ActivityId, group(PPI)),
      dee.token,
    );
    const a = placeAspect(ppiLane.doc, { aspect: first, x: 50, author: "Dee" });
    await new Promise((r) => setTimeout(r, 200));
    moveNote(ppiLane.doc, a, 15);
    placeAspect(ppiLane.doc, { aspect: second, x: 30, author: "Dee" });
    addReason(ppiLane.doc, { noteId: a, text: "Patients should choose where they meet", author: "Dee" });

    // Ann on a landscape tablet places two aspects and moves one, with the keyboard.
    const ann = (await h.person("tablet-landscape")).page;
    await joinWithCode(ann, created.joinCode, "Ann", LW);
    for (const aspect of [first, second, third]) {
      await ann.getByRole("button", { name: `Place on the scale: ${aspect.text}` }).click();
    }
    const own = lane(ann, LW);
    const firstNote = note(own, first.text, LW);
    await firstNote.focus();
    for (let i = 0; i < 6; i++) await ann.keyboard.press("ArrowRight");

    // W on the note opens its reasons, with the input focused: type, Enter.
    await firstNote.focus();
    await ann.keyboard.press("w");
    const why = ann.getByRole("region", { name: "Why here?" });
    await why.getByRole("button", { name: "Why here? (0)" }).waitFor();
    const input = why.getByRole("textbox", { name: /Add a reason/ });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await ann.keyboard.type("Commissioners set where we meet, mostly");
    await ann.keyboard.press("Enter");
    await why.getByRole("button", { name: "Why here? (1)" }).waitFor();
    await why.getByText("Commissioners set where we meet, mostly", { exact: true }).waitFor();
    await shots(ann, "reasons-panel", false, () => why.evaluate((el) => el.scrollIntoView({ block: "end" })));
    await ann.keyboard.press("Escape");
    // The note says it has a reason.
    await expect.poll(() => note(own, first.text, LW).getAttribute("aria-label")).toMatch(/1 reason$/);

    // The facilitator reveals both lanes; Ann compares.
    setRevealed(fac.doc, scale.id, group(LW), true);
    setRevealed(fac.doc, scale.id, group(PPI), true);
    await ann.getByRole("button", { name: "Compare the groups" }).click();
    const compare = ann.getByRole("region", { name: "Compare the groups" });
    const reasons = compare.getByRole("region", { name: `Why here: ${first.text}` });
    await reasons
      .getByText("Commissioners set where we meet, mostly", { exact: true })
      .waitFor({ timeout: 15_000 });
    await reasons.getByText("Patients should choose where they meet").waitFor();

    // The replay: open it, step with the keyboard, play.
    await compare.getByRole("button", { name: "Replay the discussion" }).click();
    const slider = compare.getByRole("slider");
    await slider.waitFor();
    const max = Number(await slider.getAttribute("max"));
    // Dee's three moves and Ann's three placements and her keyboard moves (one move per arrow press).
    expect(max).toBeGreaterThanOrEqual(6);
    await slider.focus();
    await ann.keyboard.press("Home");
    await ann.keyboard.press("ArrowRight");
    await expect.poll(() => slider.getAttribute("aria-valuetext")).toMatch(/^Move 1 of \d+\. .* placed “/);
    await compare.getByRole("button", { name: "PPI contributors", exact: true }).click();
    await expect.poll(async () => Number(await slider.getAttribute("max"))).toBe(3);
    await compare.getByRole("button", { name: "All groups" }).click();
    await ann.keyboard.press("Home");
    await compare.getByRole("button", { name: /^Play/ }).click();
    await expect.poll(() => slider.inputValue(), { timeout: 15_000 }).toBe(String(max));
    await slider.focus();
    await ann.keyboard.press("Home");
    for (let i = 0; i < 4; i++) await ann.keyboard.press("ArrowRight");
    await reasons.scrollIntoViewIfNeeded();
    await shots(ann, "compare-reasons-replay", true);

    // The facilitator changes a flag's threshold for the workshop: the sentence under the aspect follows.
    const fp = (await h.person("desktop")).page;
    await openFacilitatorLink(fp, created);
    await fp.getByRole("button", { name: "Compare the groups" }).click();
    const fcompare = fp.getByRole("region", { name: "Compare the groups" });
    await fcompare
      .getByText("Link workers lean towards set in stone; PPI contributors towards about choice")
      .waitFor();
    await fcompare.getByText("How the sentences are decided").click();
    await fcompare.getByRole("spinbutton", { name: /Groups agree when/ }).fill("70");
    await fcompare.getByText("Both groups put this in the middle").first().waitFor();
    await shots(fp, "flag-settings", false, () =>
      fcompare.locator("details.flag-settings").evaluate((el) => el.scrollIntoView({ block: "start" })),
    );

    // The facilitator downloads the research files the server makes: the moves file has a row per move.
    await fp.getByRole("button", { name: "Download the results" }).click();
    const panel = fp.getByRole("region", { name: "Download the results" });
    const [dl] = await Promise.all([
      fp.waitForEvent("download", { timeout: 60_000 }),
      panel.getByRole("button", { name: "Moves (CSV)" }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/-moves\.csv$/);
    const csv = await readFile(await dl.path(), "utf8");
    expect(csv.trim().split("\r\n")).toHaveLength(max + 1);
    await shots(fp, "research-downloads", false, () =>
      panel
        .getByRole("button", { name: "Moves (CSV)" })
        .evaluate((el) => el.scrollIntoView({ block: "center" })),
    );
    ppiLane.close();
    fac.close();
  });
});
