import { getCurrentUser } from "@/lib/auth/server/session";
import { jsonError } from "@/lib/server/errors";
import { getLabRunView } from "@/lib/lab/data/run-views";

export const dynamic = "force-dynamic";

/** A run as stored so far, for its owner and instructors. */
export async function GET(_request: Request, { params }: RouteContext<"/api/lab/runs/[id]">) {
  const user = await getCurrentUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to see this run.");
  const view = await getLabRunView(user, (await params).id);
  if (!view) return jsonError("NOT_FOUND", "There is no such run, or it is not yours.");
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}
