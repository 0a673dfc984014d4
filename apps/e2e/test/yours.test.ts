/**
 * The start page's "Your workshops": the report of a workshop this browser facilitates downloads from the
 * list, and closing one there (asked twice) closes it for everyone.
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";

const h = useHarness();

describe("your workshops", () => {
  it("downloads the report and closes a workshop from the start page", async () => {
    const { page } = await h.person("desktop");
    // The facilitator's downloads are saved through the browser's download: take it here.
    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await page.goto("/");
    const create = page.getByRole("region", { name: "Start a new workshop" });
    await create.getByRole("textbox", { name: "Workshop title" }).fill("Link worker discretion");
    await create.getByRole("button", { name: "Create the workshop" }).click();
    await page.getByRole("region", { name: "Run the activity" }).waitFor();
    await page.goto("/");
    const yours = page.getByRole("region", { name: "Your workshops" });
    await yours.getByRole("button", { name: "Download the report (PDF): Link worker discretion" }).click();
    await yours.getByText(/Downloaded .*\.pdf/).waitFor({ timeout: 30_000 });
    expect(downloads.some((name) => name.endsWith(".pdf"))).toBe(true);
    if (process.env.YOURS_SHOT) await yours.screenshot({ path: process.env.YOURS_SHOT });
    await yours.getByRole("button", { name: "Close: Link worker discretion" }).click();
    await yours.getByText("Nobody can join or change anything any more", { exact: false }).waitFor();
    await yours.getByRole("button", { name: "Close it: Link worker discretion" }).click();
    await yours.getByText("is closed. Its downloads still work.", { exact: false }).waitFor();
    await expect(yours.getByText("Closed", { exact: false }).count()).resolves.toBeGreaterThan(0);
  }, 60_000);
});
