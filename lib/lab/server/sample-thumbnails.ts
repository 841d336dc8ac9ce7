import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { LabSample } from "@/lib/lab/sample-schema";
import { readSampleImage } from "@/lib/lab/server/samples";
import { thumbnailSize } from "@/lib/lab/thumbnail-size";

// The gallery's thumbnails, made from the shipped samples on first request and kept in memory
// (nine WebP files of a few tens of kilobytes). Their address carries a hash of the sample file, so
// they can be cached for a year: a re-rendered sample gets a new address.

export type SampleThumbnail = { bytes: Uint8Array<ArrayBuffer>; version: string };

const made = new Map<string, Promise<SampleThumbnail>>();
const versions = new Map<string, string>();

/** A short hash of the sample file, for the thumbnail's address. */
export function sampleVersion(sample: LabSample): string {
  let version = versions.get(sample.id);
  if (!version) {
    version = createHash("sha256").update(readSampleImage(sample)).digest("hex").slice(0, 12);
    versions.set(sample.id, version);
  }
  return version;
}

/** Where the gallery loads a sample's thumbnail from, with the size the <img> should say. */
export function sampleThumbnailView(sample: LabSample): { url: string; width: number; height: number } {
  return { url: `/api/lab/samples/${sample.id}/thumbnail?v=${sampleVersion(sample)}`, ...thumbnailSize(sample.width, sample.height) };
}

export function getSampleThumbnail(sample: LabSample): Promise<SampleThumbnail> {
  let thumbnail = made.get(sample.id);
  if (!thumbnail) {
    const { width, height } = thumbnailSize(sample.width, sample.height);
    thumbnail = sharp(readSampleImage(sample))
      .resize(width, height, { fit: "cover", position: "top" })
      .webp({ quality: 72 })
      .toBuffer()
      .then((buffer) => ({ bytes: new Uint8Array(buffer), version: sampleVersion(sample) }));
    // A failure is not kept: the next request tries again.
    thumbnail.catch(() => made.delete(sample.id));
    made.set(sample.id, thumbnail);
  }
  return thumbnail;
}
