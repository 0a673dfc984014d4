import { defineConfig } from "vitest/config";

// One runner for the whole workspace: each package or app is a project with its own environment.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    reporters: ["default"],
  },
});
