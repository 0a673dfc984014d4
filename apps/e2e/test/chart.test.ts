/**
 * Scenario 5, the chart of the February 2023 meeting: after the two groups have placed their aspects on the
 * scale, the facilitator (desktop) opens the pros, cons and implications chart of one aspect from the compare
 * view and brings everyone to it. Two participants from different groups (Anna on a tablet held upright,
 * Pat at a desktop) fill it together as a mixed group; each sees the other's notes, signed with the group in
 * words, within a few seconds. Pat moves a note to another column with the keyboard. The facilitator opens a
 * vote with two dots each; Anna and Pat place their dots (Anna takes one back and moves it); the counts stay
 * hidden from them until the facilitator shows them, and then each column sorts by dots in the right order.
 *
 * Everything is found by role and accessible name; every wait polls with room to spare, since the machine
 * running this may have two busy cores.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../src/harness.ts";
import { createWorkshopThroughStartPage, focusedName, joinWithCode, lane, note } from "../src/people.ts";
import { placeAspects } from "../src/seed.ts";

const h = useHarness();

const LW = "Link workers";
const PPI = "PPI contributors";
const ASPECT = "Who can refer";
/** The template's chart linked to "Who can refer". */
const CHART = "Pros, cons and implications";
const ABOUT = "Patients may refer themselves";
/** "Within a few seconds": how long a note may take to reach the other participant's screen. */
const FEW_SECONDS = 5_000;
/** How long anything else may take on a loaded machine. */
const PATIENCE = 20_000;

// The notes, by who writes them and where.
const A1 = "People can come to a link worker without seeing a GP first"; // Anna, Pros
const A2 = "Practices need to tell patients they can refer themselves"; // Anna, Implications
const P1 = "People who find the surgery hard to reach still get help"; // Pat, Pros
const P2 = "Waiting lists may grow"; // Pat, Cons
const P3 = "Link workers may get more people than they can see"; // Pat, Pros, then moved to Cons

const board = (p: Page): Locator => p.getByRole("region", { name: `Chart: ${CHART}` });
const column = (p: Page, title: string): Locator =>
  board(p).getByRole("region", { name: title, exact: true });
const notesIn = (p: Page, title: string): Locator =>
  board(p).getByRole("list", { name: `Notes in ${title}` });
const noteIn = (p: Page, title: string, text: string): Locator =>
  notesIn(p, title).getByRole("listitem").filter({ hasText: text });

/** A note's face, which selects it: its actions (Move, Edit, Remove, dots) show only on the selected note. */
const face = (p: Page, text: string): Locator =>
  board(p)
    .locator(".chart-note-body")
    .filter({ has: p.getByText(text, { exact: true }) });

/** The notes of a column, top to bottom, as the texts of `known` they contain. */
async function order(p: Page, title: string, known: readonly string[]): Promise<string[]> {
  const items = await notesIn(p, title).getByRole("listitem").allTextContents();
  return items.map((item) => known.find((k) => item.includes(k)) ?? `(other: ${item.slice(0, 40)})`);
}

/** Polls a value until it passes, for as long as anything may take here. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: PATIENCE, interval: 100 });

/** A note's byline that names exactly this (read as "From Link workers"). */
const byline = (note: Locator, exactly: string): Locator =>
  note.locator(".chart-note-by").filter({ hasText: new RegExp(`^(From )?${exactly}$`) });

/** Any dot count a participant could read on the board ("1 dot", "3 dots"). */
const countsShown = (p: Page): Locator => board(p).getByText(/^\d+ dots?$/);

