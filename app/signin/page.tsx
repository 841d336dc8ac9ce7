import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { AuthCard } from "@/components/auth/auth-card";
import { getCurrentUser } from "@/lib/auth/server/session";
import { callbackPathSchema } from "@/lib/auth/schemas";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in", description: "Sign in to Lesson Lab to sync your progress and run the lab." };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const callbackUrl = callbackPathSchema.parse(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  const code = typeof params.code === "string" ? params.code : undefined;
  const initialMessage =
    code && code in SIGN_IN_MESSAGES
      ? SIGN_IN_MESSAGES[code as keyof typeof SIGN_IN_MESSAGES]
      : params.error
        ? "Sign-in failed. Try again."
        : undefined;
  return (
    <AuthCard
      title="Sign in"
      intro="Sign in to keep your progress on every device and to run the lab."
      footer={
        <>
          New here?{" "}
          <Link href={callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
        </>
      }
    >
      <CredentialsForm
        action={signInAction}
        callbackUrl={callbackUrl}
        initialMessage={initialMessage}
        submitLabel="Sign in"
        pendingLabel="Signing in…"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "current-password",
            // There is no email: an instructor makes a one-time reset link (README, "Security").
            note: "Forgot your password? Ask your instructor for a reset link.",
          },
        ]}
      />
    </AuthCard>
  );
}
