import { describe, expect, it } from "vitest";
import { dropPosition } from "../../src/activities/scale/dropPosition.ts";

const rail = { left: 100, top: 200, width: 400, height: 120 };
const card = (cx: number, top: number) => ({ left: cx - 40, top, width: 80, height: 40 });

describe("where a dragged card lands on the scale", () => {
  it("reads its centre along the rail as 0..100 and its top down the lane", () => {
    expect(dropPosition(card(300, 200), rail, true)).toEqual({ x: 50, y: 0 });
    expect(dropPosition(card(200, 280), rail, true)).toEqual({ x: 25, y: 100 });
    expect(dropPosition(card(600, 240), rail, false)).toEqual({ x: 100, y: 50 });
  });

  it("a card from the tray must be let go over the scale; a note on it stays in its lane", () => {
    expect(dropPosition(card(300, 600), rail, true)).toBeNull();
    expect(dropPosition(card(300, 600), rail, false)).toEqual({ x: 50, y: 100 });
    expect(dropPosition(card(300, 200), { ...rail, width: 0 }, false)).toBeNull();
  });
});
