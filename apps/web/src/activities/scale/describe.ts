import { i18n } from "../../i18n/i18n.ts";

/** Sentences for screen readers and for anyone who cannot tell colours apart: the position in words. */

export function positionText(x: number, rightLabel: string): string {
  return i18n.t("scale.position", { x: Math.round(x), right: rightLabel.toLocaleLowerCase() });
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
