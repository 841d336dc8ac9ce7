import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The lesson's explorables are client components: everything they import from lib/ must load in a
// browser. Walks the static imports (type-only imports are erased, so they are skipped).
const ENTRY_POINTS = [
  "lib/images/image-cost.ts",
  "lib/images/lab-size.ts",
  "lib/images/tokens.ts",
  "lib/ollama/engine.ts",
  "lib/ollama/metrics.ts",
  "lib/models/memory.ts",
  "lib/format.ts",
  "lib/images/image-cost-outcome.ts",
  "lib/models/model-fit.ts",
  "lib/forms/number-field.ts",
];
const FORBIDDEN = /^(server-only|node:|sharp$|fs$|path$|crypto$|@prisma\/|@\/lib\/(env|db)(\/|$))/;

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    if (!m[1]) specs.push(m[2]!);
  }
  return specs;
}

function resolve(spec: string): string | null {
  if (!spec.startsWith("@/")) return null;
  return path.resolve(spec.slice(2) + ".ts");
}

describe("modules the explorables run in the browser", () => {
  it.each(ENTRY_POINTS)("%s imports nothing server-only", (entry) => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (FORBIDDEN.test(spec)) bad.push(`${path.relative(process.cwd(), file)} imports ${spec}`);
        const next = resolve(spec);
        if (next) visit(next);
      }
    };
    visit(path.resolve(entry));
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
  });
});
