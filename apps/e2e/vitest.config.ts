import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  // Run from the repository root by scripts/test.mjs; the tests live here.
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/**/*.test.ts"],
    globalSetup: ["./src/globalSetup.ts"],
    // One browser at a time: the machine has two cores, and timing assertions ("within a second") must not
    // be measuring contention between test files.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
