/**
 * Scenario 7: what a person meets when the code or the link is wrong. Always a sentence they can act on and
 * a way on, never a blank page.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { openFacilitatorLink } from "../src/people.ts";

const h = useHarness();

/** The page is not blank: it has a heading and some words a person can read. */
async function notBlank(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  const words = ((await page.locator("body").textContent()) ?? "").trim();
  expect(words.length).toBeGreaterThan(20);
}

describe("wrong codes and links", () => {
  it("a join code that does not exist says so, and offers to enter another", async () => {
    const { page } = await h.person("tablet-portrait");
    await page.goto("/");
    await page.getByRole("textbox", { name: /Workshop code/ }).fill("ZZZ999");
    await page.getByRole("button", { name: "Next" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "There is no open workshop with that code. Check the code and try again." })
      .waitFor();
    await notBlank(page);
    await page.getByRole("button", { name: "Enter a different code" }).click();
    await page.getByRole("textbox", { name: /Workshop code/ }).waitFor();
  });

  it("a code that cannot be one (typed from a QR link by hand, say) says what a code looks like", async () => {
    const { page } = await h.person("desktop");
    await page.goto("/join/abc");
    await page
      .getByRole("alert")
      .filter({ hasText: "Codes have 6 letters and numbers, like ABC234." })
      .waitFor();
    await notBlank(page);
  });

  it("a wrong facilitator link says the link is not valid", async () => {
    const workshop = await h.createWorkshop();
    const { page } = await h.person("desktop");
    await page.goto(`/w/${workshop.id}#key=not-the-key&code=${workshop.joinCode}`);
    await page.getByRole("heading", { name: "We could not open this workshop" }).waitFor();
    await page
      .getByRole("alert")
      .filter({ hasText: "This link is not valid any more. Ask the facilitator for a new link." })
      .waitFor();
    await page.getByRole("button", { name: "Go to the start page" }).waitFor();
    // A link to a workshop that does not exist at all.
    await page.goto(`/w/nosuchworkshop123#key=${workshop.facilitatorKey}`);
    await page.getByRole("alert").filter({ hasText: "There is no workshop at this link." }).waitFor();
  });

  it("a revoked facilitator link: the link is refused, and a device still holding its session is told", async () => {
    const workshop = await h.createWorkshop();
    const facilitator = await h.person("desktop");
    await openFacilitatorLink(facilitator.page, workshop);

    // The link leaked; the key is replaced and every token issued so far revoked (as the server does it).
    const record = await h.server.store.getWorkshop(workshop.id);
    if (!record) throw new Error("no workshop record");
    await h.server.store.updateWorkshop(workshop.id, {
      facilitatorKeyHash: "0".repeat(64),
      tokenVersion: record.tokenVersion + 1,
    });

    // Someone opening the old link now.
    const other = await h.person("desktop");
    await other.page.goto(`/w/${workshop.id}#key=${encodeURIComponent(workshop.facilitatorKey)}`);
    await other.page
      .getByRole("alert")
      .filter({ hasText: "This link is not valid any more. Ask the facilitator for a new link." })
      .waitFor();
    await notBlank(other.page);

    // The facilitator's own device, which kept its session: on its next connection it is told in words.
    await facilitator.page.reload();
    await facilitator.page
      .getByRole("alert")
      .filter({ hasText: "This link is no longer valid. Ask the facilitator for a new one." })
      .waitFor();
    const words = ((await facilitator.page.locator("body").textContent()) ?? "").trim();
    expect(words.length).toBeGreaterThan(20);
  });

  it("an address that is no page of the app says so", async () => {
    const { page } = await h.person("desktop");
    await page.goto("/nothing/here");
    await page.getByRole("heading", { name: "This page does not exist" }).waitFor();
    await page.getByRole("button", { name: "Go to the start page" }).click();
    await page.getByRole("heading", { name: "Continuum" }).waitFor();
  });

  it("a board this device has not joined asks for the code", async () => {
    const workshop = await h.createWorkshop();
    const { page } = await h.person("tablet-landscape");
    await page.goto(`/w/${workshop.id}`);
    await page.getByRole("heading", { name: "Join this workshop first" }).waitFor();
    await page.getByRole("button", { name: "Enter the code" }).click();
    await page.getByRole("textbox", { name: /Workshop code/ }).waitFor();
  });
});
