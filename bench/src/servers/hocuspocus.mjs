// Hocuspocus 3 with its SQLite extension (file-backed), as its documentation sets it up. PORT and DB from the
// environment; GC is on (Hocuspocus's default yDocOptions).
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

const server = new Server({
  port: Number(process.env.PORT),
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions: [new SQLite({ database: process.env.DB })],
});
await server.listen();
