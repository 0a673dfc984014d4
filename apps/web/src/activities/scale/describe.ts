import { i18n } from "../../i18n/i18n.ts";

/** Sentences for screen readers and for anyone who cannot tell colours apart: the position in words. */

/**
 * Kept once made: every note's accessible name holds its position, and a lane of hundreds of notes asked
 * i18next for the same hundred sentences again and again while it opened. Keyed by language and label.
 */
const positions = new Map<string, string>();

export function positionText(x: number, rightLabel: string): string {
  const at = Math.round(x);
  const key = `${i18n.language}\u0000${rightLabel}\u0000${at}`;
  let text = positions.get(key);
  if (text === undefined) {
    if (positions.size > 5000) positions.clear();
    text = i18n.t("scale.position", { x: at, right: rightLabel.toLocaleLowerCase() });
    positions.set(key, text);
  }
  return text;
}

/** "Location of meetings, Link workers, 70 of 100 towards set in stone" */
export function noteLabel(text: string, groupName: string, x: number, rightLabel: string): string {
  return i18n.t("scale.noteLabel", {
    text: text || i18n.t("note.empty"),
    group: groupName,
    position: positionText(x, rightLabel),
  });
}

export const clampPosition = (x: number): number => Math.max(0, Math.min(100, Math.round(x)));
