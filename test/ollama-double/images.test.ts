import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compareVersions, engineForVersion, resolveProfile } from "./engine";
import {
  countImageTokens,
  countLlamaServerImageTokens,
  decodeBase64Strict,
  findRunnerCrash,
  llamaServerResize,
  sniffImage,
  type VisionSpec,
} from "./images";
import { makePng } from "./png";

const QWEN25VL: VisionSpec = { factor: 28, minPixels: 56 * 56, maxPixels: 2 << 20 };
const QWEN25VL_1MP: VisionSpec = { ...QWEN25VL, maxPixels: 28 * 28 * 1280 };
const QWEN3VL: VisionSpec = { factor: 32, minPixels: 64 << 10, maxPixels: 2 << 20 };

describe("image tokens on the Go engine (SmartResize; docs/ollama.md, Image cost)", () => {
  it.each([
    [1920, 1080, QWEN25VL, 2584],
    [1280, 720, QWEN25VL, 1196],
    [1024, 576, QWEN25VL, 777],
    [1920, 1080, QWEN25VL_1MP, 1222],
    [1280, 720, QWEN25VL_1MP, 1196],
    [1920, 1080, QWEN3VL, 2040],
    [1280, 720, QWEN3VL, 880],
    [1024, 576, QWEN3VL, 576],
  ])("%ix%i costs the table's tokens", (width, height, spec, tokens) => {
    expect(countImageTokens({ width, height }, spec)).toBe(tokens);
  });

  it("pads small images up to the minimum area instead of crashing", () => {
    expect(countImageTokens({ width: 56, height: 56 }, QWEN25VL)).toBe(4);
    expect(countImageTokens({ width: 64, height: 64 }, QWEN3VL)).toBe(64);
  });

  it("flags sides under one block, as the real runner panics on them", () => {
    expect(findRunnerCrash({ width: 27, height: 600 }, QWEN25VL)).toMatch(/must be larger than factor:28/);
    expect(findRunnerCrash({ width: 28, height: 28 }, QWEN25VL)).toBeNull();
    expect(findRunnerCrash({ width: 31, height: 600 }, QWEN3VL)).toMatch(/factor:32/);
  });
});

describe("image tokens on llama-server (mtmd calc_size_preserved_ratio, float32, 1024 to 4096 tokens)", () => {
  it.each([
    [1920, 1080, 2691, 2040],
    [1280, 720, 1196, 1075],
    [1280, 800, 1334, 1066],
    [1024, 576, 1075, 1032],
    [576, 1280, 1056, 1056],
    [900, 600, 1080, 1080],
    [300, 200, 1080, 1080],
    [56, 56, 1024, 1024],
    [20, 20, 1024, 1024],
    [4096, 2304, 4080, 4080],
  ])("%ix%i: %i grid tokens on Qwen2.5-VL (factor 28), %i on Qwen3-VL (factor 32), before the +2", (width, height, qwen25, qwen3) => {
    expect(countLlamaServerImageTokens({ width, height }, 28)).toBe(qwen25);
    expect(countLlamaServerImageTokens({ width, height }, 32)).toBe(qwen3);
  });

  it("never rejects a side: sides under one block are upscaled, and results are block multiples", () => {
    const resized = llamaServerResize({ width: 27, height: 600 }, 28, 1024 * 784, 4096 * 784);
    expect(resized.width % 28).toBe(0);
    expect(resized.height % 28).toBe(0);
    expect(countLlamaServerImageTokens({ width: 27, height: 600 }, 28)).toBeGreaterThanOrEqual(1024);
    expect(countLlamaServerImageTokens({ width: 10_000, height: 30 }, 32)).toBeLessThanOrEqual(4096);
  });
});

