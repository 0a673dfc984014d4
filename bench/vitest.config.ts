import { defineProject } from "vitest/config";

// Only the load generator's pure parts (markers, sizes, medians): the benchmark itself is never a test.
export default defineProject({
  test: {
    name: "bench",
    environment: "node",
    include: ["test/**/*.test.ts"],
  },
});
