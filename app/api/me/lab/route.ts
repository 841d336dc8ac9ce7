import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/server/session";
import { getLesson } from "@/lib/content/server/lessons";
import { labPageFor } from "@/lib/lab/data/lab-page";
import { LAB_PAGE_VERSION, type LabPageData } from "@/lib/lab/types";
import { isOwnSiteRead } from "@/lib/security/request";
import { jsonError } from "@/lib/server/errors";
import { idSchema, slugSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Never kept by a browser's or a proxy's cache: it is one reader's, and it changes with every run. */
const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Cookie", "X-Content-Type-Options": "nosniff" };

const query = z.strictObject({ lesson: slugSchema, run: idSchema.optional() });

/**
 * The reader's own lab, whose page's HTML is the same for everyone (docs/shared-pages-design.md
 * §4): their runs, the run `?run=` names, the Ollama pool as it is now, their write-up. Without a
 * session the answer is `{"v":1,"user":null}` and the page sends the reader to sign in. No side
 * effects.
 */
export async function GET(request: Request) {
  if (!isOwnSiteRead(request.headers.get("sec-fetch-site"))) {
    return jsonError("CROSS_ORIGIN", "This request did not come from a page of this site, so it was refused.", PRIVATE);
  }
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError("INVALID_INPUT", "Ask with ?lesson=<slug>, and &run=<id> for one run.", PRIVATE);
  const { lesson, run } = parsed.data;
  if (!getLesson(lesson)?.lab) return jsonError("NOT_FOUND", "This lesson has no lab.", PRIVATE);
  const user = await getCurrentUser();
  if (!user) return Response.json({ v: LAB_PAGE_VERSION, user: null } satisfies LabPageData, { headers: PRIVATE });
  return Response.json((await labPageFor(user, lesson, run ?? null)) satisfies LabPageData, { headers: PRIVATE });
}
