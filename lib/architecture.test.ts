import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, sizeFindings, tsSources } from "../scripts/size-report";

// The house's layers, read from the paths (README, "Project layout"):
//   lib/<domain>/data/    database code (imports @/lib/db), server only
//   lib/<domain>/server/  other server-only code (secrets, files, Ollama, Next's request APIs)
//   lib/<domain>/*.ts     pure logic and browser-safe types: no server imports, usable anywhere
// and the rules that make the paths true: what a client component may import, and that lib/ never
// reaches up into components/ or app/.

const root = path.resolve(import.meta.dirname, "..");

const walk = (dir: string) => tsSources(dir, { tests: true });

const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
const source = (file: string) => readFileSync(file, "utf8");

/**
 * The module specifiers a file imports (static and dynamic), as written. `import type` is erased
 * at build time, so it brings no code along: only `withTypes` counts it.
 */
function importsOf(text: string, { withTypes = false } = {}): string[] {
  const specs = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s([^;]*?)from\s+["']([^"']+)["']/g)) {
    if (withTypes || !/^type\s/.test(m[1]!)) specs.add(m[2]!);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+["']([^"']+)["']/g)) specs.add(m[1]!);
  for (const m of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) specs.add(m[1]!);
  return [...specs];
}

/** "@/lib/x/y" or a relative path, as a repository path without extension. */
function resolved(from: string, spec: string): string | null {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return rel(path.resolve(path.dirname(from), spec));
  return null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const libFiles = walk(path.join(root, "lib")).filter((f) => !isTest(f));
const layerOf = (repoPath: string): "data" | "server" | "infra" | "pure" => {
  if (/^lib\/(db|db\/.*)$/.test(repoPath.replace(/\.tsx?$/, "")) || repoPath === "lib/env" || repoPath === "lib/env.ts") return "infra";
  if (/^lib\/(.+\/)?data\//.test(repoPath)) return "data";
  if (/^lib\/(.+\/)?server\//.test(repoPath)) return "server";
  return "pure";
};

describe("the house's layers", () => {
  it("database code lives in a data/ folder", () => {
    const misplaced = libFiles
      .filter((f) => importsOf(source(f)).some((s) => s === "@/lib/db" || s === "@/lib/db/client"))
      .map(rel)
      .filter((f) => layerOf(f) !== "data" && layerOf(f) !== "infra");
    expect(misplaced).toEqual([]);
  });

  it("server-only code lives in data/ or server/; everything else in lib/ is pure", () => {
    const misplaced = libFiles
      .map(rel)
      .filter((f) => layerOf(f) === "pure")
      .filter((f) => {
        const specs = importsOf(source(path.join(root, f)));
        return specs.some(
          (s) =>
            s === "server-only" ||
            s === "@/lib/env" ||
            s === "@/lib/db" ||
            ["data", "server", "infra"].includes(layerOf(resolved(path.join(root, f), s) ?? "")),
        );
      });
    expect(misplaced).toEqual([]);
  });

  it("client components import only pure lib modules, types included", () => {
    const clients = [...walk(path.join(root, "components")), ...walk(path.join(root, "app")), ...walk(path.join(root, "hooks"))].filter(
      (f) => !isTest(f) && /^\s*["']use client["']/.test(source(f)),
    );
    expect(clients.length).toBeGreaterThan(20);
    // Types too: what the browser is handed is declared where the browser may look (types.ts).
    const offending = clients.flatMap((f) =>
      importsOf(source(f), { withTypes: true })
        .map((s) => resolved(f, s))
        .filter((p): p is string => Boolean(p && p.startsWith("lib/") && layerOf(p) !== "pure"))
        .map((p) => `${rel(f)} -> ${p}`),
    );
    expect(offending).toEqual([]);
  });

  it("lib/ never imports components/ or app/, not even a type", () => {
    const upward = libFiles.flatMap((f) =>
      importsOf(source(f), { withTypes: true })
        .map((s) => resolved(f, s))
        .filter((p): p is string => Boolean(p && /^(components|app)\//.test(p)))
        .map((p) => `${rel(f)} -> ${p}`),
    );
    expect(upward).toEqual([]);
  });
});

describe("the house's sizes", () => {
  // Small enough to read in one sitting: `npx tsx scripts/size-report.ts` lists what is over.
  const { files, functions } = sizeFindings();
  it(`no file in app/, components/, hooks/ or lib/ is over ${MAX_FILE_LINES} lines`, () => {
    expect(files.map((f) => `${f.file} (${f.lines})`)).toEqual([]);
  });
  it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(functions.map((f) => `${f.file} ${f.name} (${f.lines})`)).toEqual([]);
  });
});

// Tests that reach the database (the app's db, through @/lib/db or any data/ module, however
// indirectly) are named *.db.test.ts: `npm run test:data` picks them by that suffix and runs them
// against PostgreSQL in CI (TEST_DATABASE_URL), and `npm run test:unit` runs them with the rest on
// SQLite. A test that reaches no database is not named so. (lib/db/client.test.ts opens SQLite files
// of its own, not the configured database: a unit test.)
describe("database tests by name", () => {
  const testFiles = [...walk(path.join(root, "lib")), ...walk(path.join(root, "test"))].filter(isTest);
  const resolvedFile = (from: string, spec: string): string | null => {
    const target = resolved(from, spec);
    if (!target) return null;
    for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`]) {
      try {
        if (statSync(path.join(root, candidate)).isFile()) return candidate;
      } catch {
        // not this one
      }
    }
    return null;
  };
  /** Whether `file` imports, directly or through other modules, lib/db.ts or a data/ module. */
  const reachesDatabase = (file: string, seen = new Set<string>()): boolean => {
    for (const spec of importsOf(source(path.join(root, file)))) {
      const target = resolvedFile(path.join(root, file), spec);
      if (!target || seen.has(target) || target.startsWith("lib/generated/")) continue;
      seen.add(target);
      if (target === "lib/db.ts" || layerOf(target) === "data" || reachesDatabase(target, seen)) return true;
    }
    return false;
  };

  it("a test file that reaches the database ends in .db.test.ts, and only such a file does", () => {
    const files = testFiles.map(rel);
    const dbTests = files.filter((f) => reachesDatabase(f));
    expect(dbTests.length).toBeGreaterThan(10);
    expect(dbTests.filter((f) => !f.endsWith(".db.test.ts"))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".db.test.ts") && !dbTests.includes(f))).toEqual([]);
  });
});
