/**
 * Copies every workshop from one store to another: SQLite → PostgreSQL when an organisation moves to
 * several nodes, and PostgreSQL → SQLite to go back (or to take one server's workshops home).
 *
 *   pnpm copy-workshops --from ./data --to postgres://user:password@host:5432/continuum
 *   pnpm copy-workshops --from postgres://user:password@host:5432/continuum --to ./data-back
 *
 * A source or target that starts with postgres:// or postgresql:// is a PostgreSQL database; anything else
 * is a server's data directory (SQLite). Run it while no server writes to the source.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { WorkshopId } from "@continuum/protocol";
import * as Y from "yjs";
import { parseCommandLine } from "../args.ts";
import { PostgresStore } from "./postgres.ts";
import { SqliteStore } from "./sqlite.ts";
import type { Store } from "./types.ts";

export interface CopyReport {
  copied: WorkshopId[];
  /** Already in the target (same id): left as they are there. */
  skipped: WorkshopId[];
  /** Could not be copied, with why (an open workshop's join code taken in the target, say). */
  refused: { id: WorkshopId; reason: string }[];
}

/** The workshop a stored document belongs to: the part of its name before the first `/` or `#`. */
const workshopOf = (doc: string): string => doc.split(/[/#]/)[0] ?? doc;

/**
 * Every workshop of `from` that `to` does not have, with all its documents (each merged into one update:
 * the same state, whatever the source's log looked like) and then its record, documents first, as a new
 * workshop is registered, so that a workshop that can be joined always has them.
 */
export async function copyWorkshops(from: Store, to: Store): Promise<CopyReport> {
  const report: CopyReport = { copied: [], skipped: [], refused: [] };
  const byWorkshop = new Map<string, string[]>();
  for (const doc of await from.listDocs("")) {
    const id = workshopOf(doc);
    const docs = byWorkshop.get(id) ?? [];
    docs.push(doc);
    byWorkshop.set(id, docs);
  }
  for (const [rawId, docs] of byWorkshop) {
    const id = rawId as WorkshopId;
    const record = await from.getWorkshop(id);
    // Documents without a record cannot be opened by anyone; they are not a workshop to copy.
    if (!record) continue;
    if (await to.getWorkshop(id)) {
      report.skipped.push(id);
      continue;
    }
    if (record.closedAt === null && (await to.findWorkshopByCode(record.joinCode))) {
      report.refused.push({ id, reason: `its join code ${record.joinCode} is in use in the target` });
      continue;
    }
    for (const doc of docs) {
      const updates = await from.loadDoc(doc);
      if (updates.length > 0) await to.appendUpdate(doc, Y.mergeUpdates(updates));
    }
    // Results pages shared back with the people who took part: their links must open the same page after
    // the move (withdrawn ones still say so rather than "not found").
    for (const page of await from.listShareBacks(id)) await to.importShareBack(page);
    await to.createWorkshop(record);
    report.copied.push(id);
  }
  return report;
}

const isPostgres = (where: string) => /^postgres(ql)?:\/\//.test(where);

function open(where: string): Store {
  return isPostgres(where) ? new PostgresStore(where, { max: 2 }) : new SqliteStore(where);
}

/**
 * Tokens people hold (a tablet's participant link) are signed with the server's token secret; the copy takes
 * it along when the target has none yet, so those links keep working after the move.
 */
async function copyTokenSecret(from: string, to: Store, toWhere: string): Promise<string> {
  let secret: Buffer | null = null;
  if (isPostgres(from)) {
    const source = new PostgresStore(from, { max: 1 });
    try {
      secret = await source.sharedSecret("token-secret");
    } finally {
      await source.close();
    }
  } else {
    const file = path.join(from, "token-secret");
    if (existsSync(file)) secret = readFileSync(file);
  }
  if (!secret) return "The source has no token secret; people sign in again after the move.";
  if (to instanceof PostgresStore) {
    const kept = await to.adoptSecret("token-secret", secret);
    return kept
      ? "The token secret came along: links people hold keep working."
      : "The target already had its own token secret (kept): people sign in again on it.";
  }
  const file = path.join(toWhere, "token-secret");
  if (existsSync(file)) {
    return readFileSync(file).equals(secret)
      ? "The token secret is the same on both sides."
      : "The target already had its own token secret (kept): people sign in again on it.";
  }
  writeFileSync(file, secret, { mode: 0o600 });
  return "The token secret came along: links people hold keep working.";
}

export const USAGE = `Usage: pnpm copy-workshops --from <source> --to <target>

Copies every workshop (its documents, join code and keys) from one store to another. Each of source and
target is a data directory (SQLite) or a PostgreSQL address (postgres://user:password@host:port/database).
Workshops the target already has are left alone. Stop the servers that write to the source first.

Examples:
  pnpm copy-workshops --from ./data --to postgres://continuum:secret@db.example.org/continuum
  pnpm copy-workshops --from postgres://continuum:secret@db.example.org/continuum --to ./data-back
`;

/** Runs the copy from the command line; returns the exit code. */
export async function runCopyCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let fromWhere: string;
  let toWhere: string;
  try {
    const { values } = parseCommandLine(argv, ["from", "to"], { booleans: ["help"], help: USAGE });
    if (values.has("help")) {
      io.out(USAGE);
      return 0;
    }
    const base = env.INIT_CWD || process.cwd();
    const resolve = (w: string) => (isPostgres(w) ? w : path.resolve(base, w));
    const f = values.get("from");
    const t = values.get("to");
    if (typeof f !== "string" || typeof t !== "string") throw new Error("Give both --from and --to.");
    fromWhere = resolve(f);
    toWhere = resolve(t);
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!isPostgres(fromWhere) && !existsSync(path.join(fromWhere, "continuum.sqlite"))) {
    io.err(`There is no Continuum data in ${fromWhere} (no continuum.sqlite).\n`);
    return 1;
  }
  const from = open(fromWhere);
  const to = open(toWhere);
  try {
    const report = await copyWorkshops(from, to);
    io.out(
      `Copied ${report.copied.length} workshop${report.copied.length === 1 ? "" : "s"}` +
        (report.skipped.length ? `; ${report.skipped.length} already in the target, left as they are` : "") +
        ".\n",
    );
    for (const r of report.refused) io.out(`Not copied: ${r.id}: ${r.reason}.\n`);
    io.out(`${await copyTokenSecret(fromWhere, to, toWhere)}\n`);
    return report.refused.length > 0 ? 1 : 0;
  } catch (err) {
    io.err(`The copy stopped: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await from.close();
    await to.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  runCopyCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
