/**
 * Browsers may fire a click on the element where a drag started when the finger or mouse is released; a
 * drag must not also open the note's editor.
 *
 * It also knows whether a drag is in progress on any board (scale or chart), so that nothing that changes
 * the page under a finger (the offer to reload into a new version, `app/update.ts`) appears mid-drag.
 */
let lastDragEnd = 0;
let dragging = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (dragging === next) return;
  dragging = next;
  for (const l of listeners) l();
}

export function markDragStarted(): void {
  set(true);
}

export function markDragEnded(): void {
  lastDragEnd = Date.now();
  set(false);
}

export function recentlyDragged(): boolean {
  return Date.now() - lastDragEnd < 350;
}

/** True from a drag's start until it ends or is cancelled. */
export function dragInProgress(): boolean {
  return dragging;
}

export function subscribeDragging(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
