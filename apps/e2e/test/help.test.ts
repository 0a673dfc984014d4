/**
 * Issue 17, help for people unsure of reading or writing, on the scale, a chart and a prompt board:
 * - "Read aloud" asks the device's speech synthesis to read the note (or the material, or the instructions).
 *   Nothing is stubbed: `speechSynthesis.speak` is only wrapped to note what it was asked to say. The
 *   workshop's own words are read in the workshop's language (here Welsh, set by the facilitator), the app's
 *   instructions in the page's (English), so the device picks a voice that pronounces each.
 * - "Larger text" (in the You menu) enlarges the text and brings every target on the screen to 56 px at
 *   least, and the device remembers it.
 *
 * Screenshots with larger text with `HELP_SHOTS=<dir>`.
 */
import {
  addBoardActivity,
  readWorkshop,
  setBoardMaterial,
  setColumnInstructions,
  setCurrentActivity,
  setMeta,
} from "@continuum/model";
import type { ActivityId, ColumnId } from "@continuum/protocol";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, lane, note, trayCard } from "../src/people.ts";
import { openDoc } from "../src/seed.ts";

const h = useHarness();
const LW = "Link workers";
const shots = process.env.HELP_SHOTS;
const MATERIAL = "Sam is 54 and lives alone. Their link worker has met them three times.";
const INSTRUCTIONS = "Write one word or a few on each note.";

/** What the page asked the device to say, in order. */
const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

/**
 * Every control a finger can aim at on screen (buttons, switches, menus' summaries, fields) that is smaller
 * than 56 px either way, described for the failure message.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const selector = "button, summary, select, textarea, input, [role='button'], [role='switch'], a[href]";
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest(".sr-only, [hidden]")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      if (r.width < 56 || r.height < 56) {
        const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? el.tagName;
        small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return small;
  });
}

describe("read aloud and larger text", () => {
  it("reads the note, the material and the instructions, and larger text makes every target at least 56 px", async () => {
    const created = await h.createWorkshop("discretion");
    const fac = await openDoc(h.url, created.id, created.token);
    const boardId = addBoardActivity(fac.doc, { title: "Reflecting on the vignette", prompts: ["Holding"] });
    setBoardMaterial(fac.doc, boardId, MATERIAL);
    const holding = readWorkshop(fac.doc).activities.find((a) => a.id === boardId);
    const column = holding?.kind === "board" ? holding.columns[0]?.id : undefined;
    if (!column) throw new Error("the board has no column");
    setColumnInstructions(fac.doc, boardId, column as ColumnId, INSTRUCTIONS);
    const chart = readWorkshop(fac.doc).activities.find((a) => a.kind === "chart");
    if (!chart) throw new Error("the template has no chart");

    const { page } = await h.person("tablet-landscape");
    await page.addInitScript(() => {
      const said: { text: string; lang: string }[] = [];
      (window as unknown as { __spoken: typeof said }).__spoken = said;
      const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        said.push({ text: u.text, lang: u.lang });
        speak(u);
      };
    });
    await joinWithCode(page, created.joinCode, "Anna", LW);

    // Larger text, from the You menu: on at once, and remembered by the device.
    await page.getByText("You: Anna", { exact: true }).click();
    const larger = page.getByRole("switch", { name: /Larger text/ });
    await larger.click();
    await expect(larger.getAttribute("aria-checked")).resolves.toBe("true");
    await page.keyboard.press("Escape");
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    await expect(rootSize()).resolves.toBe("20px");

    // The scale: a note placed, opened and read aloud.
    await trayCard(page, "Location of meetings").tap();
    const placed = note(lane(page, LW), "Location of meetings", LW);
    await placed.tap();
    await page.getByRole("button", { name: "Read aloud: the note" }).click();
    await expect.poll(() => spoken(page)).toEqual([{ text: "Location of meetings", lang: "en" }]);
    // The facilitator makes it a Welsh workshop: the page stays English, the workshop's words are read in
    // Welsh (the template's words are English here; what matters is the voice the device is asked for).
    setMeta(fac.doc, { language: "cy" });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    await expect
      .poll(async () => {
        await page.getByRole("button", { name: "Read aloud: the note" }).click();
        return (await spoken(page)).at(-1);
      })
      .toEqual({ text: "Location of meetings", lang: "cy" });
    await page.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Read aloud: the activity's question and instructions" }).click();
    // The question in the workshop's language, then the app's own instruction in the page's.
    await expect.poll(async () => (await spoken(page)).at(-1)?.lang).toBe("en");
    const [question, instruction] = (await spoken(page)).slice(-2);
    expect(question?.lang).toBe("cy");
    expect(question?.text).toMatch(
      /^Which aspects of the link worker role are discretionary\? Place each aspect/,
    );
    expect(instruction?.text).toMatch(/^The scale goes from /);
    if (shots) await page.screenshot({ path: `${shots}/larger-scale.png` });
    expect(await smallTargets(page)).toEqual([]);

    // The chart: a note written, selected and read aloud.
    setCurrentActivity(fac.doc, chart.id as ActivityId);
    const pros = page.getByRole("region", { name: "Pros", exact: true });
    await pros.getByRole("button", { name: "Add a note to Pros" }).tap();
    const writing = pros.getByRole("textbox", { name: "Your note for Pros" });
    // Dictation: a plain writing area whose description says the keyboard's microphone works there.
    await expect(writing.getAttribute("aria-describedby")).resolves.toBeTruthy();
    await expect
      .poll(() =>
        writing.evaluate(
          (el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? "",
        ),
      )
      .toMatch(/speak instead of typing/);
    await writing.fill("Quicker for patients");
    await pros.getByRole("button", { name: "Add note", exact: true }).tap();
    await pros.getByRole("button", { name: "Done" }).tap();
    await pros.getByRole("button", { name: /^Quicker for patients/ }).tap();
    await pros.getByRole("button", { name: "Read aloud: the note Quicker for patients" }).tap();
    await expect
      .poll(async () => (await spoken(page)).at(-1))
      .toEqual({ text: "Quicker for patients", lang: "cy" });
    if (shots) await page.screenshot({ path: `${shots}/larger-chart.png` });
    expect(await smallTargets(page)).toEqual([]);

    // The prompt board: the material and a question's instructions.
    setCurrentActivity(fac.doc, boardId);
    await page.getByRole("button", { name: "Read aloud: the material" }).tap();
    await expect.poll(async () => (await spoken(page)).at(-1)).toEqual({ text: MATERIAL, lang: "cy" });
    await page.getByRole("button", { name: "Read aloud: instructions for Holding" }).tap();
    await expect.poll(async () => (await spoken(page)).at(-1)).toEqual({ text: INSTRUCTIONS, lang: "cy" });
    if (shots) await page.screenshot({ path: `${shots}/larger-board.png` });
    expect(await smallTargets(page)).toEqual([]);

    // The device remembers: after a reload the text is still larger.
    await page.reload();
    await page.getByRole("button", { name: "Read aloud: the material" }).waitFor();
    await expect(rootSize()).resolves.toBe("20px");
    // The switch is on the start and join pages too, where participants begin.
    await page.goto("/");
    const onStart = page.getByRole("switch", { name: /Larger text/ });
    await expect(onStart.getAttribute("aria-checked")).resolves.toBe("true");
    if (shots) await page.screenshot({ path: `${shots}/larger-start.png` });
    await onStart.click();
    await expect(rootSize()).resolves.toBe("16px");
    fac.close();
  });
});
