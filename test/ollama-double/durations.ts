import { HttpError } from "./wire";

export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * `keep_alive` as Ollama's api.Duration reads it, in milliseconds: a number is whole seconds
 * (Go truncates 0.5 to 0, which unloads), a string is a Go duration ("5m", "1h30m", "300ms"),
 * anything negative means forever (Infinity). Invalid strings are the 400 Go would return.
 */
export function parseKeepAlive(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_KEEP_ALIVE_MS;
  if (typeof value === "number") return value < 0 ? Number.POSITIVE_INFINITY : Math.trunc(value) * 1000;
  if (typeof value === "string") {
    const ms = parseGoDuration(value);
    return ms < 0 ? Number.POSITIVE_INFINITY : ms;
  }
  throw new HttpError(
    400,
    `Unsupported type: '${Array.isArray(value) ? "[]interface {}" : typeof value === "boolean" ? "bool" : "map[string]interface {}"}'`,
  );
}

function parseGoDuration(text: string): number {
  if (text === "0") return 0;
  const match = /^([+-]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!match) {
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new HttpError(400, `time: missing unit in duration "${text}"`);
    throw new HttpError(400, `time: invalid duration "${text}"`);
  }
  let total = 0;
  for (const [, amount = "0", unit = "s"] of (match[2] ?? "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(amount) * (UNIT_MS[unit] ?? 0);
  }
  return match[1] === "-" ? -total : total;
}

export const msToNs = (ms: number): number => Math.round(ms * 1e6);
