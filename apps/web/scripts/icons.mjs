/**
 * Draws the app's icons (the home-screen icon of issue 17) and writes them as PNGs beside the SVG, so that the
 * build needs no image tools. Run it again after changing the drawing: `node apps/web/scripts/icons.mjs`.
 *
 * The drawing: a scale line with three notes placed along it, as on the board. The maskable variant fills
 * the whole square and keeps the drawing inside the central 80% circle that launchers may cut out.
 * Rendered by resvg, which the exports already use for their PNG picture (packages/export).
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/export/package.json", import.meta.url));
const { Resvg } = require("@resvg/resvg-js");

const out = new URL("../public/icons/", import.meta.url);
const navy = "#1d3557";

/** The scale and its notes, in a 100×100 box. */
const drawing = `
  <rect x="14" y="60" width="72" height="5" rx="2.5" fill="#f1faee"/>
  <rect x="14" y="54" width="4" height="17" rx="2" fill="#f1faee"/>
  <rect x="82" y="54" width="4" height="17" rx="2" fill="#f1faee"/>
  <g transform="rotate(-4 27 38)"><rect x="17" y="28" width="20" height="20" rx="2" fill="#ffd166"/></g>
  <g transform="rotate(3 55 34)"><rect x="45" y="24" width="20" height="20" rx="2" fill="#8ecae6"/></g>
  <g transform="rotate(-2 73 41)"><rect x="63" y="31" width="20" height="20" rx="2" fill="#f4a6a6"/></g>
  <path d="M27 49 l-3 6 h6 z M55 45 l-3 6 h6 z M73 52 l-3 5 h6 z" fill="#f1faee"/>`;

// The SVG is also served as the favicon: its title names it for assistive technology (and Biome's a11y rule).
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img">
  <title>Continuum</title>
  <rect width="100" height="100" rx="20" fill="${navy}"/>${drawing}
</svg>\n`;

// Maskable: full bleed, the drawing shrunk to 70% around the centre so the 80% safe circle holds it.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" fill="${navy}"/>
  <g transform="translate(15 15) scale(0.7)">${drawing}</g>
</svg>\n`;

const png = (svg, size) => new Resvg(svg, { fitTo: { mode: "width", value: size } }).render().asPng();

writeFileSync(new URL("icon.svg", out), any);
writeFileSync(new URL("icon-192.png", out), png(any, 192));
writeFileSync(new URL("icon-512.png", out), png(any, 512));
writeFileSync(new URL("maskable-512.png", out), png(maskable, 512));
writeFileSync(new URL("apple-touch-icon-180.png", out), png(maskable, 180));
console.log("icons written to", out.pathname);
