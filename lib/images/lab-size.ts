// The size the lab sends to the models, computed without decoding anything: lib/images/server/normalise.ts
// does it with sharp, and the lesson's token explorable predicts it in the browser. Pure.
//
// sharp's `fit: "inside"` with `withoutEnlargement`: one shrink factor for both sides (the larger
// of width / maxSide and height / maxSide, never below 1), each side rounded half up. sharp also
// shrinks while decoding: a JPEG that must shrink at least twofold is decoded at 1/2, 1/4 or 1/8
// (libjpeg, sides rounded down) and a WebP at the exact scale (sides rounded half to even), then the
// rest is resized; either can move the short side by a pixel. lib/images/lab-size.test.ts checks
// each branch against sharp itself.

import type { ImageFormat } from "@/lib/images/sniff";

/** LAB_MAX_SIDE's default: the longest side the lab sends. */
export const DEFAULT_LAB_MAX_SIDE = 1280;

/** Both sides at least this (white padding at the bottom and right), so a tiny crop works on every engine. */
export const MIN_SIDE = 56;

export type LabImageSize = {
  width: number;
  height: number;
  /** the image was shrunk to fit maxSide */
  isScaled: boolean;
  /** white padding was added to reach MIN_SIDE */
  isPadded: boolean;
};

const roundHalfUp = (x: number) => Math.floor(x + 0.5);

/** C's rint in the default rounding mode: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The integer factor libjpeg decodes a JPEG at, as sharp picks it (fastShrinkOnLoad, its default). */
function jpegShrinkOnLoad(shrink: number): number {
  let factor = shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
  // sharp steps down when the shrink is exactly that integer ("known libjpeg rounding errors").
  if (factor > 1 && Math.trunc(shrink) === factor) factor /= 2;
  return factor;
}

/** The size after the resize, before padding. */
export function scaledSize(width: number, height: number, maxSide: number, format: ImageFormat = "png"): { width: number; height: number } {
  let w = width;
  let h = height;
  let shrink = Math.max(1, w / maxSide, h / maxSide);
  if (format === "jpeg") {
    const onLoad = jpegShrinkOnLoad(shrink);
    if (onLoad > 1) {
      w = Math.floor(w / onLoad);
      h = Math.floor(h / onLoad);
      shrink = Math.max(1, w / maxSide, h / maxSide);
    }
  } else if (format === "webp" && shrink > 1) {
    // libwebp decodes straight at the scale (sides rounded half to even), often leaving nothing to do.
    const scale = 1 / shrink;
    w = Math.max(1, roundHalfEven(w * scale));
    h = Math.max(1, roundHalfEven(h * scale));
    shrink = Math.max(1, w / maxSide, h / maxSide);
  }
  if (shrink === 1) return { width: w, height: h };
  return { width: Math.max(1, roundHalfUp(w * (1 / shrink))), height: Math.max(1, roundHalfUp(h * (1 / shrink))) };
}

/** How much white the lab adds at the bottom and on the right of an image of this size. */
export function paddingFor(width: number, height: number): { bottom: number; right: number } {
  return { bottom: Math.max(0, MIN_SIDE - height), right: Math.max(0, MIN_SIDE - width) };
}

/**
 * What the lab makes of an image of this size (EXIF orientation already applied): the longest side
 * at most `maxSide`, never enlarged, then padded so both sides are at least MIN_SIDE.
 */
export function labImageSize(
  width: number,
  height: number,
  { maxSide = DEFAULT_LAB_MAX_SIDE, format = "png" }: { maxSide?: number; format?: ImageFormat } = {},
): LabImageSize {
  const scaled = scaledSize(width, height, maxSide, format);
  const pad = paddingFor(scaled.width, scaled.height);
  return {
    width: scaled.width + pad.right,
    height: scaled.height + pad.bottom,
    isScaled: scaled.width !== width || scaled.height !== height,
    isPadded: pad.right > 0 || pad.bottom > 0,
  };
}
