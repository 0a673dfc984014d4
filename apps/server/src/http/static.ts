import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";

/**
 * The built web app, served by sirv: precompressed files (.br, .gz) when the browser takes them, ETags,
 * HEAD, and no path outside the folder. Any other page path gets index.html, so a link to
 * `/w/<id>` opens the app, which routes it. Hashed assets are cached for a year; everything else (index.html,
 * the service worker `sw.js`, `manifest.webmanifest`, the icons) is checked every time, so a new build is
 * picked up: a service worker served with a cache lifetime would hold back new versions for that long.
 *
 * The folder is looked at on the first request, not at start: a server started before `vite build` has
 * finished still serves the app once it is there.
 */
export function staticFiles(
  webDir: string,
): (req: IncomingMessage, res: ServerResponse, notFound: () => void) => void {
  let serve: ReturnType<typeof sirv> | null = null;
  return (req, res, notFound) => {
    if (!serve) {
      if (!existsSync(webDir)) return notFound();
      serve = sirv(webDir, {
        single: true,
        etag: true,
        brotli: true,
        gzip: true,
        setHeaders(res, pathname) {
          res.setHeader("x-content-type-options", "nosniff");
          res.setHeader(
            "cache-control",
            pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
          );
        },
      });
    }
    serve(req, res, notFound);
  };
}
