/**
 * Issue 17: the plain-language flags come from the catalogues. The model gives each finding as data; the
 * web app words it in the person's language, with the scale's labels (the workshop's own words) as written.
 */
import { aspectFlags } from "@continuum/model";
import { afterAll, describe, expect, it } from "vitest";
import { flagText } from "../../src/activities/scale/flagWords.ts";
import { setLanguage } from "../../src/i18n/i18n.ts";

const labels = { left: "About choice", right: "Set in stone" };
const words = (groups: Parameters<typeof aspectFlags>[0]) =>
  aspectFlags(groups).map((f) => flagText(f, labels));

const twoGroups = (lw: number, ppi: number, previous?: number) => [
  { groupId: "lw", name: "Link workers", position: lw },
  {
    groupId: "ppi",
    name: "PPI contributors",
    position: ppi,
    ...(previous === undefined ? {} : { previous }),
  },
];

describe("flags in words", () => {
  afterAll(() => setLanguage("en", false));

  it("in English, as the write-up says them", async () => {
    await setLanguage("en", false);
    expect(words(twoGroups(12, 20))).toEqual(["Both groups see this as about choice"]);
    expect(words(twoGroups(80, 35))).toEqual([
      "Link workers lean towards set in stone; PPI contributors towards about choice",
    ]);
    expect(words(twoGroups(60, 40))).toEqual(["Link workers and PPI contributors are 20 points apart"]);
    expect(words(twoGroups(48, 55))).toEqual(["Both groups put this in the middle"]);
    expect(words(twoGroups(30, 60, 35)).slice(1)).toEqual([
      "PPI contributors moved this towards set in stone (by 25 points)",
    ]);
  });

  it("in Welsh, with the scale's labels quoted as written and “ac” before a vowel", async () => {
    await setLanguage("cy", false);
    expect(words(twoGroups(12, 20))).toEqual(["Mae'r ddau grŵp yn rhoi hyn tuag at “About choice”"]);
    expect(words(twoGroups(80, 35))).toEqual([
      "Mae Link workers yn pwyso tuag at “Set in stone”; PPI contributors tuag at “About choice”",
    ]);
    expect(words(twoGroups(60, 40))).toEqual(["Mae 20 pwynt rhwng Link workers a PPI contributors"]);
    expect(
      words([
        { groupId: "a", name: "Gweithwyr", position: 60 },
        { groupId: "b", name: "Ymchwilwyr", position: 40 },
      ]),
    ).toEqual(["Mae 20 pwynt rhwng Gweithwyr ac Ymchwilwyr"]);
    expect(words(twoGroups(48, 55))).toEqual(["Mae'r ddau grŵp yn rhoi hyn yn y canol"]);
    expect(words(twoGroups(30, 60, 35)).slice(1)).toEqual([
      "Symudodd PPI contributors hyn tuag at “Set in stone” (25 pwynt)",
    ]);
  });
});
