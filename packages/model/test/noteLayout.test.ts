import { describe, expect, it } from "vitest";
import { type LayoutNote, layoutNotes, type NoteSpot } from "../src/noteLayout.ts";

const W = 120;
const overlaps = (a: NoteSpot, b: NoteSpot) => a.row === b.row && a.left < b.left + W && b.left < a.left + W;

function noOverlap(spots: readonly NoteSpot[]): void {
  for (let i = 0; i < spots.length; i++)
    for (let j = i + 1; j < spots.length; j++) {
      const a = spots[i] as NoteSpot;
      const b = spots[j] as NoteSpot;
      expect(overlaps(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
}

describe("layoutNotes: one rule for the board and the export", () => {
  it("keeps 30 notes within 10 points of each other apart, each on its own value", () => {
    const notes: LayoutNote[] = Array.from({ length: 30 }, (_, i) => ({
      id: `n${i}`,
      x: 40 + (i % 11),
      y: 50,
    }));
    const { spots, rows } = layoutNotes(notes, { span: 800, noteWidth: W });
    expect(spots).toHaveLength(30);
    noOverlap(spots);
    for (const s of spots) {
      // The exact value stays on the note's own box (where the screen draws its marker).
      expect(s.at).toBeGreaterThanOrEqual(s.left);
      expect(s.at).toBeLessThanOrEqual(s.left + W);
      // Inside the lane: half a note beyond each end at most.
      expect(s.left).toBeGreaterThanOrEqual(-W / 2);
      expect(s.left + W).toBeLessThanOrEqual(800 + W / 2);
    }
    expect(rows).toBeGreaterThan(3);
  });

  it("two notes at 20 and 30 no longer sit on each other", () => {
    const { spots } = layoutNotes(
      [
        { id: "a", x: 20, y: 50 },
        { id: "b", x: 30, y: 50 },
      ],
      { span: 600, noteWidth: W },
    );
    noOverlap(spots);
  });

  it("centres a note alone on its value and keeps its preferred row", () => {
    const { spots, rows } = layoutNotes([{ id: "a", x: 50, y: 100 }], { span: 1000, noteWidth: W });
    expect(spots[0]).toEqual({ id: "a", row: 2, left: 500 - W / 2, at: 500 });
    expect(rows).toBe(3);
  });

  it("is the same on every device whatever order the notes come in", () => {
    const notes: LayoutNote[] = Array.from({ length: 50 }, (_, i) => ({
      id: `n${i}`,
      x: (i * 37) % 101,
      y: (i * 13) % 101,
    }));
    const a = layoutNotes(notes, { span: 700, noteWidth: W });
    const b = layoutNotes([...notes].reverse(), { span: 700, noteWidth: W });
    expect(a).toEqual(b);
    noOverlap(a.spots);
  });

  it("reads garbage values as the middle and the top, never throwing", () => {
    const { spots } = layoutNotes([{ id: "a", x: Number.NaN, y: Number.POSITIVE_INFINITY }], {
      span: 100,
      noteWidth: 20,
    });
    expect(spots[0]?.at).toBe(50);
  });

  it("has no rows without notes", () => {
    expect(layoutNotes([], { span: 100, noteWidth: 20 })).toEqual({ spots: [], rows: 0 });
  });
});
