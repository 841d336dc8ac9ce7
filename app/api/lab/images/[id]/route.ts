import { getCurrentUser } from "@/lib/auth/server/session";
import { readLabImage } from "@/lib/lab/data/image-store";
import { jsonError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** A stored screenshot, for its owner and the instructors of a class its owner is in. */
export async function GET(_request: Request, { params }: RouteContext<"/api/lab/images/[id]">) {
  const user = await getCurrentUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to see this image.");
  const { id } = await params;
  const image = await readLabImage(user, id);
  if (!image) return jsonError("NOT_FOUND", "There is no such screenshot, or it is not yours.");
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.format === "jpeg" ? "image/jpeg" : "image/png",
      "Cache-Control": "private, max-age=3600",
      "Content-Disposition": "inline",
    },
  });
}
