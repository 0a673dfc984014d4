import { type GroupMark, groupInitial } from "@continuum/model";
import type { CSSProperties } from "react";

/**
 * A group's mark: its shape in its colour with its initial on it, so a group is recognised without telling
 * colours apart. The group's name is said by the text next to it or by the label of the note it sits on, so
 * the mark is hidden from screen readers, and its initial is drawn by the style sheet (`data-initial`), not
 * written as text: a note's visible words then stay exactly its label's start (WCAG 2.5.3).
 */
export function GroupBadge({ mark, name, className }: { mark: GroupMark; name: string; className?: string }) {
  return (
    <span
      className={`group-badge shape-${mark.shape}${className ? ` ${className}` : ""}`}
      style={{ "--mark": mark.hex } as CSSProperties}
      data-shape={mark.shape}
      data-initial={groupInitial(name)}
      aria-hidden="true"
    />
  );
}
