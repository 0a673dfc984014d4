/**
 * A `<details>` used as a menu in the top bar ("You", "Who's writing?"): a tap outside or Escape closes it, as
 * menus do (Escape gives focus back to its summary), and `onToggle` hears it open and close.
 */
import { type RefObject, useEffect, useRef } from "react";

export function useMenu(ref: RefObject<HTMLDetailsElement | null>, onToggle: (open: boolean) => void): void {
  // The latest callback, so the listeners are set up once and still see the caller's current state.
  const toggled = useRef(onToggle);
  toggled.current = onToggle;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onDetailsToggle = () => toggled.current(d.open);
    const onPointer = (e: PointerEvent) => {
      if (d.open && !d.contains(e.target as Node)) d.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && d.open) {
        d.open = false;
        d.querySelector("summary")?.focus();
      }
    };
    d.addEventListener("toggle", onDetailsToggle);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      d.removeEventListener("toggle", onDetailsToggle);
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [ref]);
}
