/**
 * "Larger text" (issue 17): for people who find the board's text small or its buttons fiddly. Kept per
 * device in localStorage, as the device is the person's; applied as `data-text="larger"` on <html>, where
 * `larger.css` enlarges the root size (everything in rem grows with it) and brings every target to at least
 * 56 px. Set before the first render (`main.tsx`), so the page never jumps.
 */
import { useSyncExternalStore } from "react";

const KEY = "continuum.largerText";
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

let larger = stored();

/** Puts this device's choice on <html>. */
export function applyTextSize(): void {
  if (typeof document === "undefined") return;
  if (larger) document.documentElement.dataset.text = "larger";
  else delete document.documentElement.dataset.text;
}

export function setLargerText(on: boolean): void {
  larger = on;
  try {
    if (on) globalThis.localStorage?.setItem(KEY, "1");
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Storage refused: the choice lasts for this page.
  }
  applyTextSize();
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLargerText(): boolean {
  return useSyncExternalStore(subscribe, () => larger);
}
