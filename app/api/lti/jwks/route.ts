import { activeSigningKey, publishedJwks } from "@/lib/lti/data/keys";

export const dynamic = "force-dynamic";

/**
 * The tool's public keys (LTI 1.3 "JWKS URL"): platforms fetch them to check what the tool signs.
 * Public by nature; a platform may cache them for a few minutes. The first request makes the key.
 */
export async function GET() {
  await activeSigningKey();
  return Response.json(await publishedJwks(), {
    headers: { "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" },
  });
}
