import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { clientAddress, consumeSignInAttempt } from "@/lib/auth/rate-limit";
import { parseRole } from "@/lib/auth/roles";
import { signInSchema } from "@/lib/auth/schemas";
import { findUserWithPassword } from "@/lib/auth/users";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

export class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
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
        const limit = await consumeSignInAttempt({ email, address: clientAddress(request.headers) });
        if (!limit.allowed) throw new RateLimited();
        const user = await findUserWithPassword(email);
        if (!user?.passwordHash) {
          await burnPasswordCheck(password);
          throw new InvalidCredentials();
        }
        if (!(await verifyPassword(password, user.passwordHash))) throw new InvalidCredentials();
        return { id: user.id, name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.id = user.id;
        token.role = parseRole((user as { role?: unknown }).role);
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.id === "string") session.user.id = token.id;
      session.user.role = parseRole(token.role);
      return session;
    },
  },
});
