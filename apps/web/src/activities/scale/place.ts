import { type ScaleNote, unplacedAspects } from "@continuum/model";

/**
 * A vertical place for a note put down without a pointer (tapped or placed with the keyboard): below the
 * notes already near that position, so it never lands hidden under another one.
 */
export function freeY(notes: readonly ScaleNote[], x: number): number {
  // A note is about a fifth of the scale wide and a third of the lane high: those are the clearances.
  const near = notes.filter((n) => Math.abs(n.x - x) < 22).map((n) => n.y);
  for (const y of [0, 34, 67, 100]) {
    if (near.every((ny) => Math.abs(ny - y) >= 30)) return y;
  }
  return (near.length * 17) % 100;
}

export { unplacedAspects };
