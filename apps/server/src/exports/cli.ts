/**
 * Command-line export over a data directory, for archiving: reads the SQLite store directly, so it works
 * with no server running (and alongside a running one: SQLite in WAL mode lets readers in).
 *
 *   pnpm export <workshop id> --format pdf --out report.pdf
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EXPORT_FORMATS, type ExportFormat, isExportFormat } from "@continuum/export";
import { isId, type WorkshopId } from "@continuum/protocol";
import { parseCommandLine } from "../args.ts";
import { SqliteStore } from "../store/sqlite.ts";
import { ExportRequestError, type RenderedExport, renderExport } from "./render.ts";
import { snapshotFromUpdates, updatesFromStore } from "./snapshot.ts";

export const USAGE = `Usage: pnpm export <workshop id> [options]

Exports a workshop from the server's data directory (no server needs to run).

Options:
  --format <format>   ${EXPORT_FORMATS.join(", ")}, or "all" (default: json)
  --out <path>        file to write, "-" for standard output; with --format all, a folder
                      (default: a name made of the workshop title and date, in the current folder)
  --activity <id>     the activity to draw (svg and png; with --format all, every activity is drawn)
  --data-dir <path>   the data directory (default: $DATA_DIR, else ./data)
  --help              show this text

Relative paths are taken from the folder you ran pnpm in.

Examples:
  pnpm export k3x9w2 --format pdf --out discretion-report.pdf
  pnpm export k3x9w2 --format csv --out - > notes.csv
  pnpm export k3x9w2 --format all --out archive/k3x9w2
`;

export interface CliOptions {
  workshopId: string;
  format: ExportFormat | "all";
  out: string | null;
  activity: string | null;
  dataDir: string;
}

/** Parses arguments; throws an Error with a sentence for a person on a mistake. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliOptions | "help" {
  const base = env.INIT_CWD || cwd;
  const { values, positionals: positional } = parseCommandLine(
    argv,
    ["format", "out", "activity", "data-dir"],
    {
      positionals: true,
      booleans: ["help"],
    },
  );
  if (values.has("help")) return "help";
  const flags = new Map([...values].map(([name, value]) => [name, String(value)]));
  if (positional.length !== 1) throw new Error("Give exactly one workshop id.");
  const workshopId = positional[0] ?? "";
  if (!isId(workshopId)) throw new Error(`"${workshopId}" is not a workshop id.`);
  const format = flags.get("format") ?? "json";
  if (format !== "all" && !isExportFormat(format)) {
    throw new Error(`Unknown format "${format}". Use one of: ${EXPORT_FORMATS.join(", ")}, all.`);
  }
  const out = flags.get("out");
  return {
    workshopId,
    format,
    out: out === undefined ? null : out === "-" ? "-" : path.resolve(base, out),
    activity: flags.get("activity") ?? null,
    dataDir: path.resolve(base, flags.get("data-dir") ?? env.DATA_DIR ?? "data"),
  };
}

function write(file: string, rendered: RenderedExport): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, rendered.body);
}

/** Runs the export; returns the process exit code. */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  io: { out: (b: Uint8Array | string) => void; err: (s: string) => void } = {
    out: (b) => process.stdout.write(b),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let options: CliOptions | "help";
  try {
    options = parseArgs(argv, env, cwd);
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    io.out(USAGE);
    return 0;
  }
  const dbFile = path.join(options.dataDir, "continuum.sqlite");
  if (!existsSync(dbFile)) {
    io.err(
      `There is no Continuum data in ${options.dataDir} (no continuum.sqlite). Set --data-dir or DATA_DIR.\n`,
    );
    return 1;
  }
  const store = new SqliteStore(options.dataDir);
  try {
    const id = options.workshopId as WorkshopId;
    if (!(await store.getWorkshop(id))) {
      io.err(`There is no workshop "${id}" in ${options.dataDir}.\n`);
      return 1;
    }
    const snapshot = snapshotFromUpdates(await updatesFromStore(store, id));
    const base = env.INIT_CWD || cwd;
    if (options.format === "all") {
      const dir = options.out && options.out !== "-" ? options.out : path.resolve(base, id);
      const written: string[] = [];
      for (const format of EXPORT_FORMATS) {
        const activities =
          format === "svg" || format === "png" ? snapshot.activities.map((a) => a.id) : [null];
        for (const activity of activities) {
          const rendered = await renderExport(snapshot, format, activity);
          // Two activities with the same title would share a file name: the second gets its id too.
          const name = written.includes(rendered.fileName)
            ? rendered.fileName.replace(/(\.[a-z]+)$/, `-${activity}$1`)
            : rendered.fileName;
          write(path.join(dir, name), rendered);
          written.push(name);
        }
      }
      io.err(`Wrote ${written.length} files to ${dir}:\n${written.map((f) => `  ${f}\n`).join("")}`);
      return 0;
    }
    const rendered = await renderExport(snapshot, options.format, options.activity);
    if (options.out === "-") io.out(rendered.body);
    else {
      const file = options.out ?? path.resolve(base, rendered.fileName);
      write(file, rendered);
      io.err(`Wrote ${file}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ExportRequestError) {
      io.err(`${err.message.replace("add ?activity=<id>", "add --activity <id>")}\n`);
      return 2;
    }
    throw err;
  } finally {
    await store.close();
  }
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `Export failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
