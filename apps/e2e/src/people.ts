/**
 * What the people in the room do, in the words of the screen: every element is found by its role and
 * accessible name, as a screen reader or switch user would find it.
 */
import type { CDPSession, Locator, Page } from "playwright-core";

/** Polls until `check` passes (Playwright's auto-waiting, for conditions that are not one locator). */
export async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Facilitator: creates the discretion workshop from the start page. Returns the join code shown. */
export async function createWorkshopThroughStartPage(page: Page, title?: string): Promise<string> {
  await page.goto("/");
  const create = page.getByRole("region", { name: "Start a new workshop" });
  if (title) await create.getByRole("textbox", { name: "Workshop title" }).fill(title);
  await create.getByRole("button", { name: "Create the workshop" }).click();
  await page.getByRole("heading", { name: "Run the activity" }).waitFor();
  return joinCodeShown(page);
}

/** The join code as the cockpit's rail (or the room screen) announces it ("Workshop code: A B C 2 3 4"). */
export async function joinCodeShown(page: Page): Promise<string> {
  const spoken = page.getByText(/^Workshop code: /);
  await spoken.waitFor();
  const text = (await spoken.textContent()) ?? "";
  return text.replace(/^Workshop code: /, "").replace(/\s+/g, "");
}

/** Participant: types the code on the start page, gives a name and picks a group. */
export async function joinWithCode(page: Page, code: string, name: string, group: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("textbox", { name: /Workshop code/ }).fill(code);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("textbox", { name: /Your name/ }).fill(name);
  await page.getByRole("radio", { name: group }).check();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await lane(page, group).waitFor();
}

/** A group's lane on the scale board. */
export const lane = (page: Page, group: string): Locator =>
  page.getByRole("region", { name: `${group} lane` });

/** The card of a prepared aspect in the tray. */
export const trayCard = (page: Page, aspect: string): Locator =>
  page.getByRole("button", { name: `Place on the scale: ${aspect}` });

/** A note on a lane, by its words and group; its accessible name ends with its position. */
export const note = (scope: Page | Locator, aspect: string, group: string): Locator =>
  scope.getByRole("button", {
    name: new RegExp(`^${escapeRegExp(aspect)}, ${escapeRegExp(group)}, \\d+ of 100`),
  });

/** The position a note announces: "Location of meetings, Link workers, 70 of 100 towards set in stone" → 70. */
export async function announcedPosition(n: Locator): Promise<number> {
  const name = (await n.getAttribute("aria-label")) ?? "";
  const m = / (\d+) of 100/.exec(name);
  if (!m) throw new Error(`no position in the note's name: ${name}`);
  return Number(m[1]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The connection line in the top bar (a polite status region). */
export const connectionLine = (page: Page): Locator =>
  page.getByRole("status").filter({ hasText: /^(Connected|Connecting|Reconnecting|Offline)/ });

/**
 * Where on the screen a scale value of a lane is: the lane's rail spans 0..100. Geometry needs a box, and the
 * rail has no role of its own (it is the lane's drawing surface), so it is found inside the lane by class.
 */
export async function pointOnScale(page: Page, group: string, x: number): Promise<{ x: number; y: number }> {
  const rail = lane(page, group).locator(".rail");
  const box = await rail.boundingBox();
  if (!box) throw new Error(`the ${group} lane's scale is not on screen`);
  return { x: box.x + (box.width * x) / 100, y: box.y + box.height / 2 };
}

/**
 * A finger drag with real touch events (Chrome DevTools Protocol): press, hold still past the app's 180 ms
 * hold, slide in small steps, lift. `beforeLift` runs just before the finger leaves the glass, for timing.
 */
export async function touchDrag(
  page: Page,
  cdp: CDPSession,
  from: { x: number; y: number },
  to: { x: number; y: number },
  opts: { holdMs?: number; steps?: number; beforeLift?: () => void | Promise<void> } = {},
): Promise<void> {
  const point = (p: { x: number; y: number }) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point(from) });
  await page.waitForTimeout(opts.holdMs ?? 400);
  const steps = opts.steps ?? 12;
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point(p) });
    await page.waitForTimeout(16);
  }
  // Rest on the target for a moment, as a finger does, so the last move is measured before the lift.
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point(to) });
  await page.waitForTimeout(100);
  await opts.beforeLift?.();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** Drags a tray card by touch onto a lane at scale position `x`; returns the position the person aimed at. */
export async function touchPlace(
  page: Page,
  cdp: CDPSession,
  aspect: string,
  group: string,
  x: number,
  beforeLift?: () => void | Promise<void>,
): Promise<void> {
  const card = trayCard(page, aspect);
  await card.scrollIntoViewIfNeeded();
  const box = await card.boundingBox();
  if (!box) throw new Error(`the card ${aspect} is not on screen`);
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const to = await pointOnScale(page, group, x);
  await touchDrag(page, cdp, from, to, beforeLift ? { beforeLift } : {});
}

/** One element that fails one axe rule. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  html: string;
}

/** Runs axe-core in the page; returns every element failing a serious or critical rule. */
export async function seriousViolations(page: Page, axeSource: string): Promise<AxeFinding[]> {
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
    return axe.run();
  });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact ?? "",
        help: v.help,
        target: n.target.join(" "),
        html: n.html,
      })),
    );
}

interface AxeResults {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[]; html: string }[];
  }[];
}

/** Facilitator: opens their private link (as created through the API) on this device. */
export async function openFacilitatorLink(
  page: Page,
  workshop: { id: string; facilitatorKey: string; joinCode: string; observerKey?: string },
): Promise<void> {
  const observer = workshop.observerKey ? `&observer=${encodeURIComponent(workshop.observerKey)}` : "";
  await page.goto(
    `/w/${workshop.id}#key=${encodeURIComponent(workshop.facilitatorKey)}&code=${workshop.joinCode}${observer}`,
  );
  await page.getByRole("heading", { name: "Run the activity" }).waitFor();
}

/** The name of the element that has keyboard focus (its aria-label, or its text). */
export const focusedName = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
  });

/** Presses Tab until the focused element's name matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, name: string | RegExp, max = 80): Promise<number> {
  const matches = (n: string) => (typeof name === "string" ? n === name : name.test(n));
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    if (matches(await focusedName(page))) return i;
  }
  throw new Error(`${max} presses of Tab never reached ${name}`);
}
