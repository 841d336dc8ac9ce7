import { sniffImage, type SniffedImage } from "@/lib/images/sniff";

export type UploadLimits = { maxBytes: number; maxPixels: number };

export type UploadCheck =
  | { ok: true; image: SniffedImage }
  | { ok: false; code: "EMPTY" | "TOO_LARGE" | "UNSUPPORTED" | "CORRUPT" | "TOO_MANY_PIXELS"; message: string };

const mb = (bytes: number) => `${Math.round((bytes / 1e6) * 10) / 10} MB`;

/** Checks an upload from its bytes alone: size, real type, header dimensions. Never decodes, never throws. */
export function checkUpload(bytes: Uint8Array, limits: UploadLimits): UploadCheck {
  if (bytes.length === 0) return { ok: false, code: "EMPTY", message: "The file is empty. Choose a screenshot (PNG, JPEG or WebP)." };
  if (bytes.length > limits.maxBytes) {
    return {
      ok: false,
      code: "TOO_LARGE",
      message: `The file is ${mb(bytes.length)}; the limit is ${mb(limits.maxBytes)}. Crop the screenshot or save it as JPEG.`,
    };
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) {
    return sniffed.reason === "unsupported"
      ? {
          ok: false,
          code: "UNSUPPORTED",
          message:
            "That file is not a PNG, JPEG or WebP image (SVG, GIF, PDF and others are refused). Take a screenshot as PNG and try again.",
        }
      : {
          ok: false,
          code: "CORRUPT",
          message: "The image is damaged or incomplete (the file may have been cut off). Save it again and retry.",
        };
  }
  const { width, height } = sniffed.image;
  if (width * height > limits.maxPixels) {
    return {
      ok: false,
      code: "TOO_MANY_PIXELS",
      message: `The image says it is ${width}x${height} pixels, more than the ${Math.round(limits.maxPixels / 1e6)} megapixels allowed. Crop it to the part that matters.`,
    };
  }
  return { ok: true, image: sniffed.image };
}
