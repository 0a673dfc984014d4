import { clampPosition } from "./describe.ts";

/** A box on screen (a DOMRect's fields). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a dragged card's centre is on a lane's scale: `x` 0..100 along the rail, `y` 0..100 down the lane; or
 * null when it is off the scale. A card from the tray (`mustLandOnScale`) must be let go over the scale, with a
 * little slack around it; a note already on it just stays in its lane wherever it is let go.
 */
export function dropPosition(
  card: Box,
  rail: Box,
  mustLandOnScale: boolean,
): { x: number; y: number } | null {
  if (rail.width === 0) return null;
  const cx = card.left + card.width / 2;
  const cy = card.top + card.height / 2;
  const x = clampPosition(((cx - rail.left) / rail.width) * 100);
  const span = Math.max(1, rail.height - card.height);
  const y = Math.max(0, Math.min(100, ((card.top - rail.top) / span) * 100));
  const right = rail.left + rail.width;
  const bottom = rail.top + rail.height;
  const over = cy >= rail.top - 40 && cy <= bottom + 40 && cx >= rail.left - 80 && cx <= right + 80;
  if (mustLandOnScale && !over) return null;
  return { x, y };
}
