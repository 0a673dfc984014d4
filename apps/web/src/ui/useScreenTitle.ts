import { useEffect } from "react";

/**
 * Keeps the browser tab's title for a screen that shows other screens' boards (the facilitator's cockpit, the
 * room's screen): the boards name the tab after their activity when they mount, which may be long after this
 * screen did (a chart mounts once its document has synced), so the title is put back whenever it changes.
 */
export function useScreenTitle(title: string): void {
  useEffect(() => {
    document.title = title;
    const head = document.querySelector("title") ?? document.head;
    const keep = new MutationObserver(() => {
      if (document.title !== title) document.title = title;
    });
    keep.observe(head, { childList: true, characterData: true, subtree: true });
    return () => keep.disconnect();
  }, [title]);
}
