import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/server/session";
import { readerPage } from "@/lib/reader/data/page-data";
import { GUEST_READER_PAGE } from "@/lib/reader/types";
import { isOwnSiteRead } from "@/lib/security/request";
import { jsonError } from "@/lib/server/errors";
import { slugSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Never kept by a browser's or a proxy's cache: it is one reader's, and it changes with every answer. */
const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Cookie", "X-Content-Type-Options": "nosniff" };

const query = z.strictObject({ lesson: slugSchema.optional(), view: z.literal("catalogue").optional() });

/**
 * The reader's own parts of a shared page (docs/shared-pages-design.md): who is signed in, the
 * header's badges, the progress document, and the lesson's or the catalogue's parts. A guest gets
 * `{"v":1,"user":null}`. No side effects.
 */
export async function GET(request: Request) {
  if (!isOwnSiteRead(request.headers.get("sec-fetch-site"))) {
    return jsonError("CROSS_ORIGIN", "This request did not come from a page of this site, so it was refused.", PRIVATE);
  }
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError("INVALID_INPUT", "Ask with ?lesson=<slug> or ?view=catalogue.", PRIVATE);
  const user = await getCurrentUser();
  if (!user) return Response.json(GUEST_READER_PAGE, { headers: PRIVATE });
  const page = await readerPage(user, { lesson: parsed.data.lesson, catalogue: parsed.data.view === "catalogue" });
  return Response.json(page, { headers: PRIVATE });
}
