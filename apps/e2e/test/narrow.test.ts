/**
 * Nothing runs off a phone (WCAG 1.4.10 reflow): the top bars, the cockpit's run bar and its "More" menu, and
 * the agenda and downloads dialogs, in Welsh (longer words than English) and with "Larger text" on (a quarter
 * larger, every target 56 px), measured as boxes in the real browser: no element past the viewport's right
 * (or left) edge, no button whose words are cut inside it, no page that scrolls sideways. On a phone the
 * cockpit's bar is compact, so its board starts on the first screen, and every action is still there, in
 * "More", by touch and by keyboard; a dialog's title stays its largest words. The participant's top bar is
 * checked on a phone and on a portrait tablet too.
 *
 * Screenshots with NARROW_SHOTS=<dir>.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { openFacilitatorLink } from "../src/people.ts";
import { joinAs } from "../src/seed.ts";

const h = useHarness();
const shots = process.env.NARROW_SHOTS;
const LW = "Link workers";

type Lang = "en" | "cy";
/** The words the test looks for, in each language (the app's catalogues, apps/web/src/i18n). */
const WORDS = {
  en: {
    agenda: "Edit the agenda and meeting",
    downloadsButton: "Download the results",
    downloads: "Downloads",
    close: "Close",
    more: "More",
    showAll: "Show all groups",
    allShown: "Every group's lane is shown to everyone.",
    lock: "Lock: stop all changes",
    compare: "Compare the groups",
    chartIt: "Chart it with everyone",
    startTimer: "Start timer",
    startIndividual: "Start with an individual round",
    you: "You",
  },
  cy: {
    agenda: "Golygu'r agenda a'r cyfarfod",
    downloadsButton: "Lawrlwytho'r canlyniadau",
    downloads: "Lawrlwythiadau",
    close: "Cau",
    more: "Mwy",
    showAll: "Dangos pob grŵp",
    allShown: "Mae lôn pob grŵp yn cael ei dangos i bawb.",
    lock: "Cloi: atal pob newid",
    compare: "Cymharu'r grwpiau",
    chartIt: "Ei siartio gyda phawb",
    startTimer: "Dechrau'r amserydd",
    startIndividual: "Dechrau gyda rownd unigol",
    you: "Chi",
  },
} as const;

const PHONE = { width: 390, height: 844 };
const PORTRAIT = { width: 768, height: 1024 };

/** A device with this language and text size chosen before the first page (as the device keeps them). */
async function device(
  browser: Browser,
  size: { width: number; height: number },
  lang: Lang,
  larger: boolean,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: size,
    isMobile: true,
    hasTouch: true,
    baseURL: h.url,
  });
  await context.addInitScript(
    ([l, big]) => {
      localStorage.setItem("continuum.language", l as string);
      if (big) localStorage.setItem("continuum.largerText", "1");
    },
    [lang, larger] as const,
  );
  return context.newPage();
}

/**
 * What does not fit inside `selector` on this screen: elements whose box passes the viewport's left or right
 * edge, and buttons, menus and selects whose own words are wider than they are (cut). The viewport is the
 * one the device was given: a phone's browser widens its layout to fit a page that is too wide.
 */
