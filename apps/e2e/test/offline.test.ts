/**
 * Issue 17: the installable, offline-first app. A tablet that is reloaded while the venue's Wi-Fi is down
 * opens the app from its service worker's cache and shows the workshop from its own copy (IndexedDB), says
 * so, takes changes, and sends them when the network returns. And the checks Chromium makes before it offers
 * to install an app (a manifest with a name, 192 and 512 px icons, standalone display and a start URL, and
 * a service worker controlling the page), asked of Chromium itself and checked one by one.
 *
 * Screenshots of the offline line with `OFFLINE_SHOTS=<dir>`.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import {
  connectionLine,
  joinWithCode,
  lane,
  note,
  openFacilitatorLink,
  trayCard,
  until,
} from "../src/people.ts";

const h = useHarness();
const LW = "Link workers";
const shots = process.env.OFFLINE_SHOTS;

/**
 * Waits until the service worker controls the page and answers its navigations. Chromium keeps the
 * registration apart for about a second after the worker activates (measured: 0.9 to 1.3 s), during which a
 * new navigation still goes to the network; a reload answered by the worker says that time is over.
 */
async function controlledBySw(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return !!navigator.serviceWorker.controller && reg?.active?.state === "activated";
    },
    undefined,
    { timeout: 30_000, polling: 200 },
  );
  await until(
    async () => (await page.reload())?.fromServiceWorker() === true,
    "a page load answered by the service worker",
  );
}

/** The sentence under the top bar that says what offline means. */
const offlineNotice = (page: Page) =>
  page.getByTestId("offline-notice").filter({
    hasText:
      "No connection. This is the copy saved on this device. Anything you change is saved here too, and shared with everyone when the connection returns.",
  });

