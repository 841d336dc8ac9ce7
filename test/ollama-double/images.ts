export type ImageFormat = "png" | "jpeg" | "webp";
export type ImageSize = { width: number; height: number };
export type SniffedImage = ImageSize & { format: ImageFormat };

/** How a vision model's image processor resizes before cutting blocks (Ollama's SmartResize). */
export type VisionSpec = { factor: number; minPixels: number; maxPixels: number };

export class Base64Error extends Error {
  constructor(readonly offset: number) {
    // Go's base64.CorruptInputError text, which Ollama returns verbatim as a 400.
    super(`illegal base64 data at input byte ${offset}`);
    this.name = "Base64Error";
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const isNewline = (code: number | undefined) => code === 0x0a || code === 0x0d;

/**
 * Decodes like Go's `base64.StdEncoding.Decode`, which is what Ollama's JSON decoder applies to
 * `images`: standard alphabet, padding required, CR/LF skipped, anything else (a `data:` prefix,
 * URL-safe `-`/`_`, spaces) rejected with the byte offset Go would report. Node's own decoder
 * silently skips bad characters, so it cannot be used here.
 */
export function decodeBase64Strict(input: string): Buffer {
  const src = Buffer.from(input, "latin1");
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum = [0, 0, 0, 0];
    let j = 0;
    let padded = false;
    while (j < 4) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        throw new Base64Error(si - j);
      }
      const code = src[si] ?? 0;
      si++;
      if (isNewline(code)) continue;
      if (code === 0x3d /* = */) {
        if (j < 2) throw new Base64Error(si - 1);
        if (j === 2) {
          while (si < src.length && isNewline(src[si])) si++;
          if (si === src.length) throw new Base64Error(src.length);
          if (src[si] !== 0x3d) throw new Base64Error(si - 1);
          si++;
        }
        while (si < src.length && isNewline(src[si])) si++;
        if (si < src.length) throw new Base64Error(si);
        padded = true;
        break;
      }
      const value = DECODE[code] ?? -1;
      if (value < 0) throw new Base64Error(si - 1);
      quantum[j] = value;
      j++;
    }
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    out.push((bits >> 16) & 0xff);
    if (j > 2) out.push((bits >> 8) & 0xff);
    if (j > 3) out.push(bits & 0xff);
    if (padded) break;
  }
  return Buffer.from(out);
}

/** Width and height from the file header only: PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X. */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return sniffPng(buf) ?? sniffJpeg(buf) ?? sniffWebp(buf);
}