function misfits(page: Page, selector: string): Promise<string[]> {
  const width = page.viewportSize()?.width ?? 0;
  return page.evaluate(
    ([sel, vw]) => {
      const found: string[] = [];
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ")[0]}` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
      for (const root of document.querySelectorAll(sel)) {
        for (const el of [root, ...root.querySelectorAll("*")]) {
          if (el.closest(".sr-only, details:not([open]) > :not(summary)")) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (getComputedStyle(el).visibility === "hidden") continue;
          if (r.right > vw + 0.5 || r.left < -0.5)
            found.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
          if (el.tagName === "SELECT" && el.scrollWidth > el.clientWidth + 1)
            found.push(`${describe(el)} cuts its words: ${el.scrollWidth} in ${el.clientWidth}`);
          // A button squeezed narrower than its words shows them cut at its edge, or jammed against it:
          // its visible words must fit inside its padding.
          if (/^(BUTTON|SUMMARY)$/.test(el.tagName)) {
            const cs = getComputedStyle(el);
            const left = r.left + Number.parseFloat(cs.borderLeftWidth) + Number.parseFloat(cs.paddingLeft);
            const right =
              r.right - Number.parseFloat(cs.borderRightWidth) - Number.parseFloat(cs.paddingRight);
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (!n.textContent?.trim() || n.parentElement?.closest(".sr-only")) continue;
              const words = document.createRange();
              words.selectNodeContents(n);
              const t = words.getBoundingClientRect();
              if (t.width > 0 && (t.right > right + 1 || t.left < left - 1))
                found.push(
                  `${describe(el)} cuts its words: ${Math.round(t.left)}..${Math.round(t.right)} in ${Math.round(left)}..${Math.round(right)}`,
                );
            }
          }
        }
      }
      if (document.documentElement.scrollWidth > vw + 0.5)
        found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} wide`);
      return found;
    },
    [selector, width] as const,
  );
}

/** Pairs of the top bar's parts that cover each other (a title squeezed under the connection line). */
function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parts = [
      ...document.querySelectorAll(
        "header.topbar > *, header.topbar .topbar-title > *, header.topbar .topbar-own > *",
      ),
    ].filter((el) => !el.matches(".topbar-title, .topbar-own"));
    const boxes = parts
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const found: string[] = [];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1)
          found.push(
            `"${a.el.textContent?.trim().slice(0, 20)}" covers "${b.el.textContent?.trim().slice(0, 20)}"`,
          );
      }
    }
    return found;
  });
}

/** Controls smaller than `min` px either way inside `selector`. */
function smallTargets(page: Page, selector: string, min: number): Promise<string[]> {
  return page.evaluate(
    ([sel, m]) => {
      const small: string[] = [];
      const targets = "button, summary, select, input, [role='switch']";
      for (const root of document.querySelectorAll(sel)) {
        for (const el of root.querySelectorAll<HTMLElement>(targets)) {
          if (el.closest(".sr-only, details:not([open]) > :not(summary)")) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (r.width < m || r.height < m)
            small.push(
              `"${el.textContent?.trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
            );
        }
      }
      return small;
    },
    [selector, min] as const,
  );
}

/**
 * The open dialog's headings that are as large as its title or larger (by computed font size): its title
 * must be the largest words in it, its sections' headings a step below.
 */
function headingsNotBelowTitle(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const dialog = document.querySelector("dialog[open]");
    const title = dialog?.querySelector(".dialog-head h2");
    if (!dialog || !title) return ["no open dialog with a title"];
    const size = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);
    return [...dialog.querySelectorAll("h1, h2, h3, h4, h5, h6")]
      .filter((h) => h !== title && size(h) >= size(title))
      .map((h) => `"${h.textContent?.trim()}" ${size(h)}px, title ${size(title)}px`);
  });
}

const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
};

