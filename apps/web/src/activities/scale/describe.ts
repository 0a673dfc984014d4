/** Sentences for screen readers and for anyone who cannot tell colours apart: the position in words. */

export function positionText(x: number, rightLabel: string): string {
  return `${Math.round(x)} of 100 towards ${rightLabel.toLocaleLowerCase()}`;
}

/** "Location of meetings, Link workers, 70 of 100 towards set in stone" */
export function noteLabel(text: string, groupName: string, x: number, rightLabel: string): string {
  return `${text || "Empty note"}, ${groupName}, ${positionText(x, rightLabel)}`;
}

export const clampPosition = (x: number): number => Math.max(0, Math.min(100, Math.round(x)));
