import { fc, test } from "@fast-check/vitest";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makePng } from "@/test/ollama-double/png";
import { normaliseImage, ImageDecodeError } from "@/lib/images/server/normalise";
import { sniffImage } from "@/lib/images/sniff";
import { expectedImageTokens, imageGridTokens, visionFamilyOf } from "@/lib/images/tokens";
import { engineOf, isAtLeast } from "@/lib/ollama/engine";
import { checkUpload } from "@/lib/images/validate";

const limits = { maxBytes: 10_000_000, maxPixels: 50_000_000 };

/** A PNG whose header claims any size: the body is not needed to refuse it. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

describe("sniffing", () => {
  it("knows PNG, JPEG and WebP by their bytes and reads their size", async () => {
    const png = makePng(300, 200);
    const jpeg = await sharp(png).jpeg().toBuffer();
    const webp = await sharp(png).webp().toBuffer();
    const webpLossless = await sharp(png).webp({ lossless: true }).toBuffer();
    expect(sniffImage(png)).toEqual({ ok: true, image: { format: "png", width: 300, height: 200 } });
    expect(sniffImage(jpeg)).toEqual({ ok: true, image: { format: "jpeg", width: 300, height: 200 } });
    expect(sniffImage(webp)).toEqual({ ok: true, image: { format: "webp", width: 300, height: 200 } });
    expect(sniffImage(webpLossless)).toEqual({ ok: true, image: { format: "webp", width: 300, height: 200 } });
  });

  it.each([
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'],
    ["GIF", "GIF89a\x01\x00\x01\x00\x00\x00\x00;"],
    ["HTML", "<!doctype html><title>x</title>"],
    ["PDF", "%PDF-1.7\n"],
  ])("refuses %s", (_name, text) => {
    expect(sniffImage(new TextEncoder().encode(text))).toEqual({ ok: false, reason: "unsupported" });
  });

  test.prop([fc.uint8Array({ maxLength: 512 })])("never throws on random bytes", (bytes) => {
    const result = sniffImage(bytes);
    expect(typeof result.ok).toBe("boolean");
  });

  // Past the header the size is known; a cut body is caught when decoding (see normalising).
  test.prop([fc.integer({ min: 0, max: 32 })])("a PNG cut off anywhere in its header is not accepted as an image", (cut) => {
    const png = makePng(64, 64).subarray(0, cut);
    expect(sniffImage(png).ok).toBe(false);
  });

  test.prop([fc.uint8Array({ minLength: 1, maxLength: 200 })])("random bytes after a JPEG start never throw", (tail) => {
    expect(() => sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, ...tail]))).not.toThrow();
  });
});

describe("upload limits", () => {
  it("refuses an empty file, a file over the size limit, and a decompression bomb by its header", () => {
    expect(checkUpload(new Uint8Array(), limits)).toMatchObject({ ok: false, code: "EMPTY" });
    expect(checkUpload(new Uint8Array(10_000_001), limits)).toMatchObject({
      ok: false,
      code: "TOO_LARGE",
      message: expect.stringMatching(/limit is 10 MB/),
    });
    expect(checkUpload(pngHeader(100_000, 100_000), limits)).toMatchObject({
      ok: false,
      code: "TOO_MANY_PIXELS",
      message: expect.stringContaining("100000x100000"),
    });
    expect(checkUpload(pngHeader(1920, 1080), limits)).toEqual({ ok: true, image: { format: "png", width: 1920, height: 1080 } });
  });

  test.prop([fc.integer({ min: 1, max: 1 << 20 }), fc.integer({ min: 1, max: 1 << 20 })])(
    "any declared size over the pixel limit is refused before decoding",
    (w, h) => {
      const result = checkUpload(pngHeader(w, h), limits);
      expect(result.ok).toBe(w * h <= limits.maxPixels);
    },
  );
});

describe("normalising", () => {
  const opts = { maxSide: 1280, maxPixels: 50_000_000 };

  it("brings a 4K screenshot down to 1280 on its longest side", async () => {
    const png = await sharp({ create: { width: 3840, height: 2160, channels: 3, background: "#ddeeff" } })
      .png()
      .toBuffer();
    const out = await normaliseImage(png, { format: "png", width: 3840, height: 2160 }, opts);
    expect(out).toMatchObject({ format: "png", width: 1280, height: 720, original: { width: 3840, height: 2160 } });
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never enlarges, and pads tiny crops to 56 px", async () => {
    const small = await normaliseImage(makePng(800, 600), { format: "png", width: 800, height: 600 }, opts);
    expect([small.width, small.height]).toEqual([800, 600]);
    const tiny = await normaliseImage(makePng(20, 10), { format: "png", width: 20, height: 10 }, opts);
    expect([tiny.width, tiny.height]).toEqual([56, 56]);
  });

  it("applies EXIF orientation, then strips all metadata", async () => {
    const rotated = await sharp(makePng(200, 100))
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "secret-owner" } } })
      .toBuffer();
    const out = await normaliseImage(rotated, { format: "jpeg", width: 200, height: 100 }, opts);
    expect([out.width, out.height]).toEqual([100, 200]);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.bytes.includes(Buffer.from("secret-owner"))).toBe(false);
  });

  it("refuses a truncated file with a clear error", async () => {
    const png = makePng(300, 300);
    const cut = png.subarray(0, Math.floor(png.length / 2));
    await expect(normaliseImage(cut, { format: "png", width: 300, height: 300 }, opts)).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it("is deterministic: the same input gives the same content hash", async () => {
    const png = makePng(640, 480);
    const a = await normaliseImage(png, { format: "png", width: 640, height: 480 }, opts);
    const b = await normaliseImage(png, { format: "png", width: 640, height: 480 }, opts);
    expect(a.sha256).toBe(b.sha256);
  });
});

describe("image token estimates by engine (docs/ollama.md tables, the review's replay of llama.cpp)", () => {
  it.each([
    [1920, 1080, "qwen2.5-vl", "go", 2584],
    [1920, 1080, "qwen2.5-vl", "go-1mp", 1222],
    [1920, 1080, "qwen3-vl", "go", 2040],
    [1280, 720, "qwen2.5-vl", "go", 1196],
    [1280, 720, "qwen2.5-vl", "go-1mp", 1196],
    [1280, 720, "qwen3-vl", "go", 880],
    [1280, 800, "qwen2.5-vl", "go", 1334],
    [1024, 576, "qwen2.5-vl", "go", 777],
    [300, 200, "qwen2.5-vl", "go", 77],
    [1920, 1080, "qwen2.5-vl", "llama-server", 2691],
    [1920, 1080, "qwen3-vl", "llama-server", 2040],
    [1280, 720, "qwen2.5-vl", "llama-server", 1196],
    [1280, 720, "qwen3-vl", "llama-server", 1075],
    [1280, 800, "qwen2.5-vl", "llama-server", 1334],
    [1280, 800, "qwen3-vl", "llama-server", 1066],
    [1024, 576, "qwen2.5-vl", "llama-server", 1075],
    [1024, 576, "qwen3-vl", "llama-server", 1032],
    [576, 1280, "qwen2.5-vl", "llama-server", 1056],
    [576, 1280, "qwen3-vl", "llama-server", 1056],
    [900, 600, "qwen2.5-vl", "llama-server", 1080],
    [900, 600, "qwen3-vl", "llama-server", 1080],
    [300, 200, "qwen2.5-vl", "llama-server", 1080],
    [300, 200, "qwen3-vl", "llama-server", 1080],
    [56, 56, "qwen2.5-vl", "llama-server", 1024],
    [20, 20, "qwen3-vl", "llama-server", 1024],
    [4096, 2304, "qwen2.5-vl", "llama-server", 4080],
    [4096, 2304, "qwen3-vl", "llama-server", 4080],
  ] as const)("%ix%i on %s, %s engine: %i grid tokens, plus 2", (w, h, family, engine, tokens) => {
    expect(imageGridTokens(w, h, family, engine)).toBe(tokens);
    expect(expectedImageTokens(w, h, family, engine)).toBe(tokens + 2);
  });

  it("on the llama.cpp engine every Qwen-VL image costs 1,024 to 4,096 grid tokens", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8000 }),
        fc.integer({ min: 1, max: 8000 }),
        fc.constantFrom("qwen2.5-vl", "qwen3-vl"),
        (w, h, family) => {
          // Screenshots, not slivers: llama.cpp only keeps each side at least one block wide.
          fc.pre(w / h < 50 && h / w < 50);
          const tokens = imageGridTokens(w, h, family as "qwen2.5-vl" | "qwen3-vl", "llama-server");
          return tokens >= 1024 && tokens <= 4096;
        },
      ),
    );
  });

  it("maps model families to their rule", () => {
    expect(visionFamilyOf("qwen25vl")).toBe("qwen2.5-vl");
    expect(visionFamilyOf("qwen3vl")).toBe("qwen3-vl");
    expect(visionFamilyOf("llama")).toBeNull();
  });
});

describe("the engine from the version Ollama reports", () => {
  it.each([
    ["0.12.10", "go-1mp"],
    ["0.13.3", "go-1mp"],
    ["0.13.4", "go"],
    ["0.24.0", "go"],
    ["0.25.0-rc0", "go"],
    ["0.30.0-rc0", "llama-server"],
    ["0.30.0-rc32", "llama-server"],
    ["0.30.0", "llama-server"],
    ["0.32.15", "llama-server"],
    ["0.33.0-rc2", "llama-server"],
    ["0.0.0", null],
    ["nonsense", null],
    [null, null],
  ] as const)("%s runs the %s engine", (version, engine) => {
    expect(engineOf(version)).toBe(engine);
  });

  it("compares versions with pre-releases", () => {
    expect(isAtLeast("0.31.2", "0.31.2")).toBe(true);
    expect(isAtLeast("0.31.2-rc1", "0.31.2")).toBe(false);
    expect(isAtLeast("0.32.0", "0.31.2")).toBe(true);
    expect(isAtLeast(null, "0.31.2")).toBe(false);
  });
});
