import { getCurrentUser } from "@/lib/auth/server/session";
import { errorResponse, jsonError } from "@/lib/server/errors";
import { retryLabCell } from "@/lib/lab/data/runs";
import { refuseCrossOrigin } from "@/lib/security/server/origin";

export const dynamic = "force-dynamic";

/** Runs a failed, cancelled or empty cell again (its earlier attempt is kept). */
export async function POST(request: Request, { params }: RouteContext<"/api/lab/cells/[id]/retry">) {
  const refused = refuseCrossOrigin(request);
  if (refused) return refused;
  try {
    const user = await getCurrentUser();
    if (!user) return jsonError("UNAUTHENTICATED", "Sign in again to retry.");
    await retryLabCell(user, (await params).id);
    return Response.json({ ok: true }, { status: 202, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "lab");
  }
}
