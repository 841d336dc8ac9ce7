import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { ResetLinkForm } from "@/components/auth/reset-link-form";

export const metadata: Metadata = { title: "Password reset links" };

export default async function PasswordResetPage() {
  await requireRole("INSTRUCTOR", "/instructor/password-reset");
  return (
    <div className="mx-auto max-w-2xl py-10">
      <p className="text-sm">
        <Link href="/instructor">← Instructor</Link>
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight">Password reset links</h1>
      <p className="mt-2 mb-8 text-ink-muted">
        Lesson Lab sends no email. When a student forgets their password, create a one-time link here and give it to them.
      </p>
      <ResetLinkForm />
    </div>
  );
}
