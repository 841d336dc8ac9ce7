import { getSample, readSampleImage } from "@/lib/lab/samples";

/** The sample screenshots are shipped content, public like the lesson. */
export async function GET(_request: Request, { params }: RouteContext<"/api/lab/samples/[id]">) {
  const sample = getSample((await params).id);
  if (!sample) return new Response("Not found.", { status: 404 });
  return new Response(new Uint8Array(readSampleImage(sample)), {
    headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400" },
  });
}
