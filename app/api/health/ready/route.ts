import { pingDb } from "@/lib/db";
import { isDraining, jobsInHand } from "@/lib/lab/jobs/data/worker";
import { listHostStates } from "@/lib/ollama/data/hosts";

export const dynamic = "force-dynamic";

/**
 * Ready to take requests: the database answers and the instance is not draining. Ollama's hosts
 * are reported, never counted: an instance whose GPU box is down still serves lessons and quizzes.
 */
export async function GET() {
  const [database, hosts] = await Promise.all([pingDb(), listHostStates().catch(() => [])]);
  const draining = isDraining();
  const ready = database && !draining;
  return Response.json(
    {
      status: ready ? "ready" : draining ? "draining" : "database unreachable",
      database,
      draining,
      labJobsInHand: jobsInHand(),
      ollama: hosts.map((h) => ({ url: h.url, up: h.up, version: h.version, lastError: h.lastError })),
    },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
