import { NextResponse, type NextRequest } from "next/server";
import { READER_HEADER, RENDER_NONCE_HEADER } from "@/lib/http/render-nonce";
import { signInPath } from "@/lib/auth/paths";
import { hasSessionCookie } from "@/lib/security/request";
import { buildCsp, createNonce } from "@/lib/security/csp";
import { framingOrigins } from "@/lib/lti/data/frame-origins";

/** Pages whose HTML is shared by every member (lib/http/page-cache.ts) and whose data only a member can load. */
const MEMBER_PAGE = /^\/lessons\/[a-z0-9-]{1,100}\/lab$/;

// A fresh nonce per request; Next.js reads it from the request's CSP header and puts it on the
// scripts it inlines. Authorization is not decided here: every page, action and handler checks
// the session itself. The guest page cache (lib/http/page-cache.ts) renders with its own
// placeholder nonce, which it replaces per response; the front door removes that header from any
// request that is not the cache's own.
export async function proxy(request: NextRequest) {
  const cookie = request.headers.get("cookie") ?? undefined;
  // Without a session cookie the lab's shared page could only say "sign in": send the reader
  // there at once (with a cookie, its own request for the reader's lab checks the session). The
  // page cache's own render carries no cookie and is let through.
  if (MEMBER_PAGE.test(request.nextUrl.pathname) && !hasSessionCookie(cookie) && !request.headers.has(RENDER_NONCE_HEADER)) {
    const to = new URL(signInPath(`${request.nextUrl.pathname}${request.nextUrl.search}`), request.nextUrl);
    return NextResponse.redirect(to, { headers: { "Cache-Control": "no-store" } });
  }
  const nonce = request.headers.get(RENDER_NONCE_HEADER) ?? createNonce();
  // Inside a course site's frame (an LTI launch), the registered course sites may frame the page.
  const frameAncestors = request.headers.get("sec-fetch-dest") === "iframe" ? await framingOrigins() : [];
  const csp = buildCsp(nonce, { isDev: process.env.NODE_ENV === "development", frameAncestors });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Whether a session cookie came along (the layout's `<html data-reader>`); the page cache's own
  // render brings a placeholder instead, which it replaces per response.
  if (!requestHeaders.has(READER_HEADER)) requestHeaders.set(READER_HEADER, hasSessionCookie(cookie) ? "member" : "guest");
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Static files from public/ need no nonce. Screenshot uploads skip the proxy so that Next does
  // not buffer their body before the route (and the server in front of it) can refuse them. The
  // reader's JSON (/api/me/page, asked for by every member's page view, and the lab's /api/me/lab)
  // needs no policy either. The deep linking response sets a policy of its own (it posts to the
  // course site, which this one's form-action 'self' would stop).
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon\\.ico|favicon\\.svg|apple-touch-icon\\.png|icon-[\\w-]+\\.png|robots\\.txt|manifest\\.webmanifest|api/lab/images$|api/me/page$|api/me/lab$|api/lti/deep-link/respond$).*)",
    },
  ],
};
