/** Hashing for derived ids (internal to the model; not exported from the package). */

/** 32-bit FNV-1a as 8 hex digits: deterministic, no dependencies; not for security. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
