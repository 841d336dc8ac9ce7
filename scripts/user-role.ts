import "./load-env";
import { roleSchema } from "@/lib/auth/roles";
import { issueOperatorPasswordReset, NoSuchAccountError, RESET_LINK_HOURS } from "@/lib/auth/data/password-reset";
import { issueToken } from "@/lib/auth/data/sessions";
import { setUserRole } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// npm run user:role -- <email> INSTRUCTOR|STUDENT     change an existing account's role
// npm run user:role -- --invite <email> [--base-url https://lab.school.example]
//   print a one-time link (valid 7 days) that creates an instructor account for that email only.
//   Safer than INSTRUCTOR_EMAILS, where whoever signs up first with a listed address gets the role.
// npm run user:role -- --reset <email> [--base-url https://lab.school.example]
//   print a one-time password reset link for any account (an instructor's too: instructors can
//   issue links on the site only for students). Recorded in the audit trail as the operator's.

const INVITE_DAYS = 7;

async function main() {
  const args = process.argv.slice(2);
  const baseIndex = args.indexOf("--base-url");
  const base = ((baseIndex >= 0 ? args[baseIndex + 1] : undefined) ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  if (args[0] === "--reset") {
    const email = args[1]?.trim().toLowerCase();
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
      console.error("Usage: npm run user:role -- --reset <email> [--base-url https://lab.example]");
      process.exit(2);
    }
    try {
      const { token } = await issueOperatorPasswordReset(email);
      console.log(
        `Give this link to the owner of ${email} directly (it works once, for ${RESET_LINK_HOURS} hours, and ends every session of the account):`,
      );
      console.log(`${base}/reset-password?token=${token}`);
    } catch (error) {
      if (!(error instanceof NoSuchAccountError)) throw error;
      console.error(`No account with the email ${email}.`);
      process.exitCode = 1;
    }
    await db.$disconnect();
    return;
  }
  if (args[0] === "--invite") {
    const email = args[1]?.trim().toLowerCase();
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
      console.error("Usage: npm run user:role -- --invite <email> [--base-url https://lab.example]");
      process.exit(2);
    }
    const token = await issueToken({ purpose: "INSTRUCTOR_INVITE", email, hours: INVITE_DAYS * 24 });
    console.log(`Send this link to ${email} (it works once, for that email only, for ${INVITE_DAYS} days):`);
    console.log(`${base}/signup?invite=${token}`);
    await db.$disconnect();
    return;
  }
  const [email, roleArg] = args;
  const role = roleSchema.safeParse(roleArg?.toUpperCase());
  if (!email || !role.success) {
    console.error("Usage: npm run user:role -- <email> INSTRUCTOR|STUDENT   or   --invite <email>   or   --reset <email>");
    process.exit(2);
  }
  const user = await setUserRole(email, role.data);
  if (!user) {
    console.error(`No account with the email ${email}. They need to sign up first (or send them an invitation: --invite ${email}).`);
    process.exit(1);
  }
  console.log(`${user.email} is now ${user.role}. It takes effect on their next request.`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
