#!/usr/bin/env node
// Builds the server for production: `pnpm start` runs dist/main.mjs with plain `node`, not through tsx, which
// costs about 45 MB of resident memory (its loader thread and transpile caches) and a compile on each start.
//
// esbuild bundles the server's own TypeScript and the workspace packages (@continuum/*: TypeScript source with
// no build of their own) into two entry points, dist/main.mjs and dist/worker-entry.mjs (the export pool's thread;
// pool.ts looks for ./worker-entry.mjs next to itself), and chunks beside them for what they share and what is
// loaded only when used (the PostgreSQL store and cluster, the PDF and PNG renderers). Everything from npm stays in node_modules
// (external): native modules (better-sqlite3, resvg) cannot be bundled and pdfkit reads its data files at run
// time. A package the server does not depend on itself (pdfkit, the fonts, valibot: dependencies of the
// workspace packages) is not resolvable from apps/server, so its import is written as the absolute path it
// resolves to from the importing package, and code of a workspace package keeps its own `import.meta.url`
// (fonts.ts resolves the font files from there).
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ownDeps = new Set(
  Object.keys(JSON.parse(readFileSync(path.join(serverDir, "package.json"), "utf8")).dependencies ?? {}),
);
const packageName = (spec) =>
  (spec.startsWith("@") ? spec.split("/").slice(0, 2) : spec.split("/").slice(0, 1)).join("/");
const inWorkspacePackage = (file) =>
  !file.startsWith(serverDir) && !file.includes(`${path.sep}node_modules${path.sep}`);

/** @type {esbuild.Plugin} */
const externals = {
  name: "externals",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("node:") || args.pluginData === "inner") return undefined;
      const name = packageName(args.path);
      if (name.startsWith("@continuum/")) return undefined; // bundled: TypeScript source
      if (ownDeps.has(name) || !inWorkspacePackage(args.importer)) return { path: args.path, external: true };
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "inner",
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, external: true };
    });
    // A workspace package's module keeps its own URL, as it has when run from source.
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!inWorkspacePackage(args.path)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      return {
        contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: "ts",
      };
    });
  },
};

const started = Date.now();
const outdir = path.join(serverDir, "dist");
// Chunks are named by their content, so an earlier build's would stay beside the new ones. Folders are kept
// (the bench keeps other builds in dist/<name>/ for before-and-after runs).
mkdirSync(outdir, { recursive: true });
for (const entry of readdirSync(outdir, { withFileTypes: true }).filter((e) => e.isFile())) {
  rmSync(path.join(outdir, entry.name));
}
await esbuild.build({
  entryPoints: {
    main: path.join(serverDir, "src/main.ts"),
    "worker-entry": path.join(serverDir, "src/exports/worker.ts"),
  },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  // What is imported with import() (the PostgreSQL store and the cluster, with `pg`) and what both entry
  // points share goes into chunks of its own beside them, loaded only when it is used. Chunks stay in dist/
  // itself, so that a module's import.meta.url (pool.ts finds worker-entry.mjs by it) names the same folder.
  splitting: true,
  chunkNames: "[name]-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // Stack traces and logs name functions as in the source.
  keepNames: true,
  logLevel: "warning",
  plugins: [externals],
});
console.log(`Built apps/server/dist in ${Date.now() - started} ms`);