describe("the chart of one aspect, filled by a mixed group and voted on", () => {
  it("the facilitator opens the chart from the compare view; notes, a keyboard move, dots hidden then shown and sorted", async () => {
    const started = Date.now();
    const fac = await h.person("desktop");
    const fp = fac.page;
    const code = await createWorkshopThroughStartPage(fp);

    const anna = await h.person("tablet-portrait");
    const pat = await h.person("desktop");
    const ap = anna.page;
    const pp = pat.page;
    await joinWithCode(ap, code, "Anna", LW);
    await joinWithCode(pp, code, "Pat", PPI);

    // The scale, done: each group has placed the aspects (written by Node clients that joined like a tablet).
    await placeAspects(h.url, code, LW, [
      { aspect: ASPECT, x: 20 },
      { aspect: "Location of meetings", x: 30 },
    ]);
    await placeAspects(h.url, code, PPI, [
      { aspect: ASPECT, x: 75 },
      { aspect: "Location of meetings", x: 45 },
    ]);
    await note(lane(ap, LW), ASPECT, LW).waitFor({ timeout: PATIENCE });
    await note(lane(pp, PPI), ASPECT, PPI).waitFor({ timeout: PATIENCE });

    // The facilitator reveals the lanes, compares, and opens the chart of the aspect the groups disagree on.
    await note(lane(fp, PPI), ASPECT, PPI).waitFor({ timeout: PATIENCE });
    await fp.getByRole("button", { name: "Show all groups" }).click();
    await fp.getByRole("button", { name: "Compare the groups" }).click();
    const compare = fp.getByRole("region", { name: "Compare the groups" });
    const row = compare.getByRole("listitem").filter({ hasText: ASPECT });
    await row.getByText("Gap: 55").waitFor({ timeout: PATIENCE });
    await row.getByRole("button", { name: `Chart pros and cons: ${ASPECT}` }).click();
    await board(fp).getByText(ABOUT).waitFor({ timeout: PATIENCE });
    // Only the facilitator is there so far: the participants are still on the scale.
    await expect(board(ap).count()).resolves.toBe(0);
    await fp.getByRole("button", { name: "Bring everyone to this activity" }).click();
    await fp.getByRole("button", { name: "Everyone is on this activity" }).waitFor();

    for (const p of [ap, pp]) {
      await board(p).getByText(ABOUT).waitFor({ timeout: PATIENCE });
      await p.getByRole("navigation", { name: "Agenda" }).getByText(`Now: ${CHART}`).waitFor();
      await column(p, "Implications").getByRole("button", { name: "Add a note to Implications" }).waitFor();
    }

    /**
     * Writes a note in a column (Anna with her finger, Pat with the mouse) and returns how long it took to
     * appear, signed with the writer's group, on the other participant's screen. The workshop is anonymous
     * (the default, ANON-1): others see the group only; the writer sees their own name too.
     */
    const write = async (
      who: { page: Page; name: string; group: string; touch: boolean },
      other: Page,
      columnTitle: string,
      text: string,
    ): Promise<number> => {
      const col = column(who.page, columnTitle);
      const press = (l: Locator) => (who.touch ? l.tap() : l.click());
      await press(col.getByRole("button", { name: `Add a note to ${columnTitle}` }));
      await col.getByRole("textbox", { name: `Your note for ${columnTitle}` }).fill(text);
      const sent = Date.now();
      await press(col.getByRole("button", { name: "Add note", exact: true }));
      const seen = noteIn(other, columnTitle, text);
      await byline(seen, who.group).waitFor({ timeout: FEW_SECONDS });
      const took = Date.now() - sent;
      await expect(seen.getByText(`${who.name}, ${who.group}`).count()).resolves.toBe(0);
      await press(col.getByRole("button", { name: "Done" }));
      // The writer's own screen says who wrote it too.
      await noteIn(who.page, columnTitle, text).getByText(`${who.name}, ${who.group}`).waitFor();
      return took;
    };
    const annaWrites = { page: ap, name: "Anna", group: LW, touch: true };
    const patWrites = { page: pp, name: "Pat", group: PPI, touch: false };
    const latencies = [
      await write(annaWrites, pp, "Pros", A1),
      await write(patWrites, ap, "Pros", P1),
      await write(patWrites, ap, "Cons", P2),
      await write(annaWrites, pp, "Implications", A2),
      await write(patWrites, ap, "Pros", P3),
    ];
    console.log(`scenario 5: notes reached the other participant in ${latencies.join(", ")} ms`);
    // The facilitator's screen has them all, with the groups in words (and no names: anonymous).
    await byline(noteIn(fp, "Implications", A2), LW).waitFor({ timeout: PATIENCE });
    await byline(noteIn(fp, "Pros", P3), PPI).waitFor({ timeout: PATIENCE });

    // Pat sees that P3 is a con: he moves it to the next column with the keyboard (focus the note, which shows
    // its actions, then its Move button, arrow right). Focus stays on the note, the move is announced, and
    // Anna's tablet shows it under Cons.
    await expect(
      noteIn(pp, "Pros", P3)
        .getByRole("button", { name: `Move note: ${P3}`, exact: true })
        .count(),
    ).resolves.toBe(0);
    await face(pp, P3).focus();
    await noteIn(pp, "Pros", P3)
      .getByRole("button", { name: `Move note: ${P3}`, exact: true })
      .focus();
    await pp.keyboard.press("ArrowRight");
    await board(pp).getByText(`Moved “${P3}” to Cons, 2 of 2.`).waitFor({ timeout: PATIENCE });
    await poll(() => focusedName(pp)).toBe(`Move note: ${P3}`);
    await noteIn(ap, "Cons", P3).waitFor({ timeout: PATIENCE });
    await poll(() => noteIn(ap, "Pros", P3).count()).toBe(0);
    expect(await order(ap, "Pros", [A1, P1, P3])).toEqual([A1, P1]);
    expect(await order(ap, "Cons", [P2, P3])).toEqual([P2, P3]);

    // No voting yet: nobody has dots to place.
    await expect(
      board(ap)
        .getByRole("button", { name: /^Add a dot/ })
        .count(),
    ).resolves.toBe(0);

    // The facilitator opens a vote with two dots each.
    const voting = fp.getByRole("region", { name: `Dot voting on ${CHART}` });
    await voting.getByRole("spinbutton", { name: "Dots per person" }).fill("2");
    await voting.getByRole("button", { name: "Open voting" }).click();
    await voting.getByText(/Voting is open\. Counts are hidden from participants\./).waitFor();

    for (const p of [ap, pp]) {
      await board(p)
        .getByText(
          "Dot voting is open. You have 2 of 2 dots left. Counts are hidden until the facilitator shows them.",
        )
        .waitFor({ timeout: PATIENCE });
    }
    const dot = (p: Page, text: string) =>
      board(p).getByRole("button", { name: `Add a dot to: ${text}`, exact: true });
    const undot = (p: Page, text: string) =>
      board(p).getByRole("button", { name: `Take back a dot from: ${text}`, exact: true });
    const mine = (p: Page, column: string, text: string) =>
      noteIn(p, column, text).getByText(/^Your dots here: \d+$/);

    // Anna: one dot on P1, one on A1; a third is refused; she takes the one on A1 back and puts it on P3.
    // Each time she first taps the note, which shows its dot buttons.
    await face(ap, P1).tap();
    await dot(ap, P1).tap();
    await poll(() => mine(ap, "Pros", P1).textContent()).toBe("Your dots here: 1");
    await face(ap, A1).tap();
    await dot(ap, A1).tap();
    await board(ap).getByText("You have 0 of 2 dots left.", { exact: false }).waitFor();
    await face(ap, P2).tap();
    await dot(ap, P2).tap();
    await board(ap).getByText("You have used all 2 of your dots. Take one back to move it.").waitFor();
    await poll(() => mine(ap, "Cons", P2).textContent()).toBe("Your dots here: 0");
    await face(ap, A1).tap();
    await undot(ap, A1).tap();
    await board(ap).getByText("You have 1 of 2 dots left.", { exact: false }).waitFor();
    await poll(() => mine(ap, "Pros", A1).textContent()).toBe("Your dots here: 0");
    await face(ap, P3).tap();
    await dot(ap, P3).tap();
    await poll(() => mine(ap, "Cons", P3).textContent()).toBe("Your dots here: 1");

    // Pat: both dots on P1.
    await face(pp, P1).click();
    await dot(pp, P1).click();
    await dot(pp, P1).click();
    await poll(() => mine(pp, "Pros", P1).textContent()).toBe("Your dots here: 2");
    await board(pp).getByText("You have 0 of 2 dots left.", { exact: false }).waitFor();

    // The facilitator's panel counts every dot as it arrives; the participants see no counts, and no sorting.
    await voting.getByText("4 dots placed by 2 people.", { exact: false }).waitFor({ timeout: PATIENCE });
    for (const p of [ap, pp]) {
      await expect(countsShown(p).count()).resolves.toBe(0);
      await expect(board(p).getByRole("button", { name: "Sort by dots" }).count()).resolves.toBe(0);
    }

    // The facilitator shows the counts: P1 has 3, P3 has 1, the others none.
    await voting.getByRole("button", { name: "Show counts" }).click();
    const expected: [string, string, string][] = [
      ["Pros", P1, "3 dots"],
      ["Pros", A1, "0 dots"],
      ["Cons", P3, "1 dot"],
      ["Cons", P2, "0 dots"],
      ["Implications", A2, "0 dots"],
    ];
    for (const p of [ap, pp]) {
      await board(p).getByText("The counts are shown.", { exact: false }).waitFor({ timeout: PATIENCE });
      for (const [col, text, count] of expected)
        await noteIn(p, col, text).getByText(count, { exact: true }).waitFor({ timeout: PATIENCE });
    }

    // Sorted by dots, most first, in every column; before that, the order they were written in.
    expect(await order(ap, "Pros", [A1, P1])).toEqual([A1, P1]);
    for (const [p, press] of [
      [ap, (l: Locator) => l.tap()],
      [pp, (l: Locator) => l.click()],
    ] as const) {
      const sort = board(p).getByRole("button", { name: "Sort by dots" });
      await press(sort);
      await poll(() => sort.getAttribute("aria-pressed")).toBe("true");
      await poll(() => order(p, "Pros", [A1, P1])).toEqual([P1, A1]);
      await poll(() => order(p, "Cons", [P2, P3])).toEqual([P3, P2]);
      expect(await order(p, "Implications", [A2])).toEqual([A2]);
    }

    console.log(`scenario 5: ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
