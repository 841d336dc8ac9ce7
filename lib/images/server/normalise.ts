import "server-only";
import { createHash } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";
import type { SniffedImage } from "@/lib/images/sniff";
import { MIN_SIDE, paddingFor } from "@/lib/images/lab-size";
import { AppError } from "@/lib/app-error";

export type NormalisedImage = {
  bytes: Buffer;
  sha256: string;
  format: "png" | "jpeg";
  width: number;
  height: number;
  original: { format: SniffedImage["format"]; width: number; height: number; bytes: number };
};

export class ImageDecodeError extends AppError {
  constructor() {
    super("CORRUPT", "The image could not be read: it is damaged or incomplete. Save it again and retry.");
  }
}

/**
 * The one image every model sees: EXIF orientation applied then all metadata dropped, longest side
 * at most `maxSide`, both sides at least 56 px (white padding, as tiny crops crash the runner),
 * PNG for screenshots, JPEG kept as JPEG. sharp refuses more than `maxPixels` before decoding.
 * lib/images/lab-size.ts computes the same size without decoding (the lesson's explorable uses it).
 */
export async function normaliseImage(
  input: Uint8Array,
  sniffed: SniffedImage,
  { maxSide, maxPixels }: { maxSide: number; maxPixels: number },
): Promise<NormalisedImage> {
  const format = sniffed.format === "jpeg" ? "jpeg" : "png";
  let pipeline = sharp(input, { limitInputPixels: maxPixels, failOn: "error" })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true });
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await (format === "jpeg" ? pipeline.jpeg({ quality: 90, mozjpeg: true }) : pipeline.png({ compressionLevel: 8 })).toBuffer({
      resolveWithObject: true,
    });
    if (out.info.width < MIN_SIDE || out.info.height < MIN_SIDE) {
      pipeline = sharp(out.data).extend({
        top: 0,
        left: 0,
        ...paddingFor(out.info.width, out.info.height),
        background: { r: 255, g: 255, b: 255, alpha: 1 },
      });
      out = await (format === "jpeg" ? pipeline.jpeg({ quality: 90 }) : pipeline.png()).toBuffer({ resolveWithObject: true });
    }
  } catch {
    throw new ImageDecodeError();
  }
  return {
    bytes: out.data,
    sha256: createHash("sha256").update(out.data).digest("hex"),
    format,
    width: out.info.width,
    height: out.info.height,
    original: { format: sniffed.format, width: sniffed.width, height: sniffed.height, bytes: input.length },
  };
}
