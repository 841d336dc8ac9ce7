import { getSample } from "@/lib/lab/server/samples";
import { getSampleThumbnail } from "@/lib/lab/server/sample-thumbnails";
import { jsonError } from "@/lib/server/errors";

/** A sample's gallery thumbnail (400 px WebP); public like the samples, cached for a year (its address carries the file's hash). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const sample = getSample((await params).id);
  if (!sample) return jsonError("NOT_FOUND", "There is no such sample.");
  const { bytes } = await getSampleThumbnail(sample);
  return new Response(bytes, {
    headers: { "Content-Type": "image/webp", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
