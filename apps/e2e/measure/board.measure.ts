/**
 * How the scale board feels on a slow tablet: a lane with 300 notes, at tablet size, with the CPU slowed
 * down four times (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`), measuring
 * - the time to open the board (navigation start until all 300 notes are on screen), on a device that has
 *   never opened it (nothing in IndexedDB) and again after a reload (the device's own copy first);
 * - frame times while a finger drags a note across the lane (requestAnimationFrame timestamps in the page).
 * Prints a Markdown table for docs/performance.md. Not a pass/fail test: the numbers depend on the machine.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { addNote, readWorkshop } from "@continuum/model";
import { type ActivityId, type GroupId, laneDocName } from "@continuum/protocol";
import type { CDPSession, Page } from "playwright-core";
import { it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { lane } from "../src/people.ts";
import { flushed, joinAs, openDoc } from "../src/seed.ts";

const NOTES = 300;
const CLIENTS = 3;
const THROTTLE = 4;
const RUNS = 3;
const LW = "Link workers";

const h = useHarness();

type TraceEvent = {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
};

/** Total time per event name on the renderer's threads, the 12 largest, to see what a slide spends its frames on. */
function summariseTrace(file: string): string {
  const { traceEvents } = JSON.parse(readFileSync(file, "utf8")) as { traceEvents: TraceEvent[] };
  const names = new Map<string, string>();
  for (const e of traceEvents)
    if (e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ""));
  const totals = new Map<string, Map<string, { ms: number; n: number }>>();
  for (const e of traceEvents) {
    if (e.ph !== "X" || e.dur === undefined) continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? "?";
    if (!/CrRendererMain|Compositor|VizCompositor|CrGpuMain|Raster/.test(thread)) continue;
    const byName = totals.get(thread) ?? new Map();
    totals.set(thread, byName);
    const t = byName.get(e.name) ?? { ms: 0, n: 0 };
    t.ms += e.dur / 1000;
    t.n++;
    byName.set(e.name, t);
  }
  const lines: string[] = [];
  for (const [thread, byName] of totals) {
    const top = [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
    lines.push(`${thread}: ${top.map(([n, t]) => `${n} ${t.ms.toFixed(0)} ms/${t.n}`).join(", ")}`);
  }
  return lines.join("\n");
}

/** A small deterministic generator, so every run seeds the same board. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);
const ms = (x: number): string => `${Math.round(x)} ms`;

/** What every trace records: the renderer's timeline (tasks, style, layout, paint). */
const TIMELINE = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink"];

/**
 * Starts a Chromium trace into `file` when one is asked for; the function it returns stops it and prints where
 * the renderer's threads spent it (open the file in DevTools' Performance panel for the whole of it).
 */
async function startTrace(
  page: Page,
  file: string | undefined,
  categories: string[],
): Promise<(label: string) => Promise<void>> {
  const browser = page.context().browser();
  if (!file || !browser) return async () => {};
  await browser.startTracing(page, { path: file, categories });
  return async (label) => {
    await browser.stopTracing();
    console.log(`${label}:\n${summariseTrace(file)}`);
  };
}

