import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createHash } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/server/passwords";
import { InvalidTokenError, isSessionLive, revokeOtherSessions, type SessionClaims } from "@/lib/auth/data/sessions";
import { parseRole, roleForNewUser, type Role } from "@/lib/auth/roles";
import type { SignUpInput } from "@/lib/auth/schemas";
import { AppError } from "@/lib/app-error";

export type PublicUser = { id: string; name: string | null; email: string; role: Role };

export class EmailTakenError extends AppError {
  constructor() {
    super("EMAIL_TAKEN", "An account with this email already exists.");
  }
}

function toPublicUser(row: { id: string; name: string | null; email: string; role: string }): PublicUser {
  return { id: row.id, name: row.name, email: row.email, role: parseRole(row.role) };
}

const publicFields = { id: true, name: true, email: true, role: true } as const;

/**
 * A new account. It is an instructor only when an instructor invitation for this very email comes
 * with it (the safe path, printed by `npm run user:role -- --invite <email>`), or when the email is
 * in INSTRUCTOR_EMAILS (convenient, but whoever signs up first with that address gets the role).
 */
export async function createUser(
  input: SignUpInput,
  options: { inviteToken?: string; /** computed already (sign-up hashes before it looks the email up) */ passwordHash?: string } = {},
): Promise<PublicUser> {
  const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
  try {
    const row = await db.$transaction(async (tx) => {
      let role = roleForNewUser(input.email, env.INSTRUCTOR_EMAILS);
      if (options.inviteToken) {
        const used = await tx.oneTimeToken.updateMany({
          where: {
            tokenHash: sha256(options.inviteToken),
            purpose: "INSTRUCTOR_INVITE",
            email: input.email,
            usedAt: null,
            expiresAt: { gt: new Date() },
          },
          data: { usedAt: new Date() },
        });
        if (used.count !== 1)
          throw new InvalidTokenError(
            "This invitation is not valid for this email: it was used, it expired, or it was sent to another address.",
          );
        role = "INSTRUCTOR";
      }
      return tx.user.create({ data: { name: input.name, email: input.email, passwordHash, role }, select: publicFields });
    });
    return toPublicUser(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Includes the hash: only the sign-in check may call this. */
export async function findUserWithPassword(email: string) {
  const row = await db.user.findUnique({ where: { email }, select: { ...publicFields, passwordHash: true } });
  return row ? { ...toPublicUser(row), passwordHash: row.passwordHash } : null;
}

/** Replaces an older kind of hash after a successful sign-in (bcrypt accounts become argon2id). */
export async function upgradePasswordHash(userId: string, password: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } }))?.id ?? null;
}

export async function findUserById(id: string): Promise<PublicUser | null> {
  const row = await db.user.findUnique({ where: { id }, select: publicFields });
  return row ? toPublicUser(row) : null;
}

/** The user, if the session claims still name one of their live sessions; one query per request. */
export async function findUserForSession(id: string, claims: Partial<SessionClaims>): Promise<PublicUser | null> {
  if (typeof claims.sid !== "string") return null;
  const row = await db.user.findUnique({
    where: { id },
    select: { ...publicFields, sessionVersion: true, authSessions: { where: { id: claims.sid }, select: { revokedAt: true } } },
  });
  return row && isSessionLive(row, claims) ? toPublicUser(row) : null;
}

export class WrongPasswordError extends AppError {
  constructor() {
    super("WRONG_PASSWORD", "That is not your current password.");
  }
}

/** Changes the password after checking the current one; the other sessions end, this one stays. */
export async function changePassword(
  userId: string,
  input: { current: string; next: string; keepSid: string },
): Promise<{ endedSessions: number }> {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!row.passwordHash || !(await verifyPassword(input.current, row.passwordHash)).ok) throw new WrongPasswordError();
  const passwordHash = await hashPassword(input.next);
  const now = new Date();
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, passwordVersion: { increment: 1 } } }),
    // Reset links issued before the change die with the old password.
    db.oneTimeToken.updateMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: now } }),
    db.auditEvent.create({ data: { action: "PASSWORD_CHANGED", actorId: userId, targetId: userId } }),
  ]);
  return { endedSessions: await revokeOtherSessions(userId, input.keepSid) };
}

export async function updateName(userId: string, name: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name } });
}

/** For the CLI only: nobody gets a role through the web. */
export async function setUserRole(email: string, role: Role): Promise<PublicUser | null> {
  const existing = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!existing) return null;
  return toPublicUser(await db.user.update({ where: { id: existing.id }, data: { role }, select: publicFields }));
}

export type StudentSummary = { id: string; name: string | null; email: string; joinedAt: Date };

export async function listUsersByRole(role: Role): Promise<StudentSummary[]> {
  const rows = await db.user.findMany({
    where: { role },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, email: true, createdAt: true },
    take: 500,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, joinedAt: r.createdAt }));
}
