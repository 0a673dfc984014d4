/**
 * Run-time validation of values read from a shared document.
 *
 * Every value in a Yjs document was written by some peer, and a peer can be old, buggy or hostile. Readers
 * therefore never trust a value's type: each helper here turns an `unknown` into a value of the expected
 * type, clamping or falling back to a default. None of them throws, so one bad value can never take down a
 * board that a whole room is looking at.
 */
import { isId } from "@continuum/protocol";
import * as Y from "yjs";

export { LIMITS } from "@continuum/protocol";

/** A string, or `""` if the value is not one; truncated to `max` code points (never splitting a surrogate pair). */
export function readString(value: unknown, max: number): string {
  if (typeof value !== "string") return "";
  return truncate(value, max);
}

/**
 * Truncates to `max` code points; cheap for the common case of a short string, and for a long one it reads
 * only the first `max` code points (a hostile megabyte-long value costs no more than a short one).
 */
export function truncate(value: string, max: number): string {
  // A code point takes at most two UTF-16 units, so a string this short cannot be over the limit.
  if (value.length <= max) return value;
  let points = 0;
  let end = 0;
  // The string iterator walks code points, a lone surrogate counting as one, as `Array.from` does.
  for (const point of value) {
    if (points === max) return value.slice(0, end);
    points++;
    end += point.length;
  }
  return value;
}

/** A finite number clamped to [min, max], or `fallback` for anything else (NaN, Infinity, strings...). */
export function readNumber(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** A finite number, unclamped, or `fallback`. Used for fractional orders, which may be any real number. */
export function readFinite(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** A timestamp in ms: a finite non-negative number, else 0 ("unknown", sorts first). */
export function readTime(value: unknown): number {
  return readNumber(value, 0, Number.MAX_SAFE_INTEGER, 0);
}

/** Only a literal `true` counts: a truthy string like "false" must not lock or reveal anything. */
export function readBoolean(value: unknown): boolean {
  return value === true;
}

/** An id (see protocol `isId`) or null. */
export function readId<T extends string>(value: unknown): T | null {
  return isId(value) ? (value as T) : null;
}

/** A `YYYY-MM-DD` date or `""`. */
export function readDate(value: unknown): string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
}

/** Narrows a stored value to a nested Y.Map; anything else (a plain object, a number) is treated as absent. */
export function asYMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** Narrows a stored value to a nested Y.Array. */
export function asYArray(value: unknown): Y.Array<unknown> | null {
  return value instanceof Y.Array ? (value as Y.Array<unknown>) : null;
}

/**
 * A plain record read either from a nested Y.Map or from a plain JSON object (some fields, like a chart's
 * `about`, may legitimately be either). Arrays and other values give null.
 */
export function asRecord(value: unknown): Record<string, unknown> | null {
  if (value instanceof Y.Map) return value.toJSON() as Record<string, unknown>;
  if (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Y.AbstractType)
  ) {
    return value as Record<string, unknown>;
  }
  return null;
}

/**
 * Every valid entry of a map keyed by id, read with `read` (which returns null for an invalid value) and
 * sorted: the one loop behind listing groups, activities and notes.
 */
export function readEntries<Id extends string, T>(
  map: Y.Map<unknown>,
  read: (id: Id, value: unknown) => T | null | undefined,
  compare: (a: T, b: T) => number,
): T[] {
  const out: T[] = [];
  for (const [key, value] of map) {
    if (!isId(key)) continue;
    const entry = read(key as Id, value);
    if (entry) out.push(entry);
  }
  return out.sort(compare);
}

/** Sorts by a numeric order, then by id, so that two equal orders (concurrent appends) sort the same everywhere. */
export function byOrderThenId<T extends { order: number; id: string }>(a: T, b: T): number {
  return a.order - b.order || compareStrings(a.id, b.id);
}

/** Locale-independent string comparison: every replica must sort identically. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An order value for an item put at `index` among `orders` (sorted ascending, the moved item excluded):
 * halfway between its new neighbours, so a move writes one number and never renumbers other items.
 */
export function orderAt(orders: readonly number[], index: number): number {
  const i = Math.max(0, Math.min(orders.length, Math.trunc(Number.isFinite(index) ? index : orders.length)));
  const before = orders[i - 1];
  const after = orders[i];
  if (before === undefined && after === undefined) return 0;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  const mid = (before + after) / 2;
  // Repeated bisection eventually runs out of precision; then the tie is broken by id, which is still stable.
  return mid;
}

/** The next order value after every existing one. */
export function orderAfter(orders: Iterable<number>): number {
  let max = -1;
  for (const o of orders) if (o > max) max = o;
  return max + 1;
}
