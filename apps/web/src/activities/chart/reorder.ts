/**
 * Where a chart note goes when it is moved: by keyboard (arrows, Home, End) or dropped with a pointer. Pure:
 * the columns, the note ids per column and the note in, a place out; the board writes it with `moveChartNote`.
 */
import type { Column, ColumnId, NoteId } from "@continuum/model";

/** Note ids per column id, in order (a removed column's notes keep their column id). */
export type NotesByColumn = ReadonlyMap<string, readonly NoteId[]>;

export const MOVE_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"] as const;

export type KeyboardMove =
  | { kind: "move"; column: Column; index: number }
  | { kind: "edge"; edge: "top" | "bottom" }
  | { kind: "none" };

/**
 * A keyboard move of note `id` (in column `fromColumn`): up and down within its column, left and right to the
 * neighbouring column at the same height (or its end), Home and End to the top or bottom. A note of a removed
 * column goes to the last column with left, the first with right.
 */
export function keyboardMove(
  columns: readonly Column[],
  byColumn: NotesByColumn,
  id: NoteId,
  fromColumn: string,
  key: string,
): KeyboardMove {
  const from = columns.findIndex((c) => c.id === fromColumn);
  const list = byColumn.get(fromColumn) ?? [];
  const index = list.indexOf(id);
  let toColumn = from;
  let toIndex = index;
  if (key === "ArrowUp") toIndex = index - 1;
  else if (key === "ArrowDown") toIndex = index + 1;
  else if (key === "Home") toIndex = 0;
  else if (key === "End") toIndex = list.length - 1;
  else if (key === "ArrowLeft") toColumn = from < 0 ? columns.length - 1 : from - 1;
  else if (key === "ArrowRight") toColumn = from < 0 ? 0 : from + 1;
  const target = columns[toColumn];
  if (!target) return { kind: "none" };
  if (toColumn !== from) {
    const size = (byColumn.get(target.id) ?? []).length;
    return { kind: "move", column: target, index: Math.min(Math.max(0, index), size) };
  }
  if (toIndex < 0 || toIndex >= list.length || toIndex === index)
    return { kind: "edge", edge: toIndex < 0 ? "top" : "bottom" };
  return { kind: "move", column: target, index: toIndex };
}

/** What a note was dropped on: a column, or a note in it. */
export interface DropTarget {
  columnId: ColumnId;
  noteId?: NoteId;
}

/**
 * The index note `id` (now in column `fromColumn`) takes when dropped on `over`: before the note it was dropped
 * on, after it when dragged down within its own column, at the end when dropped on the column itself; null
 * when dropped on itself.
 */
export function dropIndex(
  byColumn: NotesByColumn,
  id: NoteId,
  fromColumn: string,
  over: DropTarget,
): number | null {
  if (over.noteId === id) return null;
  const own = byColumn.get(over.columnId) ?? [];
  const others = own.filter((n) => n !== id);
  if (!over.noteId) return others.length;
  let index = others.indexOf(over.noteId);
  if (fromColumn === over.columnId && own.indexOf(id) < own.indexOf(over.noteId)) index++;
  return index;
}

/** Note ids per column from notes in display order. */
export function byColumnOf(notes: readonly { id: NoteId; columnId: string }[]): Map<string, NoteId[]> {
  const byColumn = new Map<string, NoteId[]>();
  for (const n of notes) {
    const list = byColumn.get(n.columnId);
    if (list) list.push(n.id);
    else byColumn.set(n.columnId, [n.id]);
  }
  return byColumn;
}
