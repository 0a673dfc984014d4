import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import { VitePWA } from "vite-plugin-pwa";

// In production the server serves dist/ on the same origin; in dev, vite forwards the API and the sync
// sockets to a server running locally, so the app's code never needs to know which one it talks to.
const server = "http://127.0.0.1:8080";

/**
 * Navigations the service worker must leave to the network, never answering them with the cached app: the
 * API, the health check and the sync socket's path (the socket itself never passes through a service
 * worker, but a typed-in address might), and any address whose query carries a key or token (private links
 * put them in the fragment, which never reaches a service worker, but an address written by hand might).
 * Workbox matches these against the path and the query.
 */
const neverFromCache = [
  /^\/api(\/|$)/,
  /^\/healthz/,
  /^\/sync(\/|$)/,
  /[?&](key|pkey|token|participant|observer)=/,
];

export default defineConfig({
  plugins: [
    react(),
    // The installable app (issue 17): a manifest and a Workbox service worker that precaches the app shell
    // and every hashed asset (lazy chunks too, so the facilitator's tools open offline), and answers page
    // navigations with index.html so a reload of /w/<id> works with no network. Nothing is cached at run
    // time: no API answer, no socket, no address with a secret. A new version waits until the person
    // chooses to reload ('prompt', see src/app/update.ts), so a running workshop is never interrupted.
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      // The icons are precached by the glob below; listing them again would add each twice.
      includeManifestIcons: false,
      manifest: {
        id: "/",
        name: "Continuum",
        short_name: "Continuum",
        description:
          "Workshop boards for research teams, PPI groups and practitioners: scales, charts and prompts.",
        lang: "en",
        // The start page sends a device launched from its home screen into the workshop it had open last.
        start_url: "/?from=home-screen",
        scope: "/",
        display: "standalone",
        orientation: "any",
        theme_color: "#1d3557",
        background_color: "#fbfaf7",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        ],
      },
      workbox: {
        // The build's own files only: not the .br/.gz copies the compression plugin writes beside them.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: neverFromCache,
        cleanupOutdatedCaches: true,
        // A device opened once is covered at once, without a second visit: the first worker takes the page.
        clientsClaim: true,
        // One file to serve with no-cache, instead of the worker plus a separate Workbox runtime file.
        inlineWorkboxRuntime: true,
      },
    }),
    // Brotli and gzip copies of every asset beside it: the server (sirv) sends them to browsers that take
    // them, so a tablet on a venue's slow Wi-Fi downloads a fraction of the bytes, with no compressing per
    // request.
    compression({ algorithms: ["brotliCompress", "gzip"], threshold: 1024 }),
  ],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: {
    proxy: {
      "/api": server,
      "/sync": { target: server, ws: true },
    },
  },
});
