/**
 * Issue 17, a note written for someone else (OWN-4): members unsure of writing say their thought aloud and
 * the facilitator or a neighbour types it for them. On the chart of the February 2023 meeting the
 * facilitator writes a note for Amira of the PPI contributors; Anna, a link worker on a tablet, writes one for
 * a neighbour in her own group who gives no name. Pat, on a phone, sees both credited to the right group and
 * person, with who typed them; once the workshop is anonymous, no name at all, only the group and that it was
 * written for someone. The notes CSV carries the new columns. axe finds nothing serious on the editor.
 *
 * Screenshots of the editor and the notes at 1024×768 and 390×844 with `WRITTEN_FOR_SHOTS=<dir>`.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { readWorkshop, setCurrentActivity, setMeta } from "@continuum/model";
import type { ActivityId, CreateWorkshopResponse } from "@continuum/protocol";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, openFacilitatorLink, seriousViolations } from "../src/people.ts";
import { openDoc } from "../src/seed.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const h = useHarness();
const shots = process.env.WRITTEN_FOR_SHOTS;
const PATIENCE = 20_000;

const LW = "Link workers";
const PPI = "PPI contributors";
const FOR_AMIRA = "The bus to the surgery takes an hour";
const FOR_NEIGHBOUR = "I would not know who to ask";

const chart = (p: Page): Locator => p.getByRole("region", { name: /^Chart: / });
const column = (p: Page, title: string): Locator =>
  chart(p).getByRole("region", { name: title, exact: true });
const noteIn = (p: Page, title: string, text: string): Locator =>
  chart(p)
    .getByRole("list", { name: `Notes in ${title}` })
    .getByRole("listitem")
    .filter({ hasText: text });
/** One CSV line's cells (RFC 4180 quoting; no line breaks inside the cells of this workshop). */
const cellsOf = (line: string): string[] =>
  [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => {
    const v = m[1] ?? "";
    return v.startsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v;
  });
/** A note's byline ("From …" to a screen reader) and the quiet line under it. */
const byline = (n: Locator) => n.locator(".chart-note-by");
const scribe = (n: Locator) => n.locator(".chart-note-scribe");

