import { parseArgs } from "node:util";
import { resolveProfile, type Profile } from "./engine";

export const USAGE =
  "usage: ollama-test-server [--port 11435] [--host 127.0.0.1] [--engine llama-server|go] [--ollama-version 0.32.15] [--parallel-per-model N]";

export type CliOptions = { port: number; host: string; profile: Profile; parallelPerModel: number | null };

/** The CLI's arguments, or what to print and the exit code (0 for --help, 2 for a mistake). */
export type CliParse = { ok: true; options: CliOptions } | { ok: false; exitCode: 0 | 2; message: string };

export function parseCliArgs(args: readonly string[]): CliParse {
  const mistake = (message: string): CliParse => ({ ok: false, exitCode: 2, message: `${message}\n${USAGE}` });
  let values: { port?: string; host?: string; engine?: string; "ollama-version"?: string; "parallel-per-model"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: "string", default: "11435" },
        host: { type: "string", default: "127.0.0.1" },
        engine: { type: "string" },
        "ollama-version": { type: "string" },
        "parallel-per-model": { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    return mistake((error as Error).message);
  }
  if (values.help) return { ok: false, exitCode: 0, message: USAGE };
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return mistake(`--port must be a port number, got "${values.port}"`);
  // OLLAMA_NUM_PARALLEL's default: one generation per model at a time.
  let parallelPerModel: number | null = 1;
  const parallel = values["parallel-per-model"];
  if (parallel !== undefined) {
    parallelPerModel = /^\d+$/.test(parallel) ? Number(parallel) : Number.NaN;
    if (!Number.isSafeInteger(parallelPerModel) || parallelPerModel < 1) {
      return mistake(`--parallel-per-model must be a whole number >= 1, got "${parallel}"`);
    }
  }
  let profile: Profile;
  try {
    profile = resolveProfile({ engine: values.engine, version: values["ollama-version"] });
  } catch (error) {
    return mistake((error as Error).message);
  }
  return { ok: true, options: { port, host: values.host ?? "127.0.0.1", profile, parallelPerModel } };
}
