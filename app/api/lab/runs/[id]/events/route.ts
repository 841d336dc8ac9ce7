import { getCurrentUser } from "@/lib/auth/server/session";
import { waitForRunChange } from "@/lib/lab/server/events";
import { getLabRunView } from "@/lib/lab/data/run-views";
import { jsonError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** Backstop poll: a change anywhere wakes the stream at once (lib/lab/server/events.ts: LISTEN/NOTIFY across instances). */
const POLL_MS = 2000;
const MIN_GAP_MS = 250;

/**
 * Server-sent events with the run's state as it changes. The database is the source: the stream
 * is only a view of it, so a reload, a second tab or another instance sees the same.
 * (A snapshot per change keeps the client simple; runs are a few KB.)
 */
export async function GET(request: Request, { params }: RouteContext<"/api/lab/runs/[id]/events">) {
  const user = await getCurrentUser();
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in to follow this run.");
  const { id } = await params;
  const first = await getLabRunView(user, id);
  if (!first) return jsonError("NOT_FOUND", "There is no such run, or it is not yours.");
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let last = "";
      let sentAt = 0;
      const send = (event: string, data: unknown) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        // If this instance goes away, the browser asks again after a second (through the load balancer: another instance).
        controller.enqueue(encoder.encode("retry: 1000\n\n"));
        for (let view: typeof first | null = first; view && !request.signal.aborted; view = await getLabRunView(user, id)) {
          if (view.version !== last) {
            last = view.version;
            send("run", view);
            sentAt = Date.now();
          }
          if (!view.isActive && view.status !== "QUEUED") {
            send("end", { status: view.status });
            break;
          }
          await waitForRunChange(id, POLL_MS, request.signal);
          // At most a few snapshots a second: the tokens still arrive as they come, a few at a time,
          // and a class following its runs does not make every instance re-read every run 10 times a second.
          const since = Date.now() - sentAt;
          if (since < MIN_GAP_MS) await new Promise((r) => setTimeout(r, MIN_GAP_MS - since));
        }
      } catch (error) {
        if (!request.signal.aborted) console.error("[lab] events", error);
      } finally {
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