describe("engine versions", () => {
  it("orders releases, pre-releases naturally (rc10 after rc9), and picks the engine at 0.30.0-rc0", () => {
    expect(compareVersions("0.30.0-rc10", "0.30.0-rc9")).toBe(1);
    expect(compareVersions("0.30.0", "0.30.0-rc32")).toBe(1);
    expect(compareVersions("0.24.0", "0.30.0-rc0")).toBe(-1);
    expect(compareVersions("v0.32.15", "0.32.15")).toBe(0);
    expect(engineForVersion("0.25.0-rc0")).toBe("go");
    expect(engineForVersion("0.30.0-rc0")).toBe("llama-server");
    expect(engineForVersion("0.33.0-rc2")).toBe("llama-server");
    expect(resolveProfile({})).toEqual({ engine: "llama-server", version: "0.32.15" });
    expect(resolveProfile({ engine: "go" })).toEqual({ engine: "go", version: "0.24.0" });
    expect(() => resolveProfile({ version: "0.32" })).toThrow(RangeError);
  });
});

describe("decodeBase64Strict", () => {
  it("decodes what Buffer encodes, padded or not, and skips CR/LF like Go", () => {
    for (const length of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37) % 256));
      expect(decodeBase64Strict(bytes.toString("base64"))).toEqual(bytes);
    }
    expect(decodeBase64Strict("aGVs\r\nbG8=").toString()).toBe("hello");
  });

  it.each([
    ["data:image/png;base64,iVBORw0KGgo=", 4],
    ["aGVsbG8-", 7],
    ["aGVs bG8=", 4],
    ["aGVsbG8", 4],
    ["a===", 1],
    ["aGVsbG8=x", 8],
  ])("rejects %j at input byte %i", (input, offset) => {
    expect(() => decodeBase64Strict(input)).toThrow(`illegal base64 data at input byte ${offset}`);
  });
});

describe("sniffImage", () => {
  it("reads PNG IHDR", () => {
    expect(sniffImage(makePng(33, 17))).toEqual({ format: "png", width: 33, height: 17 });
  });

  it("reads a JPEG SOF after other segments", () => {
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const sof2 = [0xff, 0xc2, 0x00, 0x11, 8, 0x02, 0xd0, 0x05, 0x00, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    const jpeg = Buffer.from([0xff, 0xd8, ...app0, ...sof2, 0xff, 0xd9]);
    expect(sniffImage(jpeg)).toEqual({ format: "jpeg", width: 1280, height: 720 });
  });

  it("reads WebP VP8, VP8L and VP8X headers", () => {
    const riff = (chunk: string, payload: number[]) =>
      Buffer.concat([
        Buffer.from("RIFF"),
        Buffer.alloc(4),
        Buffer.from("WEBP"),
        Buffer.from(chunk),
        Buffer.alloc(4),
        Buffer.from(payload),
        Buffer.alloc(16),
      ]);
    const lossy = riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02]);
    expect(sniffImage(lossy)).toEqual({ format: "webp", width: 1280, height: 720 });

    const bits = (1280 - 1) | ((720 - 1) << 14);
    const lossless = riff("VP8L", [0x2f, bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, (bits >>> 24) & 0xff]);
    expect(sniffImage(lossless)).toEqual({ format: "webp", width: 1280, height: 720 });

    const extended = riff("VP8X", [0, 0, 0, 0, 0xff, 0x04, 0x00, 0xcf, 0x02, 0x00]);
    expect(sniffImage(extended)).toEqual({ format: "webp", width: 1280, height: 720 });
  });

  it("returns null for anything else", () => {
    expect(sniffImage(Buffer.from("GIF89a.........................."))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe("makePng", () => {
  it("writes valid chunks: signature, CRCs and rows of the right length", () => {
    const png = makePng(40, 30);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    let offset = 8;
    const types: string[] = [];
    let idat = Buffer.alloc(0);
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString("latin1", offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      const crc = png.readUInt32BE(offset + 8 + length);
      expect(crc).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      if (type === "IDAT") idat = Buffer.concat([idat, data]);
      types.push(type);
      offset += 12 + length;
    }
    expect(types).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(inflateSync(idat).length).toBe(30 * (1 + 40 * 3));
  });
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