describe("narrow screens, Welsh and larger text", () => {
  const cases: { lang: Lang; larger: boolean }[] = [
    { lang: "cy", larger: false },
    { lang: "en", larger: true },
    { lang: "cy", larger: true },
  ];

  for (const { lang, larger } of cases) {
    const tag = `${lang}${larger ? "-larger" : ""}`;
    const w = WORDS[lang];
    const target = larger ? 56 : 44;

    it(`the cockpit on a phone (${tag}): nothing runs off, the board starts on the first screen, every action in "More"`, async () => {
      const created = await h.createWorkshop("discretion");
      const page = await device(h.browser, PHONE, lang, larger);
      await page.goto(
        `/w/${created.id}#key=${encodeURIComponent(created.facilitatorKey)}&code=${created.joinCode}`,
      );
      const bar = page.locator("section.run-bar");
      await bar.waitFor();
      await page.locator(".cockpit-board .lane").first().waitFor();
      await shoot(page, `cockpit-phone-${tag}`);

      expect(await misfits(page, "header.topbar"), "the cockpit's top bar").toEqual([]);
      expect(await overlaps(page), "the cockpit's top bar").toEqual([]);
      expect(await misfits(page, "section.run-bar"), "the run bar").toEqual([]);
      expect(await smallTargets(page, "header.topbar, section.run-bar", target)).toEqual([]);
      // The board starts on the first screen: the bar is compact.
      const board = await page.locator(".cockpit-board").boundingBox();
      expect(board?.y ?? 9999, "the board's top").toBeLessThan(PHONE.height - 200);

      // "More" holds everything else, and what it does is said outside it.
      const more = bar.locator("summary", { hasText: w.more });
      await more.tap();
      const menu = bar.locator(".bar-more-panel");
      for (const name of [w.lock, w.startTimer, w.showAll, w.compare, w.chartIt, w.startIndividual]) {
        await expect(menu.getByRole("button", { name, exact: true }).isVisible(), name).resolves.toBe(true);
      }
      await shoot(page, `cockpit-phone-more-${tag}`);
      expect(await misfits(page, ".bar-more-panel"), "the More menu").toEqual([]);
      expect(await smallTargets(page, ".bar-more-panel", target)).toEqual([]);
      await menu.getByRole("button", { name: w.showAll, exact: true }).tap();
      await bar.getByRole("status").getByText(w.allShown).waitFor();
      // A tap outside closes it; so does Escape, giving focus back to "More".
      await page.locator("header.topbar .topbar-title").tap();
      await expect(menu.isVisible()).resolves.toBe(false);
      await more.focus();
      await page.keyboard.press("Enter");
      await expect(menu.isVisible()).resolves.toBe(true);
      await page.keyboard.press("Tab");
      await expect(
        page.evaluate(() => document.activeElement?.closest(".bar-more-panel") !== null),
        "Tab goes into the menu",
      ).resolves.toBe(true);
      await page.keyboard.press("Escape");
      await expect(menu.isVisible()).resolves.toBe(false);
      await expect(more.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

      // The agenda dialog: its title wraps beside "Close", which keeps its words.
      await page.getByRole("button", { name: w.agenda, exact: true }).tap();
      const dialog = page.getByRole("dialog", { name: w.agenda });
      await dialog.waitFor();
      await shoot(page, `agenda-phone-${tag}`);
      expect(await misfits(page, "dialog[open]"), "the agenda dialog").toEqual([]);
      expect(await headingsNotBelowTitle(page), "the agenda dialog's headings").toEqual([]);
      const close = dialog.getByRole("button", { name: w.close, exact: true });
      const box = await close.boundingBox();
      expect(box && box.width >= target && box.height >= target, `${w.close} is a whole target`).toBe(true);
      await close.tap();

      // The downloads dialog: its sections' headings are smaller than its title.
      await page.getByRole("button", { name: w.downloadsButton, exact: true }).tap();
      const downloads = page.getByRole("dialog", { name: w.downloads });
      await downloads.locator("section.exports").waitFor();
      await shoot(page, `downloads-phone-${tag}`);
      expect(await misfits(page, "dialog[open]"), "the downloads dialog").toEqual([]);
      expect(await headingsNotBelowTitle(page), "the downloads dialog's headings").toEqual([]);
      await downloads.getByRole("button", { name: w.close, exact: true }).tap();
      await page.context().close();
    });

    it(`a participant's top bar on a phone and a portrait tablet (${tag})`, async () => {
      const created = await h.createWorkshop("discretion");
      for (const [where, size] of [
        ["phone", PHONE],
        ["portrait", PORTRAIT],
      ] as const) {
        const joined = await joinAs(h.url, created.joinCode, "Anna", LW);
        const page = await device(h.browser, size, lang, larger);
        await page.goto(
          `/w/${created.id}#participant=${joined.participantId}&pkey=${encodeURIComponent(joined.participantKey)}&code=${created.joinCode}`,
        );
        await page.locator(".lane").first().waitFor();
        await shoot(page, `participant-${where}-${tag}`);
        expect(await misfits(page, "header.topbar"), `the top bar (${where})`).toEqual([]);
        expect(await overlaps(page), `the top bar (${where})`).toEqual([]);
        expect(await smallTargets(page, "header.topbar", target)).toEqual([]);
        // The You menu's panel opens on the screen wherever its button lands.
        await page.locator("header.topbar summary", { hasText: new RegExp(`^${w.you}`) }).tap();
        await page.locator(".you-panel").waitFor();
        expect(await misfits(page, ".you-panel"), `the You menu (${where})`).toEqual([]);
        await page.context().close();
      }
    });
  }

  it("the facilitator's wide screen keeps the whole bar (no More menu)", async () => {
    const created = await h.createWorkshop("discretion");
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: h.url });
    const page = await context.newPage();
    await openFacilitatorLink(page, created);
    const bar = page.getByRole("region", { name: "Run the activity" });
    await expect(bar.locator("summary").count()).resolves.toBe(0);
    await expect(bar.getByRole("button", { name: "Show all groups" }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