describe("a note written for someone else", () => {
  it("the facilitator writes for Amira in another group, a participant for a neighbour; others see the credit, names hidden when anonymous; the CSV has the columns", async () => {
    // A workshop that shows names, so the names can be seen, then hidden.
    const res = await fetch(`${h.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Link worker discretion", template: "discretion", showNames: true }),
    });
    const created = (await res.json()) as CreateWorkshopResponse;
    const control = await openDoc(h.url, created.id, created.token);
    const chartActivity = readWorkshop(control.doc).activities.find((a) => a.kind === "chart");
    if (!chartActivity) throw new Error("the template has a chart");

    const fac = await h.person("desktop");
    const fp = fac.page;
    await openFacilitatorLink(fp, created);
    const anna = await h.person("tablet-landscape");
    const ap = anna.page;
    await joinWithCode(ap, created.joinCode, "Anna", LW);
    const phone = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      baseURL: h.url,
    });
    const pp = await phone.newPage();
    await joinWithCode(pp, created.joinCode, "Pat", PPI);
    setCurrentActivity(control.doc, chartActivity.id as ActivityId);
    for (const p of [ap, pp]) await chart(p).waitFor({ timeout: PATIENCE });
    await fp
      .getByRole("navigation", { name: "Agenda" })
      .getByRole("button", { name: new RegExp(chartActivity.title) })
      .first()
      .click();
    await chart(fp).waitFor({ timeout: PATIENCE });

    // The facilitator: "Writing for someone else?" opens the person's name and their group.
    const fPros = column(fp, "Pros");
    await fPros.getByRole("button", { name: "Add a note to Pros" }).click();
    await fPros.getByText("Writing for someone else?").click();
    await fPros.getByRole("textbox", { name: "Their note for Pros" }).fill(FOR_AMIRA);
    await fPros.getByRole("textbox", { name: "Their name (optional)" }).fill("Amira");
    // Without a group the note waits and says why.
    await fPros.getByRole("button", { name: "Add note", exact: true }).click();
    await fPros.getByRole("alert").getByText("Choose their group").waitFor();
    await fPros.getByRole("radio", { name: PPI }).check();
    await fPros.getByRole("button", { name: "Add note", exact: true }).click();
    await noteIn(fp, "Pros", FOR_AMIRA).waitFor({ timeout: PATIENCE });

    // Anna, for a neighbour who would rather not give a name: her own group, shown, not chosen.
    const aCons = column(ap, "Cons");
    await aCons.getByRole("button", { name: "Add a note to Cons" }).tap();
    await aCons.getByText("Writing for someone else?").tap();
    await aCons.getByText(`Their group: ${LW}`).waitFor();
    await expect(aCons.getByRole("radio").count()).resolves.toBe(0);
    await aCons.getByRole("textbox", { name: "Their note for Cons" }).fill(FOR_NEIGHBOUR);
    const found = await seriousViolations(ap, axeSource);
    expect(found.map((f) => `${f.impact} ${f.rule}: ${f.target}`)).toEqual([]);
    if (shots) await ap.screenshot({ path: `${shots}/written-for-editor-1024x768.png`, fullPage: true });
    await aCons.getByRole("button", { name: "Add note", exact: true }).tap();

    // Pat's phone: each credited to its group (and Amira by name), with who typed it.
    const amira = noteIn(pp, "Pros", FOR_AMIRA);
    await byline(amira).getByText(`Amira, ${PPI}`).waitFor({ timeout: PATIENCE });
    await expect(scribe(amira).textContent()).resolves.toBe("Written by the facilitator");
    const neighbour = noteIn(pp, "Cons", FOR_NEIGHBOUR);
    await expect.poll(() => byline(neighbour).textContent(), { timeout: PATIENCE }).toBe(`From ${LW}`);
    await expect(scribe(neighbour).textContent()).resolves.toBe("Written for someone by Anna");
    if (shots) {
      await neighbour.scrollIntoViewIfNeeded();
      await pp.screenshot({ path: `${shots}/written-for-notes-390x844.png` });
      await ap.screenshot({ path: `${shots}/written-for-notes-1024x768.png` });
      await pp.getByRole("button", { name: "Add a note to Pros" }).tap();
      await column(pp, "Pros").getByText("Writing for someone else?").tap();
      await column(pp, "Pros")
        .getByRole("textbox", { name: "Their name (optional)" })
        .scrollIntoViewIfNeeded();
      await pp.screenshot({ path: `${shots}/written-for-editor-390x844.png`, fullPage: true });
    }
    const phoneFound = await seriousViolations(pp, axeSource);
    expect(phoneFound.map((f) => `${f.impact} ${f.rule}: ${f.target}`)).toEqual([]);

    // Anonymous: no name on anyone else's screen, only the group and that it was written for someone.
    setMeta(control.doc, { anonymous: true });
    await expect.poll(() => byline(amira).textContent(), { timeout: PATIENCE }).toBe(`From ${PPI}`);
    await expect(scribe(amira).textContent()).resolves.toBe("Written for someone by the facilitator");
    await expect(scribe(neighbour).textContent()).resolves.toBe("Written for someone");
    await expect(
      chart(pp)
        .getByText(/Amira|Anna/)
        .count(),
    ).resolves.toBe(0);
    if (shots) {
      await pp.screenshot({ path: `${shots}/written-for-anonymous-390x844.png` });
      // The same phone in Welsh, to see the longer words fit.
      await pp.evaluate(() => localStorage.setItem("continuum.language", "cy"));
      await pp.reload();
      await pp.getByText("Ysgrifennwyd ar ran rhywun", { exact: true }).waitFor({ timeout: PATIENCE });
      await pp.getByRole("button", { name: "Ychwanegu nodyn at Pros" }).tap();
      await pp.getByText("Ysgrifennu ar ran rhywun arall?").tap();
      await pp.screenshot({ path: `${shots}/written-for-welsh-390x844.png`, fullPage: true });
    }

    // The notes CSV, from the facilitator's downloads: the columns, and no names now.
    await fp.getByRole("button", { name: "Download the results" }).click();
    const [dl] = await Promise.all([
      fp.waitForEvent("download", { timeout: 60_000 }),
      fp
        .getByRole("region", { name: "Download the results" })
        .getByRole("button", { name: "Notes (CSV)" })
        .click(),
    ]);
    const csv = (await readFile(await dl.path())).toString("utf8").replace(/^\uFEFF/, "");
    const [columns = [], ...rows] = csv.split("\r\n").filter(Boolean).map(cellsOf);
    expect(columns.slice(-4)).toEqual(["written_for", "scribe_kind", "scribe", "scribe_participant_id"]);
    const cell = (text: string, name: string) => rows.find((r) => r.includes(text))?.[columns.indexOf(name)];
    expect(cell(FOR_AMIRA, "scribe_kind")).toBe("facilitator");
    expect(cell(FOR_AMIRA, "group")).toBe(PPI);
    expect(cell(FOR_NEIGHBOUR, "scribe_kind")).toBe("participant");
    expect(cell(FOR_NEIGHBOUR, "scribe_participant_id")).toMatch(/^p[a-z0-9]+$/);
    expect(csv).not.toMatch(/Amira|Anna/);
    control.close();
  });
});
