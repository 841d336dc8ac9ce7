import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/app-error";
import { clientAddress } from "@/lib/auth/server/rate-limit";
import { env } from "@/lib/env";
import { completeLaunch, LaunchError, LOGIN_TTL_MS, pruneLogins, relaunchLogin, startLogin } from "@/lib/lti/data/launch";
import { LTI_CLAIM } from "@/lib/lti/claims";
import { openDeepLinkRequest } from "@/lib/lti/data/deep-linking";
import { recordLaunchLink } from "@/lib/lti/data/links";
import { accountForLaunch, classForLaunch } from "@/lib/lti/data/provision";
import { isRelaunchToken, launchFailurePath, type LaunchFailure } from "@/lib/lti/launch-failures";
import { cookiePlacement, isFramed } from "@/lib/lti/cookies";
import { mintSessionCookie, usesSecureCookies } from "@/lib/lti/server/session";
import { consume } from "@/lib/security/data/rate-limit";

// The two routes of an LTI 1.3 launch (docs/lti-design.md §3), kept here so the route files stay
// thin: the login initiation (GET or POST from the course site: remember state and nonce, send the
// browser to the platform) and the launch (the platform's form post: verify, provision, sign in,
// land on the activity). The front door lets exactly these two POSTs come from another site
// (lib/security/request.ts): the state cookie and the platform's signature protect them instead.
// Every refusal lands on one page that names the reason by key and says what to do.

/** Per login, so two tabs launching at once do not overwrite each other's state. */
export const stateCookieName = (state: string) => `lesson-lab-lti-${state.slice(0, 12)}`;
const STATE_COOKIE_PATH = "/api/lti/launch";

const loginSchema = z.object({
  iss: z.string().min(1).max(500),
  login_hint: z.string().min(1).max(2000),
  target_link_uri: z.url().max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().max(255).optional(),
  lti_deployment_id: z.string().max(255).optional(),
});

const launchSchema = z.object({ id_token: z.string().min(1).max(60_000), state: z.string().min(10).max(200) });

/**
 * This site's origin: AUTH_URL when set, else as the browser addressed it (the Host header, or the
 * forwarded host behind trusted proxies, as the Origin check reads it; Next's own nextUrl names the
 * host it was started with instead), with the protocol Auth.js would use.
 */
export function siteOrigin(request: NextRequest): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const forwarded = env.TRUST_PROXY > 0 ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return `${usesSecureCookies(request.headers) ? "https" : "http"}://${forwarded || request.headers.get("host") || request.nextUrl.host}`;
}

function fail(request: NextRequest, failure: LaunchFailure, relaunch?: string): NextResponse {
  return NextResponse.redirect(new URL(launchFailurePath(failure, relaunch), siteOrigin(request)), {
    status: 303,
    headers: { "Cache-Control": "no-store" },
  });
}

async function readForm(request: NextRequest): Promise<Record<string, string>> {
  if (request.method === "GET") return Object.fromEntries(request.nextUrl.searchParams);
  try {
    const form = await request.formData();
    return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

/** Login initiation: the course site names itself, the person and the activity. */
export async function handleLogin(request: NextRequest): Promise<NextResponse> {
  // As many as sign-ins from one address: a class behind one school address opens an activity at once.
  const limit = await consume(`lti-login|${clientAddress(request.headers)}`, env.SIGNIN_LIMIT_PER_ADDRESS, 60_000);
  if (!limit.allowed) return fail(request, "busy");
  const form = await readForm(request);
  const origin = siteOrigin(request);
  if (form.relaunch !== undefined) return relaunch(request, form.relaunch, origin);
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) return fail(request, "request");
  if (new URL(parsed.data.target_link_uri).origin !== origin) return fail(request, "target-elsewhere");
  let login: { url: string; state: string };
  try {
    login = await startLogin(parsed.data, `${origin}/api/lti/launch`);
  } catch (error) {
    if (error instanceof AppError && error.code === "LTI_PLATFORM_UNKNOWN") return fail(request, "platform");
    throw error;
  }
  void pruneLogins().catch((error: unknown) => console.error("[lti] pruning logins", error));
  return toPlatform(request, login);
}

/** "Open Lesson Lab in a new window": the login whose cookie a framed browser dropped starts again here, at the top level. */
async function relaunch(request: NextRequest, state: string, origin: string): Promise<NextResponse> {
  const login = isRelaunchToken(state) ? await relaunchLogin(state, `${origin}/api/lti/launch`) : null;
  return login ? toPlatform(request, login) : fail(request, "relaunch-gone");
}

/** Sends the browser to the platform's OIDC authentication URL, with this login's state cookie. */
function toPlatform(request: NextRequest, login: { url: string; state: string }): NextResponse {
  const response = NextResponse.redirect(login.url, { status: 302, headers: { "Cache-Control": "no-store" } });
  // Comes back on the platform's cross-site form post, so SameSite=None, which needs Secure
  // (browsers take Secure cookies from http://localhost too, for development and tests).
  response.cookies.set(stateCookieName(login.state), login.state, {
    httpOnly: true,
    path: STATE_COOKIE_PATH,
    maxAge: LOGIN_TTL_MS / 1000,
    ...cookiePlacement(true, true),
    // Partitioned only in a frame: at the top level the post comes back to the same top-level site anyway.
    partitioned: isFramed(request.headers) || undefined,
  });
  return response;
}

/** The platform's post of the signed id_token: on success the person is signed in and lands on the activity. */
export async function handleLaunch(request: NextRequest): Promise<NextResponse> {
  const parsed = launchSchema.safeParse(await readForm(request));
  if (!parsed.success) return fail(request, "request");
  const { id_token: idToken, state } = parsed.data;
  const cookieState = request.cookies.get(stateCookieName(state))?.value ?? null;
  let launch;
  try {
    launch = await completeLaunch({ idToken, state, cookieState });
  } catch (error) {
    if (error instanceof LaunchError) {
      console.warn("[lti] launch refused:", error.message);
      // Without its cookie (a browser blocking cookies in the frame), the page offers a new window.
      return fail(request, error.failure, error.failure === "no-cookie" ? state : undefined);
    }
    throw error;
  }
  const origin = siteOrigin(request);
  const target = new URL(launch.target);
  if (target.origin !== origin) return fail(request, "target-elsewhere");
  const isDeepLinking = launch.claims[LTI_CLAIM.messageType] === "LtiDeepLinkingRequest";
  // Adding an activity is for the course's teachers; a learner's deep linking launch signs nobody in.
  if (isDeepLinking && launch.role !== "INSTRUCTOR") return fail(request, "deep-link-learner");
  const user = await accountForLaunch(launch);
  await classForLaunch(launch, user.id);
  await recordLaunchLink(launch);
  const landing = isDeepLinking
    ? `/lti/deep-link?request=${await openDeepLinkRequest(launch, user.id)}`
    : `${target.pathname}${target.search}${target.hash}`;
  const framed = isFramed(request.headers);
  const session = await mintSessionCookie(user, usesSecureCookies(request.headers), framed);
  const response = NextResponse.redirect(new URL(landing, origin), {
    status: 303,
    headers: { "Cache-Control": "no-store" },
  });
  response.cookies.set(session.name, session.value, session.options);
  response.cookies.set(stateCookieName(state), "", {
    httpOnly: true,
    path: STATE_COOKIE_PATH,
    maxAge: 0,
    ...cookiePlacement(true, true),
    partitioned: framed || undefined,
  });
  return response;
}
