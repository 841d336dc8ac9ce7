import { getCurrentUser } from "@/lib/auth/server/session";
import { errorResponse, jsonError } from "@/lib/server/errors";
import { cancelLabRun } from "@/lib/lab/data/runs";
import { refuseCrossOrigin } from "@/lib/security/server/origin";

export const dynamic = "force-dynamic";

/** Cancels the run, whichever instance executes it. */
export async function POST(request: Request, { params }: RouteContext<"/api/lab/runs/[id]/cancel">) {
  const refused = refuseCrossOrigin(request);
  if (refused) return refused;
  try {
    const user = await getCurrentUser();
    if (!user) return jsonError("UNAUTHENTICATED", "Sign in again to cancel this run.");
    await cancelLabRun(user, (await params).id);
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "lab");
  }
}
