import { parseArgs } from "node:util";

/**
 * node:util's parseArgs with string options, in strict mode, its errors turned into sentences for a person:
 * an unknown flag, a flag without its value or a stray word is a mistake to point out, never ignored.
 */
export function parseCommandLine(
  argv: readonly string[],
  flags: readonly string[],
  opts: { positionals?: boolean; booleans?: readonly string[]; help?: string } = {},
): { values: Map<string, string | true>; positionals: string[] } {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const f of flags) options[f] = { type: "string" };
  for (const f of opts.booleans ?? [])
    options[f] = f === "help" ? { type: "boolean", short: "h" } : { type: "boolean" };
  const help = opts.help ? `\n${opts.help}` : "";
  try {
    const parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: opts.positionals ?? false,
    });
    const values = new Map<string, string | true>();
    for (const [name, value] of Object.entries(parsed.values)) {
      if (typeof value === "string" || value === true) values.set(name, value);
    }
    return { values, positionals: parsed.positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = (err as Error).message;
    const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
    const flag = quoted.split(" ")[0] ?? quoted;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new Error(`Unknown option ${flag}.${help}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new Error(`${flag} needs a value, as in ${flag} <value> or ${flag}=<value>.`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      throw new Error(`Unexpected argument ${quoted}.${help}`);
    throw err;
  }
}
