import { getSample, readSampleImage, sampleMediaType } from "@/lib/lab/server/samples";
import { jsonError } from "@/lib/server/errors";

/** The sample screenshots are shipped content, public like the lesson. */
export async function GET(_request: Request, { params }: RouteContext<"/api/lab/samples/[id]">) {
  const sample = getSample((await params).id);
  if (!sample) return jsonError("NOT_FOUND", "There is no such sample.");
  return new Response(new Uint8Array(readSampleImage(sample)), {
    headers: { "Content-Type": sampleMediaType(sample), "Cache-Control": "public, max-age=86400" },
  });
}
