import { getCurrentUser } from "@/lib/auth/server/session";
import { errorResponse, jsonError } from "@/lib/server/errors";
import { startLabRun } from "@/lib/lab/data/runs";
import { startRunInput } from "@/lib/lab/schemas";
import { refuseCrossOrigin, refuseNonJson } from "@/lib/security/server/origin";

export const dynamic = "force-dynamic";

/**
 * Starts a lab run (the lab page uses the server action; this is the same for scripts and other
 * clients): `{ imageId, textModel, visionModel, prompts, measureCold, defences?, predictions? }` ->
 * `{ runId }`, 201. Any instance may execute it; follow it at /api/lab/runs/<id>/events.
 */
export async function POST(request: Request) {
  const refused = refuseCrossOrigin(request) ?? refuseNonJson(request);
  if (refused) return refused;
  try {
    const user = await getCurrentUser();
    if (!user) return jsonError("UNAUTHENTICATED", "Sign in to use the lab.");
    const parsed = startRunInput.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return jsonError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Send a screenshot, models and prompts.");
    return Response.json(await startLabRun(user, parsed.data), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "lab");
  }
}
