import { performance } from "node:perf_hooks";

// Normalising a screenshot as an upload does (lib/images/server/normalise.ts, 1280 px longest side):
// a real screenshot (the settings sample) scaled to the size, so the PNG carries real detail.

export type NormaliseTiming = { width: number; height: number; inputBytes: number; times: number[] };

export async function timeNormalise(width: number, height: number, runs: number): Promise<NormaliseTiming> {
  const sharp = (await import("sharp")).default;
  const { readSampleImage, getSample } = await import("../../lib/lab/server/samples");
  const { normaliseImage } = await import("../../lib/images/server/normalise");
  const input = await sharp(readSampleImage(getSample("settings-screen")!))
    .resize(width, height, { fit: "fill" })
    .png()
    .toBuffer();
  const once = () => normaliseImage(input, { format: "png", width, height }, { maxSide: 1280, maxPixels: 50_000_000 });
  await once(); // warm-up: sharp's first call loads libvips' operations
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return { width, height, inputBytes: input.length, times };
}
