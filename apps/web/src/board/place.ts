import { type ScaleNote, unplacedAspects } from "@continuum/model";

/**
 * A vertical place for a note put down without a pointer (tapped or placed with the keyboard): below the
 * notes already near that position, so it never lands hidden under another one.
 */
export function freeY(notes: readonly ScaleNote[], x: number): number {
  const near = notes.filter((n) => Math.abs(n.x - x) < 15).map((n) => n.y);
  for (const y of [10, 35, 60, 85, 0, 22, 48, 72, 100]) {
    if (near.every((ny) => Math.abs(ny - y) >= 20)) return y;
  }
  return (near.length * 13) % 100;
}

export { unplacedAspects };
