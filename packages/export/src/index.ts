/**
 * @continuum/export: what the facilitator takes away after a workshop. Everything here is browser-safe
 * (no Node modules): build a `WorkshopSnapshot` from the workshop's Y.Docs, then turn it into CSV, JSON,
 * Markdown or SVG with pure functions. PDF and PNG need fonts and native code and live in separate entry
 * points, `@continuum/export/pdf` and `@continuum/export/png`.
 */
export * from "./archive.ts";
export * from "./compare.ts";
export * from "./csv.ts";
export * from "./files.ts";
export * from "./layout.ts";
export * from "./markdown.ts";
export * from "./research.ts";
export * from "./results.ts";
export * from "./snapshot.ts";
export * from "./svg.ts";
export * from "./text.ts";
