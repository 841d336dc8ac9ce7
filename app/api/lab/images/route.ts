import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { errorResponse, jsonError } from "@/lib/server/errors";
import { readCapped } from "@/lib/security/server/body";
import { refuseCrossOrigin } from "@/lib/security/server/origin";
import { storeLabImage } from "@/lib/lab/data/image-store";

export const dynamic = "force-dynamic";

const sampleBody = z.strictObject({ sampleId: z.string().regex(/^[a-z0-9-]{1,60}$/) });

/** Upload a screenshot (multipart, field "screenshot") or pick a shipped sample (JSON {sampleId}). */
export async function POST(request: Request) {
  const refused = refuseCrossOrigin(request);
  if (refused) return refused;
  const user = await getCurrentUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to use the lab.");
  const maxBytes = env.LAB_MAX_UPLOAD_MB * 1_000_000;
  const tooLarge = () =>
    jsonError("TOO_LARGE", `The file is larger than the ${env.LAB_MAX_UPLOAD_MB} MB limit. Crop the screenshot or save it as JPEG.`);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes + 64_000) return tooLarge();
  try {
    if ((request.headers.get("content-type") ?? "").startsWith("application/json")) {
      const parsed = sampleBody.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return jsonError("INVALID_INPUT", "Choose one of the sample screenshots.");
      return Response.json(await storeLabImage(user, { sampleId: parsed.data.sampleId }));
    }
    const body = await readCapped(request, maxBytes + 64_000);
    if (!body) return tooLarge();
    const form = await new Response(body, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } })
      .formData()
      .catch(() => null);
    const file = form?.get("screenshot");
    if (!(file instanceof File)) return jsonError("INVALID_INPUT", "Choose a screenshot file (PNG, JPEG or WebP).");
    if (file.size > maxBytes) return tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    return Response.json(await storeLabImage(user, { bytes, fileName: file.name }));
  } catch (error) {
    return errorResponse(error, "lab upload");
  }
}
