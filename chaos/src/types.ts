export interface RunOptions {
  quick: boolean;
  /** Progress lines for the person watching (stderr). */
  say(message: string): void;
}

export interface Memory {
  start: number | null;
  peak: number | null;
  end: number | null;
}

/** One row of the table. */
export interface ScenarioResult {
  name: string;
  /** Whether the criterion held; null when the scenario could not be run to a verdict. */
  pass: boolean | null;
  /** What must hold, in a sentence. */
  criterion: string;
  /** Updates another client had received that were gone after a restart (kill -9 only). */
  lost: number | null;
  /** Server process alive and answering /healthz at the end (and never exited on its own). */
  serverUp: boolean | null;
  /** Healthy clients' round trip p99 (ms) while the scenario ran. */
  p99Ms: number | null;
  /** Server resident memory (bytes). */
  memory: Memory | null;
  /** The key figures, one short line. */
  figures: string;
  /** Everything measured, for the JSON file. */
  details: Record<string, unknown>;
  durationMs: number;
}

export interface Scenario {
  name: string;
  /** A sentence for --help and the doc. */
  about: string;
  run(opts: RunOptions): Promise<ScenarioResult[]>;
}
