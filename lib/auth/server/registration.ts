import "server-only";
import { noteSignupAttempt } from "@/lib/auth/data/notices";
import { hashPassword } from "@/lib/auth/server/passwords";
import type { SignUpInput } from "@/lib/auth/schemas";
import { createUser, EmailTakenError, findUserIdByEmail } from "@/lib/auth/data/users";

/**
 * Sign-up that does not tell whether an email is registered: a new email gets an account; a
 * registered one changes nothing and its owner finds a notice at their next visit. Either way the
 * caller hears the same thing and then signs in with the password just typed, which works for a
 * new account and for an owner who typed their own password, and counts against the sign-in
 * backoff like any other guess. Both paths do the same work: hash the password, look the email up,
 * write one row (the account, or the owner's notice), so they take the same time
 * (bench/signup-timing.ts measures it).
 */
export async function registerAccount(input: SignUpInput, options: { inviteToken?: string } = {}): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const owner = await findUserIdByEmail(input.email);
  if (owner) return noteSignupAttempt(owner);
  try {
    await createUser(input, { ...options, passwordHash });
  } catch (error) {
    // Two sign-ups of the same new email at once: the other one made the account.
    if (!(error instanceof EmailTakenError)) throw error;
    const winner = await findUserIdByEmail(input.email);
    if (winner) await noteSignupAttempt(winner);
  }
}
