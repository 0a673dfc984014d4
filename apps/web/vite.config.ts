import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

// In production the server serves dist/ on the same origin; in dev, vite forwards the API and the sync
// sockets to a server running locally, so the app's code never needs to know which one it talks to.
const server = "http://127.0.0.1:8080";

export default defineConfig({
  // Brotli and gzip copies of every asset beside it: the server (sirv) sends them to browsers that take them,
  // so a tablet on a venue's slow Wi-Fi downloads a fraction of the bytes, with no compressing per request.
  plugins: [react(), compression({ algorithms: ["brotliCompress", "gzip"], threshold: 1024 })],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: {
    proxy: {
      "/api": server,
      "/sync": { target: server, ws: true },
    },
  },
});
