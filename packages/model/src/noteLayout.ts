/**
 * Where notes go on a scale so that none covers another: the one rule for the board on screen (apps/web's
 * lane) and for the picture in the exports (packages/export's layout), so the report shows what the room saw.
 *
 * A note's value (`x`, 0..100) is what researchers analyse; its box is only where its words can be read. Each
 * note is centred on its value when there is room; a note near others moves sideways by at most `maxShift` (so
 * a marker at its exact value still falls on its own box) or else goes to another row. Rows are added as
 * needed, never overlapped. `y` (0..100, meaningless for analysis) only chooses the preferred row among the
 * first `preferredRows`, so a note a person put lower on the lane stays lower when there is room.
 *
 * Pure and deterministic: notes are taken in order of value (then id), so every device that has the same notes
 * and the same sizes draws the same board.
 */

export interface LayoutNote {
  readonly id: string;
  /** The value, 0..100. */
  readonly x: number;
  /** The preferred height on the lane, 0 (top) .. 100 (bottom). */
  readonly y: number;
}

export interface NoteSpot {
  readonly id: string;
  /** The row, from 0 at the top. */
  readonly row: number;
  /** The box's left edge, in the units of `span`, from the 0 mark (negative: left of it). */
  readonly left: number;
  /** Where the exact value is, in the same units: `x / 100 * span`. */
  readonly at: number;
}

export interface NoteLayout {
  readonly spots: readonly NoteSpot[];
  /** Rows in use, at least `preferredRows` when there is a note. */
  readonly rows: number;
}

export interface LayoutOptions {
  /** Length of the 0..100 axis (pixels on screen, scene units in an export). */
  readonly span: number;
  /** Width of one note's box, in the same units. */
  readonly noteWidth: number;
  /** Space kept between two boxes in one row. */
  readonly gap?: number;
  /** Rows a note's `y` chooses from before more rows are added. */
  readonly preferredRows?: number;
  /** How far a box may sit right of centred on its value; default 0.4 of a note, so the value stays on it. */
  readonly maxShift?: number;
  /** Bounds of every box (default: half a note beyond each end, the lane's margin). */
  readonly minLeft?: number;
  readonly maxRight?: number;
}

export function layoutNotes(notes: readonly LayoutNote[], opts: LayoutOptions): NoteLayout {
  const w = opts.noteWidth;
  const gap = opts.gap ?? 4;
  const base = Math.max(1, Math.floor(opts.preferredRows ?? 3));
  const maxShift = Math.max(0, opts.maxShift ?? w * 0.4);
  const minLeft = opts.minLeft ?? -w / 2;
  const maxRight = Math.max(minLeft + w, opts.maxRight ?? opts.span + w / 2);
  const sorted = [...notes].sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  /** The right edge of the last box in each row. */
  const rights: number[] = [];
  const spots: NoteSpot[] = [];
  for (const n of sorted) {
    const x = Number.isFinite(n.x) ? Math.max(0, Math.min(100, n.x)) : 50;
    const y = Number.isFinite(n.y) ? Math.max(0, Math.min(100, n.y)) : 0;
    const at = (x / 100) * opts.span;
    const ideal = Math.max(minLeft, Math.min(maxRight - w, at - w / 2));
    const preferred = Math.round((y / 100) * (base - 1));
    const order = [...Array(base).keys()].sort(
      (p, q) => Math.abs(p - preferred) - Math.abs(q - preferred) || p - q,
    );
    for (let r = base; r <= rights.length; r++) order.push(r);
    let placed: NoteSpot | null = null;
    for (const row of order) {
      const right = rights[row];
      const left = right === undefined ? ideal : Math.max(ideal, right + gap);
      if (left - ideal > maxShift || left + w > maxRight + 0.001) continue;
      placed = { id: n.id, row, left, at };
      break;
    }
    // A row after the last always has room: a box alone is at its ideal place.
    const spot = placed ?? { id: n.id, row: Math.max(base, rights.length), left: ideal, at };
    rights[spot.row] = spot.left + w;
    spots.push(spot);
  }
  const used = rights.length;
  return { spots, rows: spots.length === 0 ? 0 : Math.max(base, used) };
}
