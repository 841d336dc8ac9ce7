import { existsSync } from "node:fs";
import path from "node:path";
import type { Figure } from "../lib/figures";
import { runToEnd } from "../lib/processes";
import type { BenchContext, Section } from "./context";

// bench/lighthouse (its own package, kept out of the app's dependencies) on the lesson page, desktop
// and mobile, median of 3 runs. Skipped, with a note, when no Chromium is found.

const LESSON = "/lessons/local-qwen-vl";

type Summary = { performance: number; accessibility: number; cls: number; lcpMs: number; tbtMs: number; fcpMs: number };

async function chromiumPath(): Promise<string | null> {
  const { findBrowser } = await import("../../scripts/browser");
  const found = findBrowser();
  if (!found) return null;
  if (found.executablePath) return found.executablePath;
  const { chromium } = await import("@playwright/test");
  return chromium.executablePath();
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  const base = { database: "any", section: "Lighthouse (lesson page)" };
  const chrome = await chromiumPath();
  if (!chrome) {
    return [
      {
        ...base,
        measure: "desktop and mobile performance",
        result: "skipped: no Chromium found (set CHROMIUM_PATH, or apt-get install chromium)",
        target: "desktop 1.00, mobile ≥ 0.95",
        met: null,
      },
    ];
  }
  const dir = path.join("bench", "lighthouse");
  if (!existsSync(path.join(dir, "node_modules", "lighthouse", "package.json"))) {
    ctx.log("  installing bench/lighthouse's packages (npm ci)…");
    await runToEnd("npm", ["--prefix", dir, "ci", "--no-audit", "--no-fund", "--silent"], { timeoutMs: 300_000 });
  }
  const runs = ctx.quick ? 1 : 3;
  ctx.log(`  desktop and mobile, ${runs} run(s) each, with ${chrome}`);
  const { stdout } = await runToEnd(process.execPath, [path.join(dir, "lighthouse.mjs"), `${ctx.baseURL}${LESSON}`, String(runs)], {
    env: { ...process.env, CHROME_PATH: chrome },
    timeoutMs: runs * 2 * 120_000,
  });
  const figures: Figure[] = [];
  for (const [formFactor, goal] of [
    ["desktop", 1],
    ["mobile", 0.95],
  ] as const) {
    const line = stdout.split("\n").find((l) => l.startsWith(`${formFactor} (median of`));
    if (!line) throw new Error(`No ${formFactor} result from bench/lighthouse:\n${stdout}`);
    const s = JSON.parse(line.slice(line.indexOf("{"))) as Summary;
    figures.push({
      ...base,
      measure: `${formFactor} performance (median of ${runs})`,
      result:
        `${s.performance.toFixed(2)} (accessibility ${s.accessibility.toFixed(2)}, FCP ${Math.round(s.fcpMs)} ms, ` +
        `LCP ${Math.round(s.lcpMs)} ms, TBT ${Math.round(s.tbtMs)} ms, CLS ${s.cls.toFixed(3)})`,
      target: goal === 1 ? "1.00" : "≥ 0.95",
      met: s.performance >= goal,
    });
  }
  return figures;
}

export const lighthouseSection: Section = { name: "lighthouse", title: "Lighthouse (lesson page)", usesDatabase: false, run };
