import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/server/auth";
import { getCurrentUser } from "@/lib/auth/server/session";

export const { POST } = handlers;

/**
 * Auth.js's GET endpoints, but its session endpoint answers only for a live session: a JWT whose
 * session was revoked (signed out, signed out everywhere, password reset) reads as signed out here
 * as it does everywhere else in the app.
 */
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname.replace(/\/$/, "").endsWith("/api/auth/session") && !(await getCurrentUser())) {
    return Response.json(null, { headers: { "Cache-Control": "private, no-cache, no-store" } });
  }
  return handlers.GET(request);
}
