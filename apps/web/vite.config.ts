import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In production the server serves dist/ on the same origin; in dev, vite forwards the API and the sync
// sockets to a server running locally, so the app's code never needs to know which one it talks to.
const server = "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: {
    proxy: {
      "/api": server,
      "/sync": { target: server, ws: true },
    },
  },
});
