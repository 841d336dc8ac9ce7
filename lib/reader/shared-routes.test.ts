import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The front door serves the catalogue, the lesson pages and their quiz and lab pages from one cookie-less render to every
// reader (lib/http/page-cache.ts). That is safe only while nothing those routes render on the
// server can know who asked: this walks their server-side imports (stopping at client components
// and server actions, which never run in that render) and fails on anything that reads the session.

const root = path.resolve(import.meta.dirname, "../..");
const SHARED = [
  "app/layout.tsx",
  "app/page.tsx",
  "app/lessons/[slug]/page.tsx",
  "app/lessons/[slug]/quiz/page.tsx",
  "app/lessons/[slug]/lab/page.tsx",
];
const SESSION_MODULES = ["@/lib/auth/server/session", "@/lib/auth/server/auth", "next-auth"];

function resolveSpec(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

function specsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s(?!type\s)[^;]*?from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
}

/** Every module the shared routes' server render can reach, with what reads the session there. */
function sessionReaders(): string[] {
  const seen = new Set<string>();
  const findings: string[] = [];
  const queue = SHARED.map((f) => path.join(root, f));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    // Client components render on the server too, but cannot import the session (server-only);
    // server actions run only when posted to, never during the render.
    if (/^\s*["']use (client|server)["']/.test(text)) continue;
    const rel = path.relative(root, file);
    for (const spec of specsOf(text)) {
      if (SESSION_MODULES.includes(spec)) findings.push(`${rel} imports ${spec}`);
      const next = resolveSpec(file, spec);
      if (next) queue.push(next);
    }
    if (/\bcookies\s*\(/.test(text)) findings.push(`${rel} reads cookies()`);
  }
  expect(seen.size).toBeGreaterThan(20);
  return findings;
}

describe("the shared pages", () => {
  it("never read the session or cookies while rendering, so one render can serve every reader", () => {
    expect(sessionReaders()).toEqual([]);
  });
});
