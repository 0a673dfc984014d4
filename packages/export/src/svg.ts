/**
 * SVG of an activity, drawn from the shared scene (layout.ts). Browser-safe. The text stays text (it can be
 * selected and searched); the font is DejaVu Sans when the viewer has it (the PNG writer embeds it), else
 * the viewer's sans-serif.
 */
import { layoutActivity, type Scene, type Shape } from "./layout.ts";
import { findActivity, type WorkshopSnapshot } from "./snapshot.ts";

export const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

/** Escapes text for XML, dropping control characters XML 1.0 does not allow. */
export function xmlText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

const n = (v: number): string => String(Math.round(v * 100) / 100);

function shapeSvg(s: Shape): string {
  switch (s.type) {
    case "rect":
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}"${s.radius ? ` rx="${n(s.radius)}"` : ""} fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ""}/>`;
    case "line":
      return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${n(s.width)}"/>`;
    case "polygon":
      return `<polygon points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" fill="${s.fill}"/>`;
    case "text":
      return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${n(s.size)}"${s.bold ? ' font-weight="bold"' : ""}${s.anchor !== "start" ? ` text-anchor="${s.anchor}"` : ""} fill="${s.fill}">${xmlText(s.text)}</text>`;
  }
}

/** An SVG document of a scene. */
export function sceneToSvg(scene: Scene): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="${FONT_FAMILY}" role="img">`,
    `<title>${xmlText(scene.title)}</title>`,
    `<rect x="0" y="0" width="${scene.width}" height="${scene.height}" fill="#ffffff"/>`,
    ...scene.shapes.map(shapeSvg),
    "</svg>",
    "",
  ].join("\n");
}

/** An activity as SVG. Throws a RangeError when the workshop has no such activity. */
export function renderActivitySvg(snapshot: WorkshopSnapshot, activityId: string): string {
  const activity = findActivity(snapshot, activityId);
  if (!activity) throw new RangeError(`There is no activity "${activityId}" in this workshop.`);
  return sceneToSvg(layoutActivity(snapshot, activity));
}
