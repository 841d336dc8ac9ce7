import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/server/session";
import { quizPageFor } from "@/lib/quiz/data/quiz-page";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { QUIZ_PAGE_VERSION, type QuizPageData } from "@/lib/quiz/types";
import { isOwnSiteRead } from "@/lib/security/request";
import { jsonError } from "@/lib/server/errors";
import { idSchema, slugSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Never kept by a browser's or a proxy's cache: it is one reader's, and it changes with every attempt. */
const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Cookie", "X-Content-Type-Options": "nosniff" };

const query = z.strictObject({ lesson: slugSchema, attempt: idSchema.optional() });

/**
 * The reader's own parts of a quiz page, whose HTML is the same for everyone
 * (docs/shared-pages-design.md §4): the attempts so far, the result `?attempt=` asks for, the last
 * attempt. A guest gets `{"v":1,"user":null}` (a guest's questions come from guestQuizAction). No
 * side effects: the open attempt is opened by openAttemptAction, a POST.
 */
export async function GET(request: Request) {
  if (!isOwnSiteRead(request.headers.get("sec-fetch-site"))) {
    return jsonError("CROSS_ORIGIN", "This request did not come from a page of this site, so it was refused.", PRIVATE);
  }
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError("INVALID_INPUT", "Ask with ?lesson=<slug>, and &attempt=<id> for one attempt's result.", PRIVATE);
  const { lesson, attempt } = parsed.data;
  if (!getQuizTemplate(lesson)) return jsonError("NOT_FOUND", "This lesson has no quiz.", PRIVATE);
  const user = await getCurrentUser();
  if (!user) return Response.json({ v: QUIZ_PAGE_VERSION, user: null } satisfies QuizPageData, { headers: PRIVATE });
  return Response.json((await quizPageFor(user.id, lesson, attempt ?? null)) satisfies QuizPageData, { headers: PRIVATE });
}
