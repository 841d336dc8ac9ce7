import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { AuthCard } from "@/components/auth/auth-card";
import { buttonClasses } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/server/session";

export const metadata: Metadata = { title: "Sign out" };

/** Where Auth.js's own sign-out page sends people: this one ends the session on the server too. */
export default async function SignOutPage() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <AuthCard title="You are signed out" intro="This browser is not signed in to Lesson Lab." footer={null}>
        <Link href="/signin" className={buttonClasses("primary")}>
          Sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Sign out"
      intro={`Signed in as ${user.name ?? user.email}. Signing out ends this session on the server: a copy of this browser's cookie stops working too.`}
      footer={<Link href="/account">Sign out on every device instead</Link>}
    >
      <form action={signOutAction}>
        <button type="submit" className={buttonClasses("primary")}>
          Sign out
        </button>
      </form>
    </AuthCard>
  );
}
