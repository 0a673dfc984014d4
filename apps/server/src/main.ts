import { networkInterfaces } from "node:os";
import { CONFIG_HELP, loadConfig } from "./config.ts";
import { startServer } from "./server.ts";

/** The addresses a tablet on the same network can open, when listening on every interface. */
function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) out.push(a.address);
  }
  return out;
}

/** Where the data is, for the start message; a PostgreSQL address without its password. */
function where(config: ReturnType<typeof loadConfig>): string {
  if (config.storage === "memory") return "memory only";
  if (config.storage !== "postgres") return config.dataDir;
  try {
    const url = new URL(config.databaseUrl ?? "");
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`Continuum server. Options (flag, or environment variable):\n${CONFIG_HELP}`);
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(args, process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 2;
    return;
  }
  const server = await startServer(config).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") console.error(`Port ${config.port} is in use. Set PORT to another port.`);
    else console.error(err);
    process.exit(1);
  });

  const everywhere = config.host === "0.0.0.0" || config.host === "::";
  const hosts = everywhere ? ["localhost", ...lanAddresses()] : [config.host];
  const lines = hosts.map((h) => `  http://${h}:${server.port}`);
  console.log(
    `\nContinuum is running (data in ${where(config)}).\n` +
      `Open it in a browser:\n${lines.join("\n")}\n` +
      (everywhere && hosts.length > 1 ? "Tablets on the same network use the second address.\n" : ""),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, "shutting down: writing documents");
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.log.error({ err }, "error during shutdown");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

void main();
