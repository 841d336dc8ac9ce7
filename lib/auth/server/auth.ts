import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { burnPasswordCheck, PasswordCheckBusyError, verifyPassword } from "@/lib/auth/server/passwords";
import { clientAddress, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/server/rate-limit";
import { openSession, revokeSession } from "@/lib/auth/data/sessions";
import { parseRole } from "@/lib/auth/roles";
import { signInSchema } from "@/lib/auth/schemas";
import { findUserWithPassword, upgradePasswordHash } from "@/lib/auth/data/users";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

export class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

export class Busy extends CredentialsSignin {
  override code = "busy";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Auth.js's own sign-out page is replaced by ours (which revokes the session); its endpoint
  // revokes too (events.signOut below), so no sign-out path only clears the browser's cookie.
  pages: { signIn: "/signin", error: "/signin", signOut: "/signout" },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.id === "string" && typeof token.sid === "string") await revokeSession(token.id, token.sid);
    },
  },
  logger: {
    // Wrong passwords are expected traffic, not server errors.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      // This is the boundary: the sign-in form and a direct POST to the Auth.js endpoint both end here.
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const who = { email, address: clientAddress(request.headers) };
        // Counted before the password is checked, so a burst cannot outrun the backoff.
        if (!(await reserveSignInAttempt(who)).allowed) throw new RateLimited();
        try {
          const user = await findUserWithPassword(email);
          if (!user?.passwordHash) {
            await burnPasswordCheck(password);
            throw new InvalidCredentials();
          }
          const check = await verifyPassword(password, user.passwordHash);
          if (!check.ok) throw new InvalidCredentials();
          await recordSignInSuccess(who);
          if (check.needsRehash) await upgradePasswordHash(user.id, password);
          return { id: user.id, name: user.name, email: user.email, role: user.role };
        } catch (error) {
          if (error instanceof PasswordCheckBusyError) throw new Busy();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        // A fresh sign-in: a session row the JWT names, and the user's session version.
        const claims = await openSession(user.id);
        token.id = user.id;
        token.role = parseRole((user as { role?: unknown }).role);
        token.sid = claims.sid;
        token.sv = claims.sv;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.id === "string") session.user.id = token.id;
      session.user.role = parseRole(token.role);
      session.user.sid = typeof token.sid === "string" ? token.sid : undefined;
      session.user.sv = typeof token.sv === "number" ? token.sv : undefined;
      return session;
    },
  },
});
