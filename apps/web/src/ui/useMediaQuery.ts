/**
 * Whether a media query matches now, and a re-render when that changes (a phone turned, a window resized,
 * the page zoomed). For layouts whose parts differ, not only their styles: the cockpit's run bar puts its
 * secondary actions in a "More" menu on a narrow screen (`facilitator/RunBar.tsx`). Where there is no
 * `matchMedia` (a test without a window) it never matches.
 */
import { useCallback, useSyncExternalStore } from "react";

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = globalThis.matchMedia?.(query);
      list?.addEventListener?.("change", changed);
      return () => list?.removeEventListener?.("change", changed);
    },
    [query],
  );
  const matches = () => globalThis.matchMedia?.(query).matches ?? false;
  return useSyncExternalStore(subscribe, matches, () => false);
}