function sniffPng(buf: Buffer): SniffedImage | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || signature.some((byte, i) => buf[i] !== byte)) return null;
  if (buf.toString("latin1", 12, 16) !== "IHDR") return null;
  return { format: "png", width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function sniffJpeg(buf: Buffer): SniffedImage | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let i = 2;
  while (i + 3 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = buf.readUInt16BE(i + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (i + 9 > buf.length) return null;
      return { format: "jpeg", height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    i += 2 + length;
  }
  return null;
}

function sniffWebp(buf: Buffer): SniffedImage | null {
  if (buf.length < 30 || buf.toString("latin1", 0, 4) !== "RIFF" || buf.toString("latin1", 8, 12) !== "WEBP") {
    return null;
  }
  const chunkType = buf.toString("latin1", 12, 16);
  if (chunkType === "VP8 ") {
    if (buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) return null;
    return { format: "webp", width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  }
  if (chunkType === "VP8L") {
    if (buf[20] !== 0x2f) return null;
    const bits = buf.readUInt32LE(21);
    return { format: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunkType === "VP8X") {
    return { format: "webp", width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
  }
  return null;
}

/**
 * Ollama's SmartResize for Qwen-VL (model/models/qwen25vl and qwen3vl, 0.13.4+): round each side
 * to a multiple of the block (half to even), then if the area is over `maxPixels` (2 << 20) scale
 * both sides down and floor; under `minPixels`, scale up and ceil. Sides under one block make the
 * real runner panic, so callers check that first.
 */
export function smartResize({ width, height }: ImageSize, spec: VisionSpec): ImageSize {
  const { factor, minPixels, maxPixels } = spec;
  let h = roundHalfEven(height / factor) * factor;
  let w = roundHalfEven(width / factor) * factor;
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    h = Math.floor(height / beta / factor) * factor;
    w = Math.floor(width / beta / factor) * factor;
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / factor) * factor;
    w = Math.ceil((width * beta) / factor) * factor;
  }
  return { width: w, height: h };
}

/** Tokens one image costs a vision model: one per factor x factor block after SmartResize. */
export function countImageTokens(size: ImageSize, spec: VisionSpec): number {
  const resized = smartResize(size, spec);
  return (resized.width / spec.factor) * (resized.height / spec.factor);
}

/** Why the real runner would crash on this image, or null when it can process it. */
export function findRunnerCrash(size: ImageSize, spec: VisionSpec): string | null {
  const { width, height } = size;
  if (width < spec.factor || height < spec.factor) {
    return `height:${height} or width:${width} must be larger than factor:${spec.factor}`;
  }
  if (Math.floor(Math.max(width, height) / Math.min(width, height)) > 200) {
    return "absolute aspect ratio must be smaller than 200";
  }
  return null;
}

/** Tokens llama-server's mtmd gives a Qwen-VL image in Ollama 0.30+ (`--image-min-tokens 1024`). */
export const LLAMA_SERVER_MIN_IMAGE_TOKENS = 1024;
/** llama.cpp's own cap for Qwen-VL projectors (`set_limit_image_tokens(8, 4096)`). */
export const LLAMA_SERVER_MAX_IMAGE_TOKENS = 4096;
/** `<|vision_start|>` and `<|vision_end|>` around every image, on both engines. */
export const IMAGE_MARKER_TOKENS = 2;

const f32 = Math.fround;

/**
 * llama.cpp mtmd `img_tool::calc_size_preserved_ratio(size, align, min_pixels, max_pixels)`, in
 * float32 like the C++ (every float step through Math.fround): round each side to the block
 * (std::round, half away from zero) but never below one block; over the maximum area scale down
 * and floor; under the minimum scale up and ceil. No side is too small: tiny crops are upscaled.
 */
export function llamaServerResize({ width, height }: ImageSize, factor: number, minPixels: number, maxPixels: number): ImageSize {
  const perBlock = (x: number) => f32(f32(x) / f32(factor));
  const roundBy = (x: number) => Math.round(perBlock(x)) * factor; // positive, so Math.round is half away from zero
  const ceilBy = (x: number) => Math.ceil(perBlock(x)) * factor;
  const floorBy = (x: number) => Math.floor(perBlock(x)) * factor;
  let h = Math.max(factor, roundBy(height));
  let w = Math.max(factor, roundBy(width));
  if (h * w > maxPixels) {
    const beta = f32(Math.sqrt(f32(f32(height * width) / f32(maxPixels))));
    h = Math.max(factor, floorBy(f32(f32(height) / beta)));
    w = Math.max(factor, floorBy(f32(f32(width) / beta)));
  } else if (h * w < minPixels) {
    const beta = f32(Math.sqrt(f32(f32(minPixels) / f32(height * width))));
    h = ceilBy(f32(f32(height) * beta));
    w = ceilBy(f32(f32(width) * beta));
  }
  return { width: w, height: h };
}

/** Grid tokens (before the +2 markers) of one image on llama-server, factor 28 or 32: 1024 to 4096. */
export function countLlamaServerImageTokens(size: ImageSize, factor: number): number {
  const blockArea = factor * factor;
  const resized = llamaServerResize(size, factor, LLAMA_SERVER_MIN_IMAGE_TOKENS * blockArea, LLAMA_SERVER_MAX_IMAGE_TOKENS * blockArea);
  return (resized.width / factor) * (resized.height / factor);
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
