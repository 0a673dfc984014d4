// Hocuspocus 3 with file-backed SQLite storage. PORT and DB from the environment; GC is on (Hocuspocus's
// default yDocOptions).
//
// Storage is @hocuspocus/extension-database (Hocuspocus's own base for storage extensions) over better-sqlite3,
// with the table and queries of @hocuspocus/extension-sqlite: the same behaviour (a full snapshot per document,
// debounced by 2 s, upserted), without that extension's native `sqlite3` module, whose build pnpm does not run
// and whose prebuilt download fails here. better-sqlite3 is built by pnpm already (the server uses it), so the
// bench works from a fresh clone.
import { Database } from "@hocuspocus/extension-database";
import { Server } from "@hocuspocus/server";
import BetterSqlite from "better-sqlite3";

const db = new BetterSqlite(process.env.DB);
db.exec(`CREATE TABLE IF NOT EXISTS "documents" (
  "name" varchar(255) NOT NULL,
  "data" blob NOT NULL,
  UNIQUE(name)
)`);
const select = db.prepare(`SELECT data FROM "documents" WHERE name = ? ORDER BY rowid DESC`);
const upsert = db.prepare(
  `INSERT INTO "documents" ("name", "data") VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data`,
);

const server = new Server({
  port: Number(process.env.PORT),
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => select.get(documentName)?.data ?? null,
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state);
      },
    }),
  ],
});
await server.listen();
