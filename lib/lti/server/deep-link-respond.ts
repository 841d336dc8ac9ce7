import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/server/session";
import { signInPath } from "@/lib/auth/paths";
import { respondToDeepLink } from "@/lib/lti/data/deep-linking";
import { launchFailurePath } from "@/lib/lti/launch-failures";
import { choiceByValue } from "@/lib/lti/server/deep-link-choices";
import { siteOrigin } from "@/lib/lti/server/launch-flow";
import { createNonce } from "@/lib/security/csp";
import { refuseCrossOrigin } from "@/lib/security/server/origin";

// The picker's form posts here (a route, not a server action: its answer is a page that posts the
// signed response on to the course site, which the app's own CSP, form-action 'self', would stop).
// This route is outside proxy.ts, so the policy below is the page's only one: nothing but its own
// nonce'd script, and forms only to the course site's return address.

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const seeOther = (request: NextRequest, path: string) =>
  NextResponse.redirect(new URL(path, siteOrigin(request)), { status: 303, headers: { "Cache-Control": "no-store" } });

export async function handleDeepLinkResponse(request: NextRequest): Promise<Response> {
  const refused = refuseCrossOrigin(request);
  if (refused) return refused;
  const form = await request.formData().catch(() => null);
  const id = form?.get("request");
  if (typeof id !== "string" || id.length > 100) return seeOther(request, launchFailurePath("deep-link-stale"));
  const user = await getCurrentUser();
  if (!user) return seeOther(request, signInPath(`/lti/deep-link?request=${encodeURIComponent(id)}`));
  const picks = (form?.getAll("item") ?? []).flatMap((value) => {
    const choice = typeof value === "string" ? choiceByValue(value) : null;
    return choice ? [choice] : [];
  });
  if (!picks.length) return seeOther(request, `/lti/deep-link?request=${encodeURIComponent(id)}&error=pick`);
  const signed = await respondToDeepLink(user.id, id, picks, siteOrigin(request));
  if (!signed) return seeOther(request, launchFailurePath("deep-link-stale"));
  const nonce = createNonce();
  const target = new URL(signed.returnUrl).origin;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sending your choice to your course</title></head>
<body><main><h1>Sending your choice to your course</h1><form method="post" action="${escapeHtml(signed.returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(signed.jwt)}"><button type="submit">Continue to your course</button></form></main>
<script nonce="${nonce}">document.forms[0].submit();</script></body></html>`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; form-action ${target}; base-uri 'none'; frame-ancestors 'self' ${target}`,
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
