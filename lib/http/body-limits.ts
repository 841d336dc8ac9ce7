// How large a request body each kind of request may be, decided by the front door
// (scripts/server.ts) from the request line and headers alone, before Next.js reads a byte: Next
// buffers a body for `proxy.ts` (up to proxyClientMaxBodySize) and for server actions before any
// route code can refuse it. Pure: next.config.ts imports it too, so Next's own limits agree.

/** Server actions: Next's bodySizeLimit, set from this in next.config.ts. */
export const SERVER_ACTION_BODY_BYTES = 1_000_000;
/** JSON route handlers (the tutor, Auth.js's forms, a model pull). */
export const JSON_BODY_BYTES = 16_000;
/** An LTI launch's form post of its id_token. */
export const LTI_LAUNCH_BODY_BYTES = 64_000;
/** A screenshot upload: the file plus the multipart envelope. */
export const uploadBodyBytes = (maxUploadMb: number) => maxUploadMb * 1_000_000 + 64_000;

export type BodyLimit = {
  maxBytes: number;
  /** whether a body without Content-Length (chunked) may come: only where the route itself counts what it reads */
  streamed: boolean;
  /** what the person was doing, for the refusal */
  what: "upload" | "question" | "form" | "request";
};

export function bodyLimitFor(pathname: string, options: { maxUploadMb: number }): BodyLimit {
  if (pathname === "/api/lab/images") return { maxBytes: uploadBodyBytes(options.maxUploadMb), streamed: true, what: "upload" };
  if (pathname === "/api/tutor") return { maxBytes: JSON_BODY_BYTES, streamed: false, what: "question" };
  // A launch posts a signed id_token (a few kB; Canvas's run to 10 kB with custom claims).
  if (pathname === "/api/lti/launch") return { maxBytes: LTI_LAUNCH_BODY_BYTES, streamed: false, what: "form" };
  if (pathname === "/api/lti/login") return { maxBytes: JSON_BODY_BYTES, streamed: false, what: "form" };
  if (pathname.startsWith("/api/auth/") || pathname === "/api/models/pull")
    return { maxBytes: JSON_BODY_BYTES, streamed: false, what: "form" };
  // Server actions post to the page they belong to; every other state-changing request is small too.
  return { maxBytes: SERVER_ACTION_BODY_BYTES, streamed: false, what: "request" };
}

export type BodyVerdict = { ok: true } | { ok: false; status: 411 | 413; code: string; message: string };

/** The front door's decision for a state-changing request, from its headers. */
export function checkDeclaredBody(
  headers: { "content-length"?: string | undefined; "transfer-encoding"?: string | undefined },
  limit: BodyLimit,
  options: { maxUploadMb: number },
): BodyVerdict {
  const declared = headers["content-length"];
  if (declared !== undefined) {
    const bytes = Number(declared);
    if (!Number.isFinite(bytes) || bytes < 0)
      return { ok: false, status: 413, code: "TOO_LARGE", message: "The request's length could not be read." };
    if (bytes <= limit.maxBytes) return { ok: true };
    return { ok: false, status: 413, code: "TOO_LARGE", message: tooLargeMessage(limit, options) };
  }
  if (!headers["transfer-encoding"] || limit.streamed) return { ok: true };
  return {
    ok: false,
    status: 411,
    code: "LENGTH_REQUIRED",
    message: "This request must say how long its body is (Content-Length). Reload the page and try again.",
  };
}

function tooLargeMessage(limit: BodyLimit, options: { maxUploadMb: number }): string {
  switch (limit.what) {
    case "upload":
      return `The file is larger than the ${options.maxUploadMb} MB limit. Crop the screenshot or save it as JPEG.`;
    case "question":
      return "That question is far too long for the tutor. Keep it to a few sentences.";
    default:
      return "This request is larger than the site accepts. Shorten what you entered and try again.";
  }
}
