/**
 * Scenario 6: after the session the facilitator downloads the results from the browser: the notes and the
 * comparison as CSV (made on the device) and the printable PDF report (made by the server).
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { openFacilitatorLink } from "../src/people.ts";
import { placeAspects } from "../src/seed.ts";

const h = useHarness();

/** Clicks a download button by its name and returns the saved file's name and bytes. */
async function download(page: Page, name: string): Promise<{ file: string; bytes: Buffer }> {
  const exports = page.getByRole("region", { name: "Download the results" });
  const [dl] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    exports.getByRole("button", { name }).click(),
  ]);
  const path = await dl.path();
  return { file: dl.suggestedFilename(), bytes: await readFile(path) };
}

describe("the facilitator's downloads", () => {
  it("notes and comparison as CSV, and the PDF report, hold both groups' positions", async () => {
    const workshop = await h.createWorkshop();
    await placeAspects(h.url, workshop.joinCode, "Link workers", [
      { aspect: "Location of meetings", x: 18 },
      { aspect: "Who can refer", x: 86 },
    ]);
    await placeAspects(h.url, workshop.joinCode, "PPI contributors", [
      { aspect: "Location of meetings", x: 62 },
    ]);
    const { page } = await h.person("desktop");
    await openFacilitatorLink(page, workshop);
    await page.getByRole("button", { name: "Download the results" }).click();
    await page.getByRole("heading", { name: "Download the results" }).waitFor();

    const notes = await download(page, "Notes (CSV)");
    expect(notes.file).toMatch(/\.csv$/);
    const rows = notes.bytes.toString("utf8").split(/\r?\n/);
    const row = (aspect: string, group: string) =>
      rows.find((r) => r.includes(aspect) && r.includes(group)) ?? "";
    expect(row("Location of meetings", "Link workers")).toMatch(/(^|,)18(,|$)/);
    expect(row("Location of meetings", "PPI contributors")).toMatch(/(^|,)62(,|$)/);
    expect(row("Who can refer", "Link workers")).toMatch(/(^|,)86(,|$)/);

    const comparison = await download(page, "Comparison (CSV)");
    const line = comparison.bytes
      .toString("utf8")
      .split(/\r?\n/)
      .find((r) => r.includes("Location of meetings"));
    expect(line).toMatch(/(^|,)18(,|$)/);
    expect(line).toMatch(/(^|,)62(,|$)/);

    const pdf = await download(page, "Report (PDF)");
    expect(pdf.file).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.bytes.length).toBeGreaterThan(2000);
  });
});
