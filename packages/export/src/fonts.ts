/** The TrueType fonts embedded in the PDF and PNG: DejaVu Sans from the `dejavu-fonts-ttf` package. */
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

export const FONT_FILES = {
  regular: path.join(dir, "DejaVuSans.ttf"),
  bold: path.join(dir, "DejaVuSans-Bold.ttf"),
} as const;
