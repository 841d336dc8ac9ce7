import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";

// Sessions end when they should: every signed-in browser has a row its JWT names (sign-out revokes
// it, so a copied cookie stops working), and every JWT carries the user's session version (raising
// it ends every session of that user at once: "Sign out everywhere", a password reset).

export type SessionClaims = { sid: string; sv: number };

/** A new session for a user who just proved their password. */
export async function openSession(userId: string): Promise<SessionClaims> {
  const id = randomBytes(24).toString("base64url");
  const [, user] = await db.$transaction([
    db.authSession.create({ data: { id, userId } }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } }),
  ]);
  return { sid: id, sv: user.sessionVersion };
}

/** Whether the claims still name a live session of this user (checked on every request). */
export function isSessionLive(
  user: { sessionVersion: number; authSessions: { revokedAt: Date | null }[] },
  claims: Partial<SessionClaims>,
): boolean {
  if (typeof claims.sid !== "string" || typeof claims.sv !== "number") return false;
  if (claims.sv !== user.sessionVersion) return false;
  const session = user.authSessions[0];
  return Boolean(session && !session.revokedAt);
}

export async function revokeSession(userId: string, sid: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sid, userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of the user, this one included. */
export async function revokeAllSessions(userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
    db.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }),
  ]);
}

/** Ends the user's other sessions, keeping the one in use (after a password change). */
export async function revokeOtherSessions(userId: string, keepSid: string): Promise<number> {
  return (await db.authSession.updateMany({ where: { userId, revokedAt: null, id: { not: keepSid } }, data: { revokedAt: new Date() } }))
    .count;
}

export async function countLiveSessions(userId: string): Promise<number> {
  return db.authSession.count({ where: { userId, revokedAt: null } });
}

// One-time links: an instructor invitation, a password reset. The link carries a random token;
// only its hash is stored, and using it is one conditional update, so it works once.

export type TokenPurpose = "INSTRUCTOR_INVITE" | "PASSWORD_RESET";

export class InvalidTokenError extends AppError {
  constructor(message = "This link is not valid any more: it was used, it expired, or it was copied wrongly. Ask for a new one.") {
    super("INVALID_TOKEN", message);
  }
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueToken(input: {
  purpose: TokenPurpose;
  email: string;
  hours: number;
  createdById?: string | null;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.oneTimeToken.create({
    data: {
      purpose: input.purpose,
      email: input.email.trim().toLowerCase(),
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + input.hours * 3_600_000),
      createdById: input.createdById ?? null,
    },
  });
  return token;
}

/** The token's email if it is live for that purpose, without using it up. */
export async function peekToken(token: string, purpose: TokenPurpose): Promise<string | null> {
  const row = await db.oneTimeToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt < new Date()) return null;
  return row.email;
}

/** Uses the token up (once, even when two requests race) and returns its email. */
export async function consumeToken(token: string, purpose: TokenPurpose, email?: string): Promise<string> {
  const now = new Date();
  const used = await db.oneTimeToken.updateMany({
    where: {
      tokenHash: hashToken(token),
      purpose,
      usedAt: null,
      expiresAt: { gt: now },
      ...(email ? { email: email.trim().toLowerCase() } : {}),
    },
    data: { usedAt: now },
  });
  if (used.count !== 1) throw new InvalidTokenError();
  const row = await db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { email: true } });
  return row.email;
}
