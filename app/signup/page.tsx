import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { AuthCard } from "@/components/auth/auth-card";
import { getCurrentUser } from "@/lib/auth/session";
import { callbackPathSchema, PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create account", description: "Create a Lesson Lab account to sync progress and run the lab." };

export default async function SignUpPage({ searchParams }: PageProps<"/signup">) {
  const params = await searchParams;
  const callbackUrl = callbackPathSchema.parse(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthCard
      title="Create your account"
      intro="An account keeps your lesson progress and quiz scores, and lets you run the lab and submit your recommendation."
      footer={
        <>
          Already have an account?{" "}
          <Link href={callbackUrl === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
        </>
      }
    >
      <CredentialsForm
        action={signUpAction}
        callbackUrl={callbackUrl}
        submitLabel="Create account"
        pendingLabel="Creating account…"
        fields={[
          { name: "name", label: "Name", type: "text", autoComplete: "name" },
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
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
