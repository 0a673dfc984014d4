/**
 * The board people hold (issue 12): readable at every size, on every device. Measured from the boxes the
 * browser draws: no note covers another, none leaves its lane, the tray and the scale share the screen of a
 * landscape tablet, focus and announcements say what happened; and the February 2023 activity done by touch
 * on two tablets and a phone and by keyboard on a laptop at 200% zoom, photographed for docs/web.md.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addNote, DISCRETION_ASPECTS, readWorkshop, setRevealed } from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName, type WorkshopId } from "@continuum/protocol";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { joinWithCode, lane, seriousViolations, trayCard, until } from "../src/people.ts";
import { flushed, joinAs, openDoc, placeAspects, readWorkshopAs } from "../src/seed.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const here = path.dirname(fileURLToPath(import.meta.url));
const shotsDir =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.resolve(here, "../../../docs/screenshots")
    : process.env.SHOTS_DIR;

const h = useHarness();
const LW = "Link workers";
const PPI = "PPI contributors";
const ASPECTS = [...DISCRETION_ASPECTS];

type Device = "tablet-landscape" | "tablet-portrait" | "phone" | "laptop-200" | "laptop-400";
const VIEWPORTS: Record<Device, { width: number; height: number; scale: number; touch: boolean }> = {
  "tablet-landscape": { width: 1024, height: 768, scale: 2, touch: true },
  "tablet-portrait": { width: 768, height: 1024, scale: 2, touch: true },
  phone: { width: 390, height: 844, scale: 3, touch: true },
  // A 1280×800 laptop zoomed to 200% and 400%: the page lays out in half and a quarter of the CSS pixels.
  "laptop-200": { width: 640, height: 400, scale: 2, touch: false },
  "laptop-400": { width: 320, height: 200, scale: 4, touch: false },
};

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

async function device(kind: Device): Promise<Page> {
  const v = VIEWPORTS[kind];
  const context = await h.browser.newContext({
    viewport: { width: v.width, height: v.height },
    deviceScaleFactor: v.scale,
    hasTouch: v.touch,
    isMobile: v.touch,
    baseURL: h.url,
  });
  contexts.push(context);
  return context.newPage();
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), animations: "disabled", caret: "hide" });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

/** Every note's box in a lane, and the lane's own box, as the browser draws them. */
async function boxes(page: Page, group: string): Promise<{ lane: Box; notes: { text: string; box: Box }[] }> {
  return lane(page, group).evaluate((el) => {
    const r = (e: Element) => {
      const b = e.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    };
    return {
      lane: r(el),
      notes: [...el.querySelectorAll(".note")].map((n) => ({
        text: n.querySelector(".note-text")?.textContent ?? "",
        box: r(n),
      })),
    };
  });
}

function expectReadable(found: { lane: Box; notes: { text: string; box: Box }[] }, what: string): void {
  const { lane: l, notes } = found;
  for (let i = 0; i < notes.length; i++) {
    const a = notes[i] as (typeof notes)[number];
    expect(a.box.x, `${what}: "${a.text}" leaves its lane on the left`).toBeGreaterThanOrEqual(l.x);
    expect(a.box.x + a.box.width, `${what}: "${a.text}" leaves its lane on the right`).toBeLessThanOrEqual(
      l.x + l.width + 0.5,
    );
    expect(a.box.y + a.box.height, `${what}: "${a.text}" hangs out of its lane`).toBeLessThanOrEqual(
      l.y + l.height + 0.5,
    );
    for (let j = i + 1; j < notes.length; j++) {
      const b = notes[j] as (typeof notes)[number];
      expect(overlap(a.box, b.box), `${what}: "${a.text}" covers "${b.text}"`).toBe(false);
    }
  }
}

/** Whether a note's words are shown whole (never cut with an ellipsis or hidden overflow). */
async function labelsWhole(page: Page, group: string): Promise<string[]> {
  return lane(page, group).evaluate((el) =>
    [...el.querySelectorAll(".note-text")]
      .filter((t) => t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1)
      .map((t) => t.textContent ?? ""),
  );
}

async function checkAxe(page: Page, what: string): Promise<void> {
  const found = await seriousViolations(page, axeSource);
  expect(
    found.map((f) => `${f.impact} ${f.rule} (${f.help}): ${f.target} ${f.html.slice(0, 160)}`),
    `axe on ${what}`,
  ).toEqual([]);
}

