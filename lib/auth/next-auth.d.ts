import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; sid?: string; sv?: number } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id?: string;
    role?: Role;
    /** the AuthSession row this browser's session is */
    sid?: string;
    /** the user's session version when it was issued */
    sv?: number;
  }
}
