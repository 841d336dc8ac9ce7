import "server-only";
import { env } from "@/lib/env";
import { jsonError } from "@/lib/server/errors";
import { isSameOrigin } from "@/lib/security/request";

/**
 * Route handlers that change state check the Origin themselves too (the app's own server checks
 * it first; this also holds under `next dev`): a refusal to answer with, or null.
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const headers = request.headers;
  const ok = isSameOrigin({
    origin: headers.get("origin") ?? undefined,
    host: headers.get("host") ?? undefined,
    forwardedHost: headers.get("x-forwarded-host") ?? undefined,
    hops: env.TRUST_PROXY,
  });
  return ok
    ? null
    : jsonError("CROSS_ORIGIN", "This request did not come from a page of this site, so it was refused. Reload the page and try again.");
}

/** JSON bodies must say so: a text/plain "JSON" body is how a cross-site form would send one. */
export function refuseNonJson(request: Request): Response | null {
  return (request.headers.get("content-type") ?? "").startsWith("application/json")
    ? null
    : jsonError("UNSUPPORTED_MEDIA_TYPE", "Send the request as application/json.");
}