interface Workshop {
  id: WorkshopId;
  code: string;
  facilitatorToken: string;
  scaleId: ActivityId;
  groups: Record<string, GroupId>;
}

async function newWorkshop(): Promise<Workshop> {
  const created = await h.createWorkshop("discretion");
  const w = await readWorkshopAs(h.url, created.id, created.token);
  const scale = w.activities.find((a) => a.kind === "scale");
  if (!scale) throw new Error("no scale");
  return {
    id: created.id,
    code: created.joinCode,
    facilitatorToken: created.token,
    scaleId: scale.id as ActivityId,
    groups: Object.fromEntries(w.groups.map((g) => [g.name, g.id])),
  };
}

async function reveal(w: Workshop): Promise<void> {
  const c = await openDoc(h.url, w.id, w.facilitatorToken);
  for (const g of Object.values(w.groups)) setRevealed(c.doc, w.scaleId, g, true);
  await flushed(h.url, w.id, w.facilitatorToken, (d) =>
    Object.values(w.groups).every((g) => readWorkshop(d).control.revealed[w.scaleId]?.includes(g)),
  );
  c.close();
}

describe("a scale that never hides a note", () => {
  it("30 notes within 10 points of each other: no two boxes overlap and none leaves its lane, on every device", async () => {
    const w = await newWorkshop();
    const who = await joinAs(h.url, w.code, "Seeder", LW);
    const docName = laneDocName(w.id, w.scaleId, who.group as GroupId);
    const seed = await openDoc(h.url, docName, who.token);
    const words = [
      "Meeting in the patient's own home when they would rather",
      "Being able to ring the link worker between sessions",
      "Short",
      "Who decides when the support ends",
    ];
    for (let i = 0; i < 30; i++) {
      addNote(seed.doc, {
        text: `${words[i % words.length]} ${i + 1}`,
        x: 40 + (i % 11),
        y: (i * 37) % 101,
        author: "Seeder",
      });
    }
    await flushed(h.url, docName, who.token, (d) => d.getMap("notes").size >= 30);
    seed.close();

    for (const kind of ["tablet-landscape", "tablet-portrait", "phone", "laptop-200"] as const) {
      const page = await device(kind);
      await joinWithCode(page, w.code, `Reader on ${kind}`, LW);
      await until(async () => (await boxes(page, LW)).notes.length === 30, `30 notes on the ${kind}`);
      expectReadable(await boxes(page, LW), kind);
      expect(await labelsWhole(page, LW), `cut labels on the ${kind}`).toEqual([]);
      await shoot(page, `readable-crowded-${kind}`);
      await page.close();
    }
  });
});

