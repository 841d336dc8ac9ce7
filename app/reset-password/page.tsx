import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { peekPasswordReset } from "@/lib/auth/data/password-reset";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const token = (await searchParams).token;
  const email = typeof token === "string" && token.length <= 100 ? await peekPasswordReset(token) : null;
  if (!email || typeof token !== "string") {
    return (
      <AuthCard
        title="This link does not work"
        intro="It was used already, it expired, the password was changed since it was made, or it was copied wrongly. Ask your instructor for a new one."
        footer={null}
      >
        <p className="text-sm">Reset links work once and for a day.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Choose a new password"
      intro={`For ${email}. Every session of this account ends when it changes; then sign in with the new password.`}
      footer={null}
    >
      <CredentialsForm
        action={resetPasswordAction}
        hidden={{ token }}
        submitLabel="Set new password"
        pendingLabel="Setting…"
        fields={[
          {
            name: "password",
            label: "New password",
            type: "password",
            autoComplete: "new-password",
            hint: `At least ${PASSWORD_MIN_LENGTH} characters.`,
          },
        ]}
      />
    </AuthCard>
  );
}
