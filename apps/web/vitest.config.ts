import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [react()],
  test: {
    name: "web",
    environment: "happy-dom",
    include: ["test/**/*.test.ts?(x)"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