/** Starts the page's JavaScript profiler when `file` is given; the function it returns writes the profile. */
async function startProfile(cdp: CDPSession, file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return async () => {
    const { profile } = await cdp.send("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
  };
}

/** In the page, before anything runs: note when the lane first holds all the notes. */
const WATCH_NOTES = `(() => {
  const want = ${NOTES};
  const timer = setInterval(() => {
    if (document.querySelectorAll('[data-note-id][aria-roledescription="movable note"]').length >= want) {
      window.__allNotesAt = performance.now();
      clearInterval(timer);
    }
  }, 20);
})();`;

async function openBoard(page: Page, url: string | null): Promise<number> {
  if (url) await page.goto(url);
  else await page.reload();
  await page.waitForFunction(() => (window as unknown as { __allNotesAt?: number }).__allNotesAt, null, {
    timeout: 120_000,
    polling: 200,
  });
  return page.evaluate(() => (window as unknown as { __allNotesAt: number }).__allNotesAt);
}

it(`a lane with ${NOTES} notes on a tablet under ${THROTTLE}x CPU throttling`, async () => {
  const workshop = await h.createWorkshop();
  // Seed with real participants' clients: several devices of the group, each adding its share of notes.
  const random = mulberry32(2023);
  const seeders = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => joinAs(h.url, workshop.joinCode, `Seeder ${i + 1}`, LW)),
  );
  const first = seeders[0];
  if (!first) throw new Error("no seeder");
  const wdoc = await openDoc(h.url, first.workshopId, first.token);
  const scale = readWorkshop(wdoc.doc).activities.find((a) => a.kind === "scale");
  wdoc.close();
  if (!scale) throw new Error("no scale activity");
  const docName = laneDocName(first.workshopId, scale.id as ActivityId, first.group as GroupId);
  const started = Date.now();
  const clients = await Promise.all(seeders.map((s) => openDoc(h.url, docName, s.token)));
  for (let n = 0; n < NOTES; n++) {
    const c = clients[n % CLIENTS];
    if (!c) continue;
    addNote(c.doc, {
      text: `Note ${n + 1}: ${["choice", "rules", "time", "place", "people"][n % 5]}`,
      x: Math.round(random() * 100),
      y: Math.round(random() * 100),
      author: `Seeder ${(n % CLIENTS) + 1}`,
      colour: (["yellow", "pink", "blue", "green"] as const)[n % 4],
    });
  }
  await flushed(h.url, docName, first.token, (d) => d.getMap("notes").size >= NOTES);
  for (const c of clients) c.close();
  const seedMs = Date.now() - started;

  // The tablet: a participant of the same group, its session stored as the join page stores it.
  const reader = await joinAs(h.url, workshop.joinCode, "Tablet", LW);
  const { context, page } = await h.person("tablet-landscape");
  const session = {
    workshopId: reader.workshopId,
    token: reader.token,
    role: "participant",
    name: reader.name,
    group: reader.group,
    groupName: reader.groupName,
    joinCode: workshop.joinCode,
  };
  await context.addInitScript(
    `localStorage.setItem(${JSON.stringify(`continuum.session.${reader.workshopId}`)}, ${JSON.stringify(JSON.stringify(session))});\n${WATCH_NOTES}`,
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });

  const cold = await openBoard(page, `/w/${reader.workshopId}`);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // With MEASURE_TRACE and MEASURE_PROFILE, the last reload is traced and profiled too, to see what opening
    // the board spends its time on.
    const last = i === RUNS - 1;
    const trace = process.env.MEASURE_TRACE;
    const profile = process.env.MEASURE_PROFILE;
    const stopTrace = await startTrace(page, last && trace ? `${trace}.open.json` : undefined, [
      ...TIMELINE,
      "v8",
    ]);
    const stopProfile = await startProfile(cdp, last && profile ? `${profile}.open.cpuprofile` : undefined);
    warm.push(await openBoard(page, null));
    await stopProfile();
    await stopTrace("open again");
  }

  // Drags: a finger presses the note on top at a point of the lane, holds until it lifts (on a slow tablet
  // the 180 ms hold takes longer; a person waits for the card to lift too), slides a third of the way across
  // in 60 steps, and lets go. Frames are timed in the page with requestAnimationFrame, by phase.
  const moving: number[] = [];
  const pickUp: number[] = [];
  const drop: number[] = [];
  let moved = 0;
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", p?: { x: number; y: number }) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: p ? [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }] : [],
    });
  const mark = () => page.evaluate(() => performance.now());
  for (let i = 0; i < RUNS; i++) {
    // Bring the top of the lane under the top bar on screen first (before the finger goes down).
    await lane(page, LW)
      .locator(".rail")
      .evaluate((el) => {
        el.scrollIntoView({ block: "start" });
        window.scrollBy(0, -120);
      });
    const rail = await lane(page, LW).locator(".rail").boundingBox();
    if (!rail) throw new Error("no lane on screen");
    // A note in the lane's first rows, on screen: with notes laid out in rows (none covering another), a lane
    // of 300 notes is many screens tall, so a point a third of the way down it is off screen. The finger goes
    // on the middle of a note on screen, a different one each time, towards the left of the scale.
    const picked = await page.evaluate((nth) => {
      const onScreen = [...document.querySelectorAll<HTMLElement>(".lane .note")]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(
          ({ r }) =>
            r.top > 90 &&
            r.bottom < window.innerHeight - 10 &&
            r.left > 0 &&
            r.left < window.innerWidth * 0.5,
        )
        // The finger lands on this note, not on one drawn over it.
        .filter(
          ({ el, r }) =>
            document
              .elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
              ?.closest("[data-note-id]") === el,
        )
        .sort((a, b) => a.r.top - b.r.top || a.r.left - b.r.left);
      const hit = onScreen[Math.min(nth * 3, onScreen.length - 1)];
      return hit
        ? {
            id: hit.el.getAttribute("data-note-id"),
            x: hit.r.left + hit.r.width / 2,
            y: hit.r.top + hit.r.height / 2,
          }
        : null;
    }, i);
    const from = picked ? { x: picked.x, y: picked.y } : { x: rail.x, y: rail.y };
    const id = picked?.id;
    if (!id) throw new Error("no note under the finger");
    const target = page.locator(`[data-note-id="${id}"]`);
    const before = await target.getAttribute("aria-label");
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean };
      w.__frames = [];
      w.__recording = true;
      const tick = (t: number) => {
        w.__frames.push(t);
        if (w.__recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const pressed = await mark();
    await touch("touchStart", from);
    await page.waitForFunction(
      (noteId) => document.querySelector(`[data-note-id="${noteId}"].is-dragging`),
      id,
      {
        polling: 10,
        timeout: 30_000,
      },
    );
    const lifted = await mark();
    pickUp.push(lifted - pressed);
    const to = { x: from.x + rail.width / 3, y: from.y };
    // MEASURE_PROFILE=<file.cpuprofile>: the page's JavaScript profile of the first slide, to find what a
    // frame spends its time on (read it with bench/src/profile-summary.ts or Chromium's DevTools).
    const profileTo = i === 0 ? process.env.MEASURE_PROFILE : undefined;
    const metrics = async () => {
      const { metrics: list } = await cdp.send("Performance.getMetrics");
      return Object.fromEntries(list.map((m) => [m.name, m.value]));
    };
    // MEASURE_TRACE=<file.json>: a Chromium performance trace of the first slide, with what invalidated
    // style, layout and paint, and the compositor's side.
    const stopTrace = await startTrace(page, i === 0 ? process.env.MEASURE_TRACE : undefined, [
      ...TIMELINE,
      "disabled-by-default-devtools.timeline.frame",
      "disabled-by-default-devtools.timeline.invalidationTracking",
      "cc",
      "gpu",
      "viz",
    ]);
    if (profileTo) await cdp.send("Performance.enable");
    const metricsBefore = profileTo ? await metrics() : null;
    const stopProfile = await startProfile(cdp, profileTo);
    for (let k = 1; k <= 60; k++) {
      await touch("touchMove", { x: from.x + ((to.x - from.x) * k) / 60, y: from.y });
      await page.waitForTimeout(16);
    }
    await stopTrace("slide");
    await stopProfile();
    if (profileTo) {
      const after = await metrics();
      const d = (k: string) => (after[k] ?? 0) - (metricsBefore?.[k] ?? 0);
      console.log(
        `slide: ${d("LayoutCount")} layouts in ${(d("LayoutDuration") * 1000).toFixed(0)} ms, ` +
          `${d("RecalcStyleCount")} style recalcs in ${(d("RecalcStyleDuration") * 1000).toFixed(0)} ms, ` +
          `script ${(d("ScriptDuration") * 1000).toFixed(0)} ms, tasks ${(d("TaskDuration") * 1000).toFixed(0)} ms`,
      );
    }
    // MEASURE_SHOT=<file.png>: how the card under the finger looks at the end of the first slide.
    if (i === 0 && process.env.MEASURE_SHOT) await page.screenshot({ path: process.env.MEASURE_SHOT });
    // MEASURE_TRACE_DROP=<file.json>: a trace of the first letting go, to see what the drop's long frame does.
    const stopDropTrace = await startTrace(page, i === 0 ? process.env.MEASURE_TRACE_DROP : undefined, [
      ...TIMELINE,
      "disabled-by-default-devtools.timeline.invalidationTracking",
    ]);
    const stopDropProfile = await startProfile(cdp, profileTo ? `${profileTo}.drop.cpuprofile` : undefined);
    const letGo = await mark();
    await touch("touchEnd");
    await page.waitForFunction(
      (noteId) => !document.querySelector(`[data-note-id="${noteId}"].is-dragging`),
      id,
    );
    await page.waitForTimeout(300);
    const settled = await mark();
    await stopDropProfile();
    await stopDropTrace("drop");
    const stamps = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean };
      w.__recording = false;
      return w.__frames;
    });
    let longestDrop = 0;
    for (let k = 1; k < stamps.length; k++) {
      const a = stamps[k - 1] as number;
      const b = stamps[k] as number;
      if (a >= lifted && b <= letGo) moving.push(b - a);
      if (b > letGo && a < settled) longestDrop = Math.max(longestDrop, b - a);
    }
    drop.push(longestDrop);
    if ((await target.getAttribute("aria-label")) !== before) moved++;
  }
  const frames = moving;
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)}, ${NOTES} notes in one lane (seeded by ${CLIENTS} Yjs clients in ${ms(seedMs)}), Chromium ${page.context().browser()?.version()}, tablet landscape 1024x768 with touch, CPU throttled ${THROTTLE}x:`,
    "",
    "| what | value |",
    "|---|---|",
    `| open the board, first time on this device (nothing in IndexedDB) | ${ms(cold)} |`,
    `| open the board again (reload, own copy in IndexedDB), median of ${RUNS} | ${ms(median(warm))} (${warm.map(ms).join(", ")}) |`,
    `| press and hold until the note lifts (180 ms hold included), median | ${ms(median(pickUp))} (${pickUp.map(ms).join(", ")}) |`,
    `| frame time while the finger slides, p50 | ${ms(quantile(frames, 0.5))} |`,
    `| frame time while the finger slides, p95 | ${ms(quantile(frames, 0.95))} |`,
    `| frame time while the finger slides, worst | ${ms(Math.max(...frames))} |`,
    `| longest frame when the note is let go, median | ${ms(median(drop))} (${drop.map(ms).join(", ")}) |`,
    `| frames measured while sliding | ${frames.length} over ${RUNS} drags (${moved} of ${RUNS} notes landed at a new position) |`,
  ].join("\n");
  console.log(`\n${table}\n`);
});
