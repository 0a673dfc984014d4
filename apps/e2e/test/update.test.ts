/**
 * Issue 17: a new version of the app reaches a running workshop without breaking it. The page keeps the
 * version it started with; the offer "A new version is ready — Reload" waits until the activity on screen
 * changes, and hides while a note is being dragged. Reloading brings in the new version and the board.
 *
 * A new version is made as a deployment makes one: the server is stopped, the built app's service worker
 * changes, and the server starts again on the same address. This file runs its own server over a copy of the
 * build, so the shared build is never changed. Screenshots with `OFFLINE_SHOTS=<dir>`.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CreateWorkshopResponse } from "@continuum/protocol";
import { type RunningServer, startServer } from "@continuum/server";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { useHarness, webDir } from "../src/harness.ts";
import { joinWithCode, lane, openFacilitatorLink, until } from "../src/people.ts";

const h = useHarness();
const LW = "Link workers";
const shots = process.env.OFFLINE_SHOTS;

const copy = mkdtempSync(path.join(tmpdir(), "continuum-web-"));
const dataDir = mkdtempSync(path.join(tmpdir(), "continuum-update-"));
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.close();
  rmSync(copy, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const offer = (page: Page) => page.getByTestId("update-offer");

/** Waits until the page's service worker is active and answers its page loads. */
async function controlledBySw(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => (await navigator.serviceWorker.getRegistration())?.active?.state === "activated",
    undefined,
    { timeout: 30_000, polling: 200 },
  );
  await until(async () => (await page.reload())?.fromServiceWorker() === true, "a page load from the worker");
}

/** Asks the page's registration for a new version and waits until it is installed and waiting. */
async function newVersionWaiting(page: Page): Promise<void> {
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  await page.waitForFunction(
    async () => !!(await navigator.serviceWorker.getRegistration())?.waiting,
    undefined,
    { timeout: 30_000, polling: 200 },
  );
}

describe("a new version during a workshop", () => {
  it("is offered between activities, never during a drag, and a reload brings it in", async () => {
    cpSync(webDir, copy, { recursive: true });
    server = await startServer({ port: 0, host: "127.0.0.1", dataDir, webDir: copy, logLevel: "warn" });
    const port = server.port;
    const url = `http://127.0.0.1:${port}`;
    const res = await fetch(`${url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Link worker discretion", template: "discretion" }),
    });
    const workshop = (await res.json()) as CreateWorkshopResponse;

    const context = async (
      size: { width: number; height: number },
      touch: boolean,
    ): Promise<BrowserContext> =>
      h.browser.newContext({ viewport: size, hasTouch: touch, isMobile: touch, baseURL: url });
    const facContext = await context({ width: 1280, height: 900 }, false);
    const fac = await facContext.newPage();
    await openFacilitatorLink(fac, workshop);
    const tabletContext = await context({ width: 1024, height: 768 }, true);
    const anna = await tabletContext.newPage();
    await joinWithCode(anna, workshop.joinCode, "Anna", LW);
    const phoneContext = await context({ width: 390, height: 844 }, true);
    const pat = await phoneContext.newPage();
    await joinWithCode(pat, workshop.joinCode, "Pat", LW);
    for (const p of [anna, pat]) await controlledBySw(p);
    const firstWorker = await anna.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "");

    // A new version is deployed: the service worker's file changes (its precache list would, in a real build).
    await server.close();
    for (const name of ["sw.js.br", "sw.js.gz"]) rmSync(path.join(copy, name), { force: true });
    expect(existsSync(path.join(copy, "sw.js"))).toBe(true);
    appendFileSync(path.join(copy, "sw.js"), "\n// a new version\n");
    server = await startServer({ port, host: "127.0.0.1", dataDir, webDir: copy, logLevel: "warn" });

    // The tablets find it, but Anna and Pat are in the middle of the scale: nothing is offered yet.
    for (const p of [anna, pat]) await newVersionWaiting(p);
    await anna.waitForTimeout(500);
    await expect(offer(anna).count()).resolves.toBe(0);
    await expect(offer(pat).count()).resolves.toBe(0);

    // The facilitator moves everyone on to a chart: between activities, the offer appears.
    const bar = fac.getByRole("region", { name: "Run the activity" });
    await bar
      .getByRole("combobox", { name: "Chart pros and cons of" })
      .selectOption({ label: "Who can refer" });
    await bar.getByRole("button", { name: "Chart it with everyone" }).click();
    for (const p of [anna, pat]) {
      await p.getByRole("region", { name: /^Chart: / }).waitFor();
      await offer(p).filter({ hasText: "A new version is ready." }).waitFor();
    }
    if (shots) {
      await anna.screenshot({ path: `${shots}/update-tablet.png` });
      await pat.screenshot({ path: `${shots}/update-phone.png` });
    }

    // Anna writes a note and picks it up: while her finger holds it, the offer stays away.
    const pros = anna.getByRole("region", { name: "Pros", exact: true });
    await pros.getByRole("button", { name: "Add a note to Pros" }).tap();
    await pros.getByRole("textbox", { name: "Your note for Pros" }).fill("Quicker for patients");
    await pros.getByRole("button", { name: "Add note", exact: true }).tap();
    await pros.getByRole("button", { name: "Done" }).tap();
    const face = pros.getByRole("listitem").filter({ hasText: "Quicker for patients" });
    await face.waitFor();
    const box = await face.boundingBox();
    if (!box) throw new Error("the note is not on screen");
    const cdp = await tabletContext.newCDPSession(anna);
    const at = (x: number, y: number) => [{ x: Math.round(x), y: Math.round(y), id: 1 }];
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(cx, cy) });
    await anna.waitForTimeout(400);
    for (let i = 1; i <= 6; i++) {
      await cdp.send("Input.dispatchTouchEvent", {
        type: "touchMove",
        touchPoints: at(cx + i * 8, cy + i * 4),
      });
      await anna.waitForTimeout(16);
    }
    await offer(anna).waitFor({ state: "detached" });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await offer(anna).waitFor();

    // "Reload": the new version takes over, and the board is back with Anna's note.
    const reloaded = anna.waitForEvent("load");
    await offer(anna).getByRole("button", { name: "Reload" }).tap();
    await reloaded;
    await anna.getByRole("region", { name: /^Chart: / }).waitFor();
    await anna.getByText("Quicker for patients").first().waitFor();
    await until(
      async () =>
        anna.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return !!navigator.serviceWorker.controller && !reg?.waiting;
        }),
      "the new version in control",
    );
    await expect(offer(anna).count()).resolves.toBe(0);
    // The same worker file, now the new one (its address does not change between versions).
    expect(await anna.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "")).toBe(firstWorker);
    await expect(lane(anna, LW).count()).resolves.toBe(0);

    for (const c of [facContext, tabletContext, phoneContext]) await c.close();
  });
});
