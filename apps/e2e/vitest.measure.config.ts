import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

/**
 * The browser measurement (`pnpm --filter @continuum/e2e measure`): not a test, never part of `pnpm test`.
 * It runs under vitest only to load the TypeScript sources of the server and the model as the tests do.
 */
export default defineProject({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    name: "e2e-measure",
    environment: "node",
    include: ["measure/**/*.measure.ts"],
    globalSetup: ["./src/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
