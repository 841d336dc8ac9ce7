import { z } from "zod";
import { assertRole } from "@/lib/auth/session";
import { OllamaError } from "@/lib/ollama/errors";
import { MODEL_TAG, pullModel } from "@/lib/ollama/pull";
import { errorResponse, jsonError } from "@/lib/errors";
import { refuseCrossOrigin, refuseNonJson } from "@/lib/security/origin";

export const dynamic = "force-dynamic";

const body = z.strictObject({ model: z.string().trim().regex(MODEL_TAG, { error: "Enter a model tag such as qwen3-vl:4b." }) });

/**
 * Streams a pull's progress as NDJSON: {type:"progress",...} lines, then {type:"done"} or
 * {type:"error",message}. Closing the request cancels the pull.
 */
export async function POST(request: Request) {
  const refused = refuseCrossOrigin(request) ?? refuseNonJson(request);
  if (refused) return refused;
  try {
    await assertRole("INSTRUCTOR");
  } catch (error) {
    return errorResponse(error, "pull");
  }
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return jsonError(400, "INVALID_INPUT", parsed.error.issues[0]?.message ?? "Send a model tag.");

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        await pullModel(parsed.data.model, { signal: request.signal, onProgress: (p) => send({ type: "progress", ...p }) });
        send({ type: "done" });
      } catch (error) {
        if (!(error instanceof OllamaError)) console.error("[pull]", error);
        if (!request.signal.aborted)
          send({ type: "error", message: error instanceof OllamaError ? error.message : "The pull failed on the server." });
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
