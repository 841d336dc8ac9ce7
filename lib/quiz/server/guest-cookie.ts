import "server-only";
import { cookies } from "next/headers";
import { GUEST_COOKIE, GUEST_COOKIE_MAX_AGE, guestFromToken, type QuizViewer } from "@/lib/quiz/server/viewer";

// The guest identity's cookie. Pages only read it (a server component render cannot set cookies);
// the quiz's adopt action sets it, with a token the page minted for a browser that had none.

/** The guest this browser's cookie names, if it carries a genuine one. */
export async function readGuestViewer(): Promise<QuizViewer | null> {
  return guestFromToken((await cookies()).get(GUEST_COOKIE)?.value);
}

/** Server actions and route handlers only. */
export async function setGuestCookie(token: string): Promise<void> {
  (await cookies()).set(GUEST_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", maxAge: GUEST_COOKIE_MAX_AGE });
}