/** Every URL in the page's Cache Storage. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) urls.push(req.url);
    }
    return urls;
  });
}

describe("a tablet reloaded with no network", () => {
  it("opens from its own copy, says it is offline, takes a change and sends it when the network returns", async () => {
    const workshop = await h.createWorkshop();
    const anna = await h.person("tablet-landscape");
    const sam = await h.person("desktop");
    await joinWithCode(anna.page, workshop.joinCode, "Anna", LW);
    await joinWithCode(sam.page, workshop.joinCode, "Sam", LW);
    await trayCard(anna.page, "Location of meetings").tap();
    await note(lane(sam.page, LW), "Location of meetings", LW).waitFor();
    await controlledBySw(anna.page);

    // The Wi-Fi goes, and the tablet is reloaded (or its tab discarded, or opened from the home screen).
    await anna.context.setOffline(true);
    await anna.page.reload();
    await note(lane(anna.page, LW), "Location of meetings", LW).waitFor();
    await connectionLine(anna.page)
      .filter({ hasText: /^Offline\.$/ })
      .waitFor();
    await offlineNotice(anna.page).waitFor();
    if (shots) await anna.page.screenshot({ path: `${shots}/offline-tablet.png` });

    // Anna places another card: it is kept on the tablet, and the line counts it.
    await trayCard(anna.page, "Number of sessions").tap();
    await note(lane(anna.page, LW), "Number of sessions", LW).waitFor();
    await connectionLine(anna.page)
      .filter({ hasText: /^Offline\. 1 change waiting, kept on this device\./ })
      .waitFor();
    await sam.page.waitForTimeout(1000);
    await expect(note(sam.page, "Number of sessions", LW).count()).resolves.toBe(0);

    // Back online: the change goes out by itself; Sam and the server have it.
    await anna.context.setOffline(false);
    await connectionLine(anna.page)
      .filter({ hasText: /^Connected/ })
      .waitFor({ timeout: 20_000 });
    await note(lane(sam.page, LW), "Number of sessions", LW).waitFor();
    const lee = await h.person("desktop");
    await joinWithCode(lee.page, workshop.joinCode, "Lee", LW);
    await note(lane(lee.page, LW), "Number of sessions", LW).waitFor();

    // The cache holds the app only: no API answer, no socket, no address with a key, token or query.
    const urls = await cachedUrls(anna.page);
    expect(urls.some((u) => new URL(u).pathname === "/index.html")).toBe(true);
    for (const u of urls) {
      const { pathname, searchParams } = new URL(u);
      expect(pathname).not.toMatch(/^\/(api|sync|healthz)(\/|$)/);
      expect([...searchParams.keys()].filter((k) => k !== "__WB_REVISION__")).toEqual([]);
    }

    // Launched from the home screen (the manifest's start URL), the app opens into the last workshop.
    await anna.page.goto("/?from=home-screen");
    await note(lane(anna.page, LW), "Number of sessions", LW).waitFor();
    expect(new URL(anna.page.url()).pathname).toBe(`/w/${workshop.id}`);
  });

  it("on a phone too, the line says it plainly", async () => {
    const workshop = await h.createWorkshop();
    const context = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      baseURL: h.url,
    });
    const page = await context.newPage();
    await joinWithCode(page, workshop.joinCode, "Pat", LW);
    await controlledBySw(page);
    await context.setOffline(true);
    await page.reload();
    await lane(page, LW).waitFor();
    await connectionLine(page)
      .filter({ hasText: /^Offline\.$/ })
      .waitFor();
    const notice = offlineNotice(page);
    await notice.waitFor();
    if (shots) await page.screenshot({ path: `${shots}/offline-phone.png` });
    // The sentence is readable in full on a phone: it wraps within the screen's width.
    const box = await notice.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await context.close();
  });
});

describe("the facilitator's laptop reloaded with no network", () => {
  it("opens the cockpit from its own copy with the offline line, and reconnects", async () => {
    const workshop = await h.createWorkshop();
    const { page, context } = await h.person("desktop");
    await openFacilitatorLink(page, workshop);
    await controlledBySw(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "Run the activity" }).waitFor();
    await offlineNotice(page).waitFor();
    await lane(page, LW).waitFor();
    await context.setOffline(false);
    await connectionLine(page)
      .filter({ hasText: /^Connected/ })
      .waitFor({ timeout: 20_000 });
  });
});

describe("installable", () => {
  it("has what Chromium asks of an installable app", async () => {
    const { page, context } = await h.person("desktop");
    await page.goto("/");
    await controlledBySw(page);

    // Chromium's own verdict (what its install prompt and Lighthouse use): no installability errors.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    // "in-incognito" is the test's own doing: each person is a fresh off-the-record browser context.
    expect(installabilityErrors.map((e) => e.errorId).filter((e) => e !== "in-incognito")).toEqual([]);

    // And the same rules one by one, so a failure says which.
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");
    const res = await page.request.get(href ?? "");
    expect(res.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toBe("Continuum");
    expect(manifest.short_name.length).toBeGreaterThan(0);
    expect(manifest.display).toBe("standalone");
    expect(manifest.start_url).toBe("/?from=home-screen");
    for (const size of [192, 512]) {
      const icon = manifest.icons.find(
        (i) =>
          i.sizes === `${size}x${size}` && i.type === "image/png" && (i.purpose ?? "any").includes("any"),
      );
      expect(icon, `a ${size} px icon`).toBeDefined();
      const png = await page.request.get(icon?.src ?? "");
      expect(png.headers()["content-type"]).toBe("image/png");
      const bytes = await png.body();
      // A PNG's IHDR holds its width and height at bytes 16 and 20.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);

    // A service worker with a fetch handler controls the page: it answers a navigation with no network.
    const sw = await page.request.get("/sw.js");
    expect(sw.headers()["cache-control"]).toBe("no-cache");
    await context.setOffline(true);
    await page.goto("/w/some-workshop-this-device-never-joined");
    await page.getByRole("heading", { name: "Join this workshop first" }).waitFor();
    await context.setOffline(false);
  });

  it("leaves the API and addresses with a key to the network, never the cached app", async () => {
    const { page, context } = await h.person("desktop");
    await page.goto("/");
    await controlledBySw(page);
    await context.setOffline(true);
    // Offline, a navigation the worker must not answer fails as the network does, instead of the app.
    for (const path of ["/api/workshops", "/healthz", "/w/abc?key=secret"]) {
      const failed = await page.goto(path).then(
        () => false,
        () => true,
      );
      expect(failed, path).toBe(true);
    }
    await context.setOffline(false);
    await until(async () => (await page.goto("/"))?.ok() === true, "the start page online again");
  });
});
