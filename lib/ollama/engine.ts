// Which engine an Ollama runs, from the version it reports (/api/version). Ollama 0.30 (first
// pre-release 0.30.0-rc0) replaced its own Go model code with llama.cpp's llama-server; image
// preprocessing, errors and several behaviours changed with it. Pure: the browser uses it too.

/** go-1mp: before 0.13.4 (Qwen2.5-VL capped at about 1 MP); go: 0.13.4 to 0.2x; llama-server: 0.30 and later. */
export type OllamaEngine = "go-1mp" | "go" | "llama-server";

export const ENGINE_LABELS: Record<OllamaEngine, string> = {
  "go-1mp": "Ollama before 0.13.4 (Go engine)",
  go: "Ollama 0.13.4 to 0.24 (Go engine)",
  "llama-server": "Ollama 0.30 and later (llama.cpp engine)",
};

type Version = { parts: [number, number, number]; prerelease: string | null };

export function parseOllamaVersion(text: string | null | undefined): Version | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec((text ?? "").trim());
  if (!match) return null;
  return { parts: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] ?? null };
}

/** -1, 0 or 1; a pre-release sorts before its release (0.30.0-rc0 < 0.30.0). */
function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.parts[i] !== b.parts[i]) return a.parts[i]! < b.parts[i]! ? -1 : 1;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === null) return 1;
  if (b.prerelease === null) return -1;
  return a.prerelease.localeCompare(b.prerelease, "en", { numeric: true });
}

const LLAMA_SERVER_FROM = parseOllamaVersion("0.30.0-rc0")!;
const GO_2MP_FROM = parseOllamaVersion("0.13.4")!;

/**
 * The engine for a reported version. A source build reports 0.0.0 and an unknown version gives
 * null: callers assume what people install today (the llama-server engine) and say it is assumed.
 */
export function engineOf(version: string | null | undefined): OllamaEngine | null {
  const parsed = parseOllamaVersion(version);
  if (!parsed || (parsed.parts[0] === 0 && parsed.parts[1] === 0 && parsed.parts[2] === 0)) return null;
  if (compare(parsed, LLAMA_SERVER_FROM) >= 0) return "llama-server";
  return compare(parsed, GO_2MP_FROM) >= 0 ? "go" : "go-1mp";
}

/** Whether `version` is at least `minimum` (false when unknown). */
export function isAtLeast(version: string | null | undefined, minimum: string): boolean {
  const a = parseOllamaVersion(version);
  const b = parseOllamaVersion(minimum);
  return Boolean(a && b && compare(a, b) >= 0);
}
