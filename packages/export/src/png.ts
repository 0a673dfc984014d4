/**
 * PNG of an activity, rendered from its SVG by resvg with DejaVu Sans embedded (no system fonts, so the
 * picture is the same on every machine). Node only: `@continuum/export/png`.
 */
import { Resvg } from "@resvg/resvg-js";
import { FONT_FILES } from "./fonts.ts";
import type { WorkshopSnapshot } from "./snapshot.ts";
import { renderActivitySvg } from "./svg.ts";

export interface PngOptions {
  /** Width in pixels; 2000 by default (twice the scene width: sharp on screens and in print). */
  width?: number;
}

export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: options.width ?? 2000 },
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}

/** An activity as PNG. Throws a RangeError when the workshop has no such activity. */
export function renderActivityPng(
  snapshot: WorkshopSnapshot,
  activityId: string,
  options: PngOptions = {},
): Uint8Array {
  return svgToPng(renderActivitySvg(snapshot, activityId), options);
}
