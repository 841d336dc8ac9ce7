import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

// Renders public/favicon.svg into the raster icons a site is expected to serve. Run after
// changing the SVG: npx tsx scripts/make-icons.ts

const publicDir = path.resolve("public");
const svg = readFileSync(path.join(publicDir, "favicon.svg"));

const png = (size: number, padding = 0) =>
  sharp(svg, { density: 72 * 8 })
    .resize(size - padding * 2, size - padding * 2)
    .extend({ top: padding, bottom: padding, left: padding, right: padding, background: "#0f5f7a" })
    .png({ compressionLevel: 9 })
    .toBuffer();

/** An ICO holding PNG images (supported by every current browser). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(image.size >= 256 ? 0 : image.size, entry);
    header.writeUInt8(image.size >= 256 ? 0 : image.size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(image.data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

const sizes = [16, 32, 48];
const icoImages = await Promise.all(sizes.map(async (size) => ({ size, data: await png(size) })));
writeFileSync(path.join(publicDir, "favicon.ico"), ico(icoImages));
// The apple-touch icon is shown without transparency: the SVG's rounded square sits on its own colour.
writeFileSync(
  path.join(publicDir, "apple-touch-icon.png"),
  await sharp(await png(180))
    .flatten({ background: "#0f5f7a" })
    .toBuffer(),
);
writeFileSync(path.join(publicDir, "icon-192.png"), await png(192));
writeFileSync(path.join(publicDir, "icon-512.png"), await png(512));
// Maskable icons keep their content inside the middle 80%.
writeFileSync(path.join(publicDir, "icon-512-maskable.png"), await png(512, 52));
console.log("Wrote favicon.ico, apple-touch-icon.png, icon-192.png, icon-512.png, icon-512-maskable.png");
