import "server-only";
import { encode } from "next-auth/jwt";
import { openSession } from "@/lib/auth/data/sessions";
import type { PublicUser } from "@/lib/auth/data/users";
import { env } from "@/lib/env";
import { cookiePlacement, sessionCookieName, type MintedCookie } from "@/lib/lti/cookies";

// A launch signs its person in without a password: the launch route mints the very cookie Auth.js
// would have set after a sign-in (docs/lti-design.md §2), so every page reads it unchanged through
// auth() and getCurrentUser, which re-check the session row on each request. Sign-out revokes the
// row, as for any session.

/** A launched session lasts a working day; the course site launches again after that. */
export const LTI_SESSION_SECONDS = 12 * 60 * 60;

/**
 * Whether Auth.js names and marks its cookies for https, decided as Auth.js decides it for the
 * same request (its own AUTH_URL when set, else the forwarded protocol, else https), so the cookie
 * minted here is the one auth() reads.
 */
export function usesSecureCookies(headers: Headers): boolean {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).protocol === "https:";
  return (headers.get("x-forwarded-proto") ?? "https").replace(/:$/, "") === "https";
}

/** A new session row for the user and the Auth.js cookie that names it. */
export async function mintSessionCookie(user: PublicUser, secure: boolean, framed = false): Promise<MintedCookie> {
  const { sid, sv } = await openSession(user.id);
  const name = sessionCookieName(secure);
  const value = await encode({
    token: { sub: user.id, id: user.id, name: user.name, email: user.email, role: user.role, sid, sv },
    secret: env.AUTH_SECRET,
    salt: name,
    maxAge: LTI_SESSION_SECONDS,
  });
  return { name, value, options: { httpOnly: true, path: "/", maxAge: LTI_SESSION_SECONDS, ...cookiePlacement(framed, secure) } };
}
