import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { AuthCard } from "@/components/auth/auth-card";
import { getCurrentUser } from "@/lib/auth/server/session";
import { callbackPathSchema, PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { peekToken } from "@/lib/auth/data/sessions";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { signInAfterSignUpAction, signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create account", description: "Create a Lesson Lab account to sync progress and run the lab." };

export default async function SignUpPage({ searchParams }: PageProps<"/signup">) {
  const params = await searchParams;
  const callbackUrl = callbackPathSchema.parse(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  const invite = typeof params.invite === "string" && params.invite.length <= 100 ? params.invite : null;
  const invitedEmail = invite ? await peekToken(invite, "INSTRUCTOR_INVITE") : null;
  return (
    <AuthCard
      title={invitedEmail ? "Create your instructor account" : "Create your account"}
      intro={
        invitedEmail
          ? `You were invited to teach on Lesson Lab as ${invitedEmail}. Create the account with that email; the invitation works once.`
          : invite
            ? "This invitation is not valid any more (it was used or it expired). You can still create a student account; ask for a new invitation to teach."
            : "An account keeps your lesson progress and quiz scores, and lets you run the lab and submit your recommendation."
      }
      footer={
        <>
          Already have an account?{" "}
          <Link href={callbackUrl === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
        </>
      }
    >
      <CredentialsForm
        action={signUpAction}
        followWith={{ action: signInAfterSignUpAction, pendingMessage: "Signing you in…" }}
        successMessage={SIGN_IN_MESSAGES.signup_done}
        callbackUrl={callbackUrl}
        hidden={invitedEmail && invite ? { invite } : undefined}
        submitLabel="Create account"
        pendingLabel="Creating account…"
        fields={[
          { name: "name", label: "Name", type: "text", autoComplete: "name" },
          { name: "email", label: "Email", type: "email", autoComplete: "email", defaultValue: invitedEmail ?? undefined },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "new-password",
            hint: `At least ${PASSWORD_MIN_LENGTH} characters.`,
          },
        ]}
      />
    </AuthCard>
  );
}
