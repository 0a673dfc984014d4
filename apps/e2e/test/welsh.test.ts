/**
 * Issue 17: the February 2023 flow in Welsh. The facilitator chooses Cymraeg with "Language / Iaith" on the
 * start page and creates the discretion workshop; a link worker's tablet follows its browser's languages
 * (cy-GB first) and joins in Welsh, places an aspect on the scale and moves it with the keys, both hearing the
 * position in Welsh; the facilitator opens a chart about the aspect from the cockpit, the link worker adds
 * a pro and the facilitator a note whose byline is Welsh ("Hwylusydd"). What people wrote (the workshop's title, the aspects, the groups, the note) stays as written.
 *
 * Screenshots of the start page, the board on a tablet and the cockpit with `WELSH_SHOTS=<dir>`.
 */
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { focusedName, until } from "../src/people.ts";

const h = useHarness();
const shots = process.env.WELSH_SHOTS;

const LW = "Link workers";
const ASPECT = "Location of meetings";

describe("in Welsh", () => {
  it("the February 2023 flow: join, place on the scale, chart", async () => {
    // The facilitator chooses Welsh on the start page.
    const fac = await h.person("desktop");
    await fac.page.goto("/");
    await fac.page.getByLabel("Language / Iaith").selectOption("cy");
    await fac.page.getByRole("heading", { name: "Dechrau gweithdy newydd" }).waitFor();
    await expect(fac.page.evaluate(() => document.documentElement.lang)).resolves.toBe("cy");
    if (shots) await fac.page.screenshot({ path: `${shots}/welsh-start.png`, fullPage: false });
    await fac.page.getByRole("button", { name: "Creu'r gweithdy" }).click();
    const spoken = fac.page.getByText(/^Cod y gweithdy: /);
    await spoken.waitFor();
    const code = ((await spoken.textContent()) ?? "").replace(/^Cod y gweithdy: /, "").replace(/\s+/g, "");
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    // A tablet whose browser puts Welsh first: the app is in Welsh from the first page.
    const anna = await h.person("tablet-landscape");
    await anna.page.addInitScript(() => {
      Object.defineProperty(navigator, "languages", { get: () => ["cy-GB", "en-GB"] });
    });
    const page = anna.page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Ymuno â gweithdy" }).waitFor();
    await page.getByRole("textbox", { name: /Cod y gweithdy/ }).fill(code);
    await page.getByRole("button", { name: "Nesaf" }).click();
    await page.getByRole("textbox", { name: /Eich enw/ }).fill("Anna");
    await page.getByRole("radio", { name: LW }).check();
    await page.getByRole("button", { name: "Ymuno", exact: true }).click();
    const lane = page.getByRole("region", { name: `Lôn ${LW}` });
    await lane.waitFor();

    // Tap the card: it goes to the middle, and the position is said in Welsh.
    await page.getByRole("button", { name: `Gosod ar y raddfa: ${ASPECT}` }).click();
    await page.getByText(`Gosodwyd ${ASPECT} ar 50 o 100 tuag at set in stone.`, { exact: false }).waitFor();
    const note = lane.getByRole("button", { name: new RegExp(`^${ASPECT}, ${LW}, \\d+ o 100`) });
    await note.waitFor();
    await note.focus();
    await page.keyboard.press("ArrowRight");
    await until(
      async () => (await focusedName(page)).includes("55 o 100 tuag at set in stone"),
      "moved to 55",
    );
    if (shots) await page.screenshot({ path: `${shots}/welsh-board-tablet.png` });

    // The facilitator sees it on the cockpit and opens a chart about it for everyone.
    await fac.page
      .getByRole("region", { name: `Lôn ${LW}` })
      .getByRole("button", { name: /, 55 o 100/ })
      .waitFor();
    await fac.page.getByLabel("Siartio manteision ac anfanteision").selectOption({ label: ASPECT });
    if (shots) await fac.page.screenshot({ path: `${shots}/welsh-cockpit.png` });
    await fac.page.getByRole("button", { name: "Ei siartio gyda phawb" }).click();
    await fac.page.getByText(`Mae pawb nawr ar y siart am “${ASPECT}”.`).waitFor();

    // The link worker is taken to the chart and adds a pro, in Welsh words around her own.
    const add = page.getByRole("button", { name: /^Ychwanegu nodyn at / }).first();
    await add.waitFor();
    await add.click();
    await page.getByRole("textbox", { name: /^Eich nodyn ar gyfer / }).fill("Closer to home");
    await page.getByRole("button", { name: "Ychwanegu nodyn", exact: true }).click();
    await page.getByText("Closer to home").waitFor();
    await fac.page.getByText("Closer to home").waitFor();

    // The facilitator adds one from the cockpit: on the tablet its byline is the catalogue's "Hwylusydd".
    await fac.page
      .getByRole("button", { name: /^Ychwanegu nodyn at / })
      .first()
      .click();
    await fac.page.getByRole("textbox", { name: /^Eich nodyn ar gyfer / }).fill("Costs to services");
    await fac.page.getByRole("button", { name: "Ychwanegu nodyn", exact: true }).click();
    const byline = page.locator(".chart-note", { hasText: "Costs to services" }).locator(".chart-note-by");
    await expect.poll(async () => (await byline.textContent()) ?? "").toMatch(/Hwylusydd$/);
    expect(await byline.textContent()).not.toMatch(/Facilitator/);
  });
});
