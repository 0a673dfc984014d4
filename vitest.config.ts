import { defineConfig } from "vitest/config";

// One runner for the whole workspace: each package or app is a project with its own environment. The
// browser suite (apps/e2e) runs on its own after this one (scripts/test.mjs): it starts Chromium and would
// fight the other suites for the two cores.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/server", "apps/web", "bench"],
    reporters: ["default"],
  },
});
