import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every module the main entry point reaches, following relative imports. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/^\s*(?:import|export)[^;]*?from\s+"([^"]+)"/gm)) {
    const spec = m[1] ?? "";
    if (spec.startsWith(".")) reachable(path.resolve(path.dirname(file), spec), seen);
    else seen.add(`pkg:${spec}`);
  }
  return seen;
}

describe("browser safety", () => {
  it("the main entry point imports no Node module and none of the PDF or PNG code", () => {
    const modules = [...reachable(path.resolve(__dirname, "../src/index.ts"))];
    const packages = modules.filter((m) => m.startsWith("pkg:")).map((m) => m.slice(4));
    expect(packages.filter((p) => !["@continuum/model", "@continuum/protocol", "yjs"].includes(p))).toEqual(
      [],
    );
    expect(modules.some((m) => /(pdf|png|fonts)\.ts$/.test(m))).toBe(false);
  });
});
