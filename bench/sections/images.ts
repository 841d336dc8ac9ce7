import { describe, type Figure } from "../lib/figures";
import { timeNormalise } from "../lib/image-timing";
import type { BenchContext, Section } from "./context";

// Screenshots through lib/images/server/normalise.ts as an upload does (no target was set: information).

async function run(ctx: BenchContext): Promise<Figure[]> {
  const runs = ctx.quick ? 3 : 15;
  const figures: Figure[] = [];
  for (const [width, height, label] of [
    [1920, 1080, "1080p"],
    [3840, 2160, "4K"],
  ] as const) {
    ctx.log(`  ${label}: ${runs} runs`);
    const timing = await timeNormalise(width, height, runs);
    figures.push({
      database: "any",
      section: "Image normalising",
      measure: `${label} PNG (${width}x${height}, ${(timing.inputBytes / 1e6).toFixed(1)} MB) to 1280 px`,
      result: describe(timing.times, ["p50", "p95"]),
      target: "none set (information)",
      met: null,
    });
  }
  return figures;
}

export const imagesSection: Section = { name: "images", title: "Image normalising", usesDatabase: false, run };