describe("the February 2023 scale on the devices people bring", () => {
  const landscapeTrayBeside = async (page: Page) => {
    const rail = await lane(page, LW).locator(".rail").boundingBox();
    const card = await trayCard(page, ASPECTS[0] as string).boundingBox();
    const vh = page.viewportSize()?.height ?? 0;
    return { rail, card, vh };
  };

  it("landscape tablet: the tray and the scale are both on screen; touch places all seven and an own note", async () => {
    const w = await newWorkshop();
    const page = await device("tablet-landscape");
    await joinWithCode(page, w.code, "Anna", LW);
    await trayCard(page, ASPECTS[0] as string).waitFor();
    const { rail, card, vh } = await landscapeTrayBeside(page);
    expect(rail, "the scale").not.toBeNull();
    expect(card, "the first card").not.toBeNull();
    expect((rail as Box).y + 40, "the scale's first row is on screen").toBeLessThan(vh);
    expect((card as Box).y + (card as Box).height, "the card is on screen").toBeLessThanOrEqual(vh);
    await shoot(page, "readable-tablet-landscape-start");
    await placeAllByTouch(page, "tablet-landscape");
    await addOwnNote(page, "Meeting somewhere the patient feels safe");
    await checkAxe(page, "the landscape tablet");
    expectReadable(await boxes(page, LW), "landscape tablet");
    await shoot(page, "readable-tablet-landscape");
  });

  it("portrait tablet and phone: placed by touch without scrolling during a drag", async () => {
    for (const kind of ["tablet-portrait", "phone"] as const) {
      const w = await newWorkshop();
      const page = await device(kind);
      await joinWithCode(page, w.code, "Ben", PPI);
      await trayCard(page, ASPECTS[0] as string).waitFor();
      await shoot(page, `readable-${kind}-start`);
      await placeAllByTouch(page, kind, PPI);
      await addOwnNote(page, "Knowing who to call when things change", PPI);
      await checkAxe(page, `the ${kind}`);
      expectReadable(await boxes(page, PPI), kind);
      await lane(page, PPI).evaluate((el) => el.scrollIntoView({ block: "start" }));
      await shoot(page, `readable-${kind}`);
    }
  });

  it("phone: the aspects as a list, each with its own slider, placed and moved by touch and by keys", async () => {
    const w = await newWorkshop();
    const page = await device("phone");
    await joinWithCode(page, w.code, "Gil", PPI);
    await trayCard(page, ASPECTS[0] as string).waitFor();
    await page.getByRole("button", { name: "Show as a list" }).click();
    for (const aspect of ASPECTS) {
      await page.getByRole("button", { name: `Place in the middle: ${aspect}` }).tap();
    }
    await page.getByRole("heading", { name: /^To place/ }).waitFor({ state: "hidden" });
    const sliders = page.getByRole("slider");
    expect(await sliders.count()).toBe(ASPECTS.length);
    // Each slider by touch, at a different place along its track; no drag across the screen.
    for (const [i, aspect] of ASPECTS.entries()) {
      const slider = page.getByRole("slider", { name: aspect });
      await slider.scrollIntoViewIfNeeded();
      const box = await slider.boundingBox();
      if (!box) throw new Error(`${aspect}: no slider`);
      expect(box.height, `${aspect}: the slider's target`).toBeGreaterThanOrEqual(44);
      const at = 5 + i * 15;
      // The thumb's centre runs from half a thumb in from each end.
      await page.touchscreen.tap(box.x + 22 + ((box.width - 44) * at) / 100, box.y + box.height / 2);
      await until(
        async () => Math.abs(Number(await slider.inputValue()) - at) <= 2,
        `${aspect} moved to about ${at}`,
      );
    }
    const first = page.getByRole("slider", { name: ASPECTS[0] as string });
    const before = Number(await first.inputValue());
    await first.focus();
    await page.keyboard.press("ArrowRight");
    await until(async () => Number(await first.inputValue()) === before + 1, "a key moved it by 1");
    const spoken = () =>
      page.evaluate(() => [...document.querySelectorAll("[aria-live]")].map((r) => r.textContent).join(" "));
    await until(
      async () => (await spoken()).includes(`${ASPECTS[0]} placed at ${before + 1} of 100`),
      "the rest announced",
    );
    // What the list wrote is the lane everyone else sees.
    const ppi = w.groups[PPI] as GroupId;
    await flushed(h.url, laneDocName(w.id, w.scaleId, ppi), w.facilitatorToken, (d) => {
      const notes = d.getMap("notes");
      return notes.size === ASPECTS.length;
    });
    await checkAxe(page, "the list on a phone");
    await shoot(page, "readable-phone-list");
    // The choice is this device's: kept after a reload; the scale is one tap away.
    await page.reload();
    await page.getByRole("slider", { name: ASPECTS[1] as string }).waitFor();
    await page.getByRole("button", { name: "Show on the scale" }).click();
    expectReadable(await boxes(page, PPI), "phone after the list");
  });

  it("laptop at 200% zoom: the header is one line, and the keyboard places everything", async () => {
    const w = await newWorkshop();
    const page = await device("laptop-200");
    await joinWithCode(page, w.code, "Cara", LW);
    const header = await page.locator("header.topbar").boundingBox();
    expect(header?.height ?? 999, "the header's height at 200% zoom").toBeLessThanOrEqual(60);
    for (const [i, aspect] of ASPECTS.entries()) {
      const card = trayCard(page, aspect);
      await card.focus();
      await page.keyboard.press("Enter");
      const placed = lane(page, LW).getByRole("button", { name: new RegExp(`^${aspect}, ${LW}, 50 of 100`) });
      await until(async () => placed.evaluate((el) => el === document.activeElement), `${aspect} focused`);
      for (let k = 0; k < i; k++) await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowDown");
    }
    await addOwnNote(page, "How long the support lasts");
    await checkAxe(page, "the laptop at 200% zoom");
    expectReadable(await boxes(page, LW), "laptop at 200%");
    await lane(page, LW).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "readable-laptop-200");
  });

  it("after the reveal each group is recognisable without colour: its initial and shape on every note", async () => {
    const w = await newWorkshop();
    await placeAspects(h.url, w.code, LW, [
      { aspect: "Location of meetings", x: 20 },
      { aspect: "Who can refer", x: 70 },
    ]);
    await placeAspects(h.url, w.code, PPI, [
      { aspect: "Location of meetings", x: 30 },
      { aspect: "Who can refer", x: 45 },
    ]);
    await reveal(w);
    const page = await device("tablet-landscape");
    await joinWithCode(page, w.code, "Dev", PPI);
    await lane(page, LW).locator(".note").first().waitFor();
    const marks = async (group: string) =>
      lane(page, group)
        .locator(".note .group-badge")
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute("data-shape")}|${e.getAttribute("data-initial")}`),
        );
    const lw = new Set(await marks(LW));
    const ppi = new Set(await marks(PPI));
    expect(lw.size, "one mark for every Link workers note").toBe(1);
    expect(ppi.size, "one mark for every PPI contributors note").toBe(1);
    const [a] = [...lw];
    const [b] = [...ppi];
    // A different shape and a different letter: no colour needed to tell them apart.
    expect(a?.split("|")[0]).not.toBe(b?.split("|")[0]);
    expect(a?.split("|")[1]).toBe("L");
    expect(b?.split("|")[1]).toBe("P");
    await checkAxe(page, "the board after the reveal");
    await shoot(page, "readable-revealed");
  });
});

describe("focus and announcements say what happened", () => {
  it("after a reveal, Enter on a tray card leaves focus on the card just placed, in the person's own lane", async () => {
    const w = await newWorkshop();
    await placeAspects(h.url, w.code, PPI, [{ aspect: "Who can refer", x: 80 }]);
    await reveal(w);
    const page = await device("tablet-landscape");
    await joinWithCode(page, w.code, "Eve", LW);
    await lane(page, PPI).locator(".note").first().waitFor();
    await trayCard(page, "Who can refer").focus();
    await page.keyboard.press("Enter");
    const own = lane(page, LW).getByRole("button", { name: /^Who can refer, Link workers, \d+ of 100/ });
    await until(async () => own.evaluate((el) => el === document.activeElement), "focus on the placed note");
    await page.keyboard.press("ArrowRight");
    await until(async () => (await own.getAttribute("data-x")) === "55", "the arrow moved the own note");
  });

  it("a touch drop is announced as placed at its new position", async () => {
    const w = await newWorkshop();
    const page = await device("tablet-landscape");
    await joinWithCode(page, w.code, "Fay", LW);
    const cdp = await page.context().newCDPSession(page);
    const shown = await dragCardTo(page, cdp, "Who can refer", LW, 30);
    // Whatever the page's live regions say now (the app's own and the drag library's).
    const spoken = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("[aria-live]")]
          .map((r) => r.textContent?.trim() ?? "")
          .filter(Boolean)
          .join(" | "),
      );
    await until(async () => /placed at \d+ of 100/.test(await spoken()), "announcement").catch(async (e) => {
      await shoot(page, "failed-touch-drop");
      throw new Error(`${e}; the live regions said: ${await spoken()}`);
    });
    const said = await spoken();
    expect(said).toMatch(/Who can refer placed at (2[5-9]|3[0-5]) of 100 towards set in stone\./);
    // The card under the finger showed, just before the lift, the value it was then placed at.
    expect(said).toContain(`placed at ${shown} of 100`);
    expect(said).not.toMatch(/put back/);
  });
});

describe("reflow at 400% zoom (WCAG 1.4.10)", () => {
  it("no sideways scrolling, and the board still works by keyboard", async () => {
    const w = await newWorkshop();
    await placeAspects(h.url, w.code, LW, [
      { aspect: "Location of meetings", x: 20 },
      { aspect: "Who can refer", x: 25 },
    ]);
    const page = await device("laptop-400");
    await joinWithCode(page, w.code, "Gus", LW);
    await lane(page, LW).locator(".note").first().waitFor();
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways, "pixels of sideways scrolling at 400%").toBeLessThanOrEqual(0);
    expectReadable(await boxes(page, LW), "400% zoom");
    const n = lane(page, LW).getByRole("button", { name: /^Who can refer, Link workers, \d+ of 100/ });
    await n.focus();
    await page.keyboard.press("ArrowRight");
    await until(async () => (await n.getAttribute("data-x")) === "30", "moved by keyboard at 400%");
    await trayCard(page, "Number of sessions").focus();
    await page.keyboard.press("Enter");
    await lane(page, LW)
      .getByRole("button", { name: /^Number of sessions, Link workers, 50 of 100/ })
      .waitFor();
    await checkAxe(page, "400% zoom");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, "readable-laptop-400");
  });
});

// ---------------------------------------------------------------------------------------------------------

/**
 * A finger drag of a tray card onto the lane at `x`: the lane's first row as the target, both on screen
 * before the finger goes down; the page must not scroll while the finger is on the glass.
 */
async function dragCardTo(
  page: Page,
  cdp: Awaited<ReturnType<BrowserContext["newCDPSession"]>>,
  aspect: string,
  group: string,
  x: number,
): Promise<number | null> {
  const card = trayCard(page, aspect);
  await card.scrollIntoViewIfNeeded();
  const railEl = lane(page, group).locator(".rail");
  // Bring the top of the scale on screen, above a tray docked at the bottom, if it is not (before the drag,
  // as a person would).
  let rail = await railEl.boundingBox();
  const side = await page.locator(".lane-side").first().boundingBox();
  // Beside the scale (a landscape tablet) the tray starts right of it; docked, it spans the scale's width.
  const docked = side !== null && rail !== null && side.x < rail.x + rail.width;
  const visibleBottom = docked && side ? side.y : (page.viewportSize()?.height ?? 0);
  if (!rail || rail.y < 0 || rail.y + 40 > visibleBottom) {
    await railEl.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -120));
    rail = await railEl.boundingBox();
  }
  const cardBox = await card.boundingBox();
  if (!rail || !cardBox) throw new Error(`${aspect} or the scale is not on screen`);
  const vh = page.viewportSize()?.height ?? 0;
  expect(cardBox.y + cardBox.height / 2, `${aspect} on screen`).toBeLessThan(vh);
  const to = { x: rail.x + (rail.width * x) / 100, y: Math.max(rail.y + 30, 10) };
  expect(to.y, "the scale on screen").toBeLessThan(vh);
  const from = { x: cardBox.x + cardBox.width / 2, y: cardBox.y + cardBox.height / 2 };
  const before = await page.evaluate(() => window.scrollY);
  const point = (p: { x: number; y: number }) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point(from) });
  await page.waitForTimeout(350);
  for (let i = 1; i <= 12; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 12, y: from.y + ((to.y - from.y) * i) / 12 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point(p) });
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(80);
  const during = await page.evaluate(() => window.scrollY);
  // The number the card under the finger shows: the one of the strip 0..100 inside its window.
  const shown = await page.evaluate(() => {
    const win = document.querySelector(".drag-card .tape-window")?.getBoundingClientRect();
    if (!win) return null;
    const inside = [...document.querySelectorAll(".drag-card .tape > span")].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= win.top - 1 && r.bottom <= win.bottom + 1;
    });
    return inside.length === 1 ? Number(inside[0]?.textContent) : null;
  });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  expect(during, "the page did not scroll during the drag").toBe(before);
  return shown;
}

async function placeAllByTouch(page: Page, kind: Device, group = LW): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (const [i, aspect] of ASPECTS.entries()) {
    const x = 5 + i * 15;
    await dragCardTo(page, cdp, aspect, group, x);
    await lane(page, group)
      .getByRole("button", { name: new RegExp(`^${aspect}, ${group}, \\d+ of 100`) })
      .waitFor({ timeout: 5000 })
      .catch(async () => {
        await shoot(page, `failed-${kind}-${i}`);
        throw new Error(`${aspect} was not placed by touch on the ${kind}`);
      });
  }
  await page.getByText("All the prepared aspects are on the scale.").waitFor();
}

async function addOwnNote(page: Page, text: string, group = LW): Promise<void> {
  await page.getByRole("button", { name: "Add a note of your own" }).click();
  await page.getByRole("textbox", { name: "What should the note say?" }).fill(text);
  await page.getByRole("dialog").getByRole("button", { name: "Put it on the scale" }).click();
  await lane(page, group)
    .getByRole("button", { name: new RegExp(`^${text}, ${group}, \\d+ of 100`) })
    .waitFor();
}
