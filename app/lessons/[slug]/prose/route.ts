import { getLesson, getLessonProse } from "@/lib/content/server/lessons";
import { jsonError } from "@/lib/server/errors";

/**
 * The lesson's plain prose runs as HTML, for a client navigation to the lesson (the page's own
 * HTML carries them otherwise: components/lesson/static-prose.tsx). Public content, the same for everyone.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!getLesson(slug)) return jsonError("NOT_FOUND", "There is no such lesson.");
  return Response.json({ runs: await getLessonProse(slug) }, { headers: { "Cache-Control": "public, max-age=300" } });
}
