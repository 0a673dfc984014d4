/**
 * Browsers may fire a click on the element where a drag started when the finger or mouse is released; a
 * drag must not also open the note's editor.
 */
let lastDragEnd = 0;

export function markDragEnded(): void {
  lastDragEnd = Date.now();
}

export function recentlyDragged(): boolean {
  return Date.now() - lastDragEnd < 350;
}
