// What an uploaded file really is, from its bytes (never its name or declared type), and its
// dimensions from the header alone, so a decompression bomb is refused before anything decodes it.

export type ImageFormat = "png" | "jpeg" | "webp";
export type SniffedImage = { format: ImageFormat; width: number; height: number };
export type SniffResult = { ok: true; image: SniffedImage } | { ok: false; reason: "unsupported" | "truncated" | "corrupt" };

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32be = (b: Uint8Array, i: number) =>
  (((b[i] ?? 0) << 24) >>> 0) + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0));
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16);
const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniffPng(b: Uint8Array): SniffResult | null {
  if (!PNG_SIGNATURE.every((byte, i) => b[i] === byte)) return null;
  if (b.length < 33) return { ok: false, reason: "truncated" };
  if (ascii(b, 12, 16) !== "IHDR") return { ok: false, reason: "corrupt" };
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  if (width === 0 || height === 0) return { ok: false, reason: "corrupt" };
  return { ok: true, image: { format: "png", width, height } };
}

function sniffJpeg(b: Uint8Array): SniffResult | null {
  if (b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return { ok: false, reason: "corrupt" };
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { ok: false, reason: "corrupt" };
    const length = u16be(b, i + 2);
    if (length < 2) return { ok: false, reason: "corrupt" };
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (i + 9 > b.length) return { ok: false, reason: "truncated" };
      const height = u16be(b, i + 5);
      const width = u16be(b, i + 7);
      if (width === 0 || height === 0) return { ok: false, reason: "corrupt" };
      return { ok: true, image: { format: "jpeg", width, height } };
    }
    i += 2 + length;
  }
  return { ok: false, reason: "truncated" };
}

function sniffWebp(b: Uint8Array): SniffResult | null {
  if (b.length < 12 || ascii(b, 0, 4) !== "RIFF" || ascii(b, 8, 12) !== "WEBP") return null;
  if (b.length < 30) return { ok: false, reason: "truncated" };
  const chunk = ascii(b, 12, 16);
  let width = 0;
  let height = 0;
  if (chunk === "VP8 ") {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return { ok: false, reason: "corrupt" };
    width = u16le(b, 26) & 0x3fff;
    height = u16le(b, 28) & 0x3fff;
  } else if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return { ok: false, reason: "corrupt" };
    const bits = ((b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24)) >>> 0;
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
  } else if (chunk === "VP8X") {
    width = u24le(b, 24) + 1;
    height = u24le(b, 27) + 1;
  } else {
    return { ok: false, reason: "corrupt" };
  }
  if (width === 0 || height === 0) return { ok: false, reason: "corrupt" };
  return { ok: true, image: { format: "webp", width, height } };
}

/** PNG, JPEG or WebP by magic bytes; anything else (SVG, GIF, HTML, PDF…) is unsupported. Never throws. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  return sniffPng(bytes) ?? sniffJpeg(bytes) ?? sniffWebp(bytes) ?? { ok: false, reason: "unsupported" };
}
