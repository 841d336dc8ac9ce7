import { z } from "zod";
import { clientAddress } from "@/lib/auth/server/rate-limit";
import { getCurrentUser } from "@/lib/auth/server/session";
import { getLesson } from "@/lib/content/server/lessons";
import { errorResponse, jsonError } from "@/lib/server/errors";
import { checkResultSchema, quizResultSchema } from "@/lib/progress/schema";
import { genuineCheckIds } from "@/lib/checks/server/guest-results";
import { isGenuineQuizResult } from "@/lib/quiz/server/guest-results";
import { JSON_BODY_BYTES } from "@/lib/http/body-limits";
import { readCapped } from "@/lib/security/server/body";
import { refuseCrossOrigin, refuseNonJson } from "@/lib/security/server/origin";
import { QUESTION_MAX_CHARS, type TutorEvent } from "@/lib/tutor/events";
import { checkTutorLimit } from "@/lib/tutor/server/rate-limit";
import { answerQuestion, answeredCheckIds, hasSubmittedQuiz } from "@/lib/tutor/data/tutor";
import { SLUG_PATTERN, slugSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = JSON_BODY_BYTES;

const body = z.strictObject({
  lesson: z.string().regex(SLUG_PATTERN, { error: "Ask from a lesson page." }),
  question: z
    .string({ error: "Type a question first." })
    .trim()
    .min(1, { error: "Type a question first." })
    .max(QUESTION_MAX_CHARS, { error: `Keep the question under ${QUESTION_MAX_CHARS} characters.` }),
  /** a guest's latest quiz result for this lesson, as this server signed it */
  quizResult: quizResultSchema.optional(),
  /** a guest's graded in-section checks for this lesson, each as this server signed it */
  checks: z
    .record(slugSchema, checkResultSchema)
    .refine((r) => Object.keys(r).length <= 40, { error: "Too many check results." })
    .optional(),
});

/**
 * Ask the lesson's tutor. Streams NDJSON TutorEvents: "start" (mode and sources), "delta"s of a
 * model's answer, then "done" or "error" (what arrived is kept by the client).
 */
export async function POST(request: Request) {
  const refused = refuseCrossOrigin(request) ?? refuseNonJson(request);
  if (refused) return refused;
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const raw = await readCapped(request, MAX_BODY_BYTES);
    if (!raw) return tooLarge();
    let json: unknown = null;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      // reported below as invalid input
    }
    const parsed = body.safeParse(json);
    if (!parsed.success) return jsonError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Send a question.");
    const { lesson, question, quizResult, checks } = parsed.data;
    if (!getLesson(lesson)) return jsonError("NOT_FOUND", "There is no such lesson.");

    const user = await getCurrentUser();
    const limit = await checkTutorLimit({ userId: user?.id ?? null, address: clientAddress(request.headers) });
    if (!limit.allowed) {
      const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
      return jsonError(
        "RATE_LIMITED",
        `That's ${limit.limit} questions this hour, the most the tutor takes. Ask again in ${minutes} minute${minutes === 1 ? "" : "s"}; your question is still in the box.`,
        { "Retry-After": String(limit.retryAfterSeconds) },
      );
    }
    const quizUnlocked = user ? await hasSubmittedQuiz(user.id, lesson) : Boolean(quizResult && isGenuineQuizResult(lesson, quizResult));
    const answeredChecks = user ? await answeredCheckIds(user.id, lesson) : genuineCheckIds(lesson, checks ?? {});

    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: TutorEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // the reader went away; the answer stops with the request's signal
          }
        };
        try {
          await answerQuestion(
            { lesson, question, asker: { userId: user?.id ?? null, quizUnlocked, answeredChecks }, signal: request.signal },
            send,
          );
        } catch (error) {
          console.error("[tutor]", error);
          send({ type: "error", message: "The tutor failed on the server. Your question is kept; try again in a moment." });
        } finally {
          try {
            controller.close();
          } catch {
            // already closed by a cancelled reader
          }
        }
      },
    });
    return new Response(stream, {
      headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
    });
  } catch (error) {
    return errorResponse(error, "tutor");
  }
}

const tooLarge = () => jsonError("TOO_LARGE", `Keep the question under ${QUESTION_MAX_CHARS} characters.`);
