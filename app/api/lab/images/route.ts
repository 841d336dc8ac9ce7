import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ImageRejectedError, storeLabImage } from "@/lib/lab/image-store";

export const dynamic = "force-dynamic";

const sampleBody = z.strictObject({ sampleId: z.string().regex(/^[a-z0-9-]{1,60}$/) });

/** Upload a screenshot (multipart, field "screenshot") or pick a shipped sample (JSON {sampleId}). */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to use the lab." }, { status: 401 });
  const maxBytes = env.LAB_MAX_UPLOAD_MB * 1_000_000;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes + 64_000) {
    return Response.json({ error: `The file is larger than the ${env.LAB_MAX_UPLOAD_MB} MB limit. Crop the screenshot or save it as JPEG.` }, { status: 413 });
  }
  try {
    if ((request.headers.get("content-type") ?? "").startsWith("application/json")) {
      const parsed = sampleBody.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return Response.json({ error: "Choose one of the sample screenshots." }, { status: 400 });
      return Response.json(await storeLabImage(user, { sampleId: parsed.data.sampleId }));
    }
    const form = await request.formData().catch(() => null);
    const file = form?.get("screenshot");
    if (!(file instanceof File)) return Response.json({ error: "Choose a screenshot file (PNG, JPEG or WebP)." }, { status: 400 });
    if (file.size > maxBytes) return Response.json({ error: `The file is larger than the ${env.LAB_MAX_UPLOAD_MB} MB limit. Crop the screenshot or save it as JPEG.` }, { status: 413 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    return Response.json(await storeLabImage(user, { bytes, fileName: file.name }));
  } catch (error) {
    if (error instanceof ImageRejectedError) return Response.json({ error: error.message, code: error.code }, { status: 422 });
    console.error("[lab] upload failed", error);
    return Response.json({ error: "The screenshot could not be saved on the server. Try again." }, { status: 500 });
  }
}
