import { getCurrentUser } from "@/lib/auth/session";
import { readLabImage } from "@/lib/lab/image-store";

export const dynamic = "force-dynamic";

/** A stored screenshot, for its owner and instructors only. */
export async function GET(_request: Request, { params }: RouteContext<"/api/lab/images/[id]">) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to see this image.", { status: 401 });
  const { id } = await params;
  const image = await readLabImage(user, id);
  if (!image) return new Response("Not found.", { status: 404 });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.format === "jpeg" ? "image/jpeg" : "image/png",
      "Cache-Control": "private, max-age=3600",
      "Content-Disposition": "inline",
    },
  });
}
