import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/lib/auth/server/auth";
import { hasRole, type Role } from "@/lib/auth/roles";
import { findUserForSession, type PublicUser } from "@/lib/auth/data/users";
import { signInPath } from "@/lib/auth/paths";
import { AuthorizationError } from "@/lib/auth/errors";

export { AuthorizationError };

export type SessionUser = PublicUser;

/**
 * The signed-in user, read fresh from the database once per request: a role changed with the CLI
 * or a deleted account takes effect at once, whatever the JWT still says.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  // Signed out (this session revoked) or signed out everywhere (version raised): no user.
  return findUserForSession(id, { sid: session.user.sid, sv: session.user.sv });
});

/** The current session's id, for signing this browser out. */
export async function getCurrentSessionId(): Promise<string | null> {
  return (await auth())?.user?.sid ?? null;
}

/** For pages and actions: a guest is sent to sign in and brought back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/** As requireUser, and a signed-in user without the role gets the 403 page. */
export async function requireRole(role: Role, returnTo = "/"): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (!hasRole(user, role)) forbidden();
  return user;
}

/** For route handlers and data functions: throws instead of redirecting. */
export async function assertRole(role: Role): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthorizationError(401, "Sign in to continue.");
  if (!hasRole(user, role)) throw new AuthorizationError(403, "This is for instructors only.");
  return user;
}
