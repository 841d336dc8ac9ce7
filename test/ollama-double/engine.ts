/**
 * Which Ollama the double pretends to be. Ollama 0.30.0-rc0 replaced its own Go model code with
 * llama.cpp's llama-server (there are no 0.25 to 0.29 releases); the version a server reports is
 * how a client tells the two apart, so the double picks its engine profile from it too.
 */
export type Engine = "llama-server" | "go";

export const ENGINES: readonly Engine[] = ["llama-server", "go"];

/** Newest stable release of each engine (0.24.0 is the Go engine's last). */
export const DEFAULT_VERSION: Readonly<Record<Engine, string>> = { "llama-server": "0.32.15", go: "0.24.0" };

export type Profile = { engine: Engine; version: string };

/** Version boundaries the double's behaviour depends on (all verified in ollama/ollama tags; docs/ollama.md, "Sources and dates"). */
export const VERSIONS = {
  /** First llama-server-only build ("runner: Remove CGO engines ..."). */
  llamaServer: "0.30.0-rc0",
  /** `capabilities` in /api/tags ("Reduce startup model hydration"). */
  tagsCapabilities: "0.30.0-rc22",
  /** Format grammar applied from the first token when a thinking parser gets think:false. */
  formatForcedImmediately: "0.31.2",
  /** Qwen2.5-VL SmartResize cap raised from 1 MP (28*28*1280) to 2 MiP. */
  qwen25vlTwoMegapixels: "0.13.4",
  /** `model 'x' not found` instead of `model "x" not found, try pulling it first`. */
  shortNotFound: "0.12.0",
} as const;

const VERSION_PATTERN = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

export function isVersion(text: string): boolean {
  return VERSION_PATTERN.test(text);
}

/**
 * Compares Ollama versions: numbers first, then a release beats its pre-releases, and pre-release
 * identifiers compare naturally (rc10 after rc9, unlike strict semver's lexical order).
 */
export function compareVersions(a: string, b: string): number {
  const left = VERSION_PATTERN.exec(a);
  const right = VERSION_PATTERN.exec(b);
  if (!left || !right) throw new Error(`not a version: ${left ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(left[i]) - Number(right[i]);
    if (diff !== 0) return Math.sign(diff);
  }
  const [preLeft, preRight] = [left[4], right[4]];
  if (preLeft === undefined || preRight === undefined) return preLeft === preRight ? 0 : preLeft === undefined ? 1 : -1;
  return naturalCompare(preLeft, preRight);
}

function naturalCompare(a: string, b: string): number {
  const parts = (text: string) => text.match(/\d+|\D+/g) ?? [];
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const diff = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

export function atLeast(profile: Profile, version: string): boolean {
  return compareVersions(profile.version, version) >= 0;
}

/** 0.30.0-rc0 and later run llama-server; everything before runs the Go engine. */
export function engineForVersion(version: string): Engine {
  return compareVersions(version, VERSIONS.llamaServer) >= 0 ? "llama-server" : "go";
}

/**
 * The profile for the given options: an explicit engine wins; a version alone decides the engine;
 * an engine alone reports that engine's newest release; nothing at all is llama-server 0.32.15.
 */
export function resolveProfile(options: { engine?: unknown; version?: unknown }): Profile {
  const { engine, version } = options;
  if (engine !== undefined && !ENGINES.includes(engine as Engine)) {
    throw new RangeError(`"engine" must be one of ${ENGINES.join(", ")}`);
  }
  if (version !== undefined && (typeof version !== "string" || !isVersion(version))) {
    throw new RangeError(`"version" must be a version like 0.32.15 or 0.30.0-rc3`);
  }
  const cleanVersion = typeof version === "string" ? version.replace(/^v/, "") : undefined;
  if (engine !== undefined) return { engine: engine as Engine, version: cleanVersion ?? DEFAULT_VERSION[engine as Engine] };
  if (cleanVersion !== undefined) return { engine: engineForVersion(cleanVersion), version: cleanVersion };
  return { engine: "llama-server", version: DEFAULT_VERSION["llama-server"] };
}
