import { assertRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { pullRequestSchema, pullTargets, streamPull } from "@/lib/ollama/server/pull";
import { errorResponse, jsonError } from "@/lib/server/errors";
import { refuseCrossOrigin, refuseNonJson } from "@/lib/security/server/origin";

export const dynamic = "force-dynamic";

/**
 * Streams a pull's progress as NDJSON. Body: `{ model, host? }`, where host is one of OLLAMA_HOSTS
 * or "all" (omitted: the one host, or every host of a larger pool). One host: {type:"progress",
 * host, ...} lines, then {type:"done"} or {type:"error", message}. Every host: progress lines for
 * each host in turn, {type:"host-done", host} or {type:"host-error", host, code, message} for each,
 * then done (some host has the model) or error (none has). Closing the request cancels the pull.
 */
export async function POST(request: Request) {
  const refused = refuseCrossOrigin(request) ?? refuseNonJson(request);
  if (refused) return refused;
  try {
    await assertRole("INSTRUCTOR");
  } catch (error) {
    return errorResponse(error, "pull");
  }
  const parsed = pullRequestSchema(env.OLLAMA_HOSTS).safeParse(await request.json().catch(() => null));
  if (!parsed.success) return jsonError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Send a model tag.");
  const targets = pullTargets(parsed.data.host, env.OLLAMA_HOSTS);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await streamPull(parsed.data.model, targets, {
          signal: request.signal,
          send: (line) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`)),
        });
      } catch (error) {
        // streamPull reports failures as lines; this is enqueueing after the client went away
        if (!request.signal.aborted) console.error("[pull]", error);
      } finally {
        try {
          controller.close();
        } catch {
          // the client already went away
        }
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
