import { deflateSync } from "node:zlib";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A valid 8-bit RGB PNG of the given size: a light page with a dark header band and a diagonal
 * stripe, so images of different sizes also differ in bytes. Good enough for tests that need a
 * real, decodable screenshot without sharp.
 */
export function makePng(width: number, height: number): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`makePng: width and height must be positive integers, got ${width}x${height}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour RGB
  // compression, filter and interlace methods stay 0

  const rowLength = 1 + width * 3;
  const raw = Buffer.alloc(rowLength * height);
  const band = Math.max(1, Math.floor(height / 10));
  for (let y = 0; y < height; y++) {
    const row = y * rowLength; // filter byte 0 (None) at raw[row]
    for (let x = 0; x < width; x++) {
      const offset = row + 1 + x * 3;
      const isHeader = y < band;
      const isStripe = Math.abs(x - Math.floor((y * width) / height)) < 2;
      const shade = isHeader ? 40 : isStripe ? 120 : 245;
      raw[offset] = shade;
      raw[offset + 1] = shade;
      raw[offset + 2] = isHeader ? 90 : shade;
    }
  }

  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
