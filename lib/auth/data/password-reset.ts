import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { teachesStudent } from "@/lib/classes/data/scope";
import { AppError } from "@/lib/app-error";
import { recordAudit } from "@/lib/auth/data/audit";
import { AuthorizationError } from "@/lib/auth/errors";
import { hashPassword } from "@/lib/auth/server/passwords";
import { hasRole, outranks, parseRole } from "@/lib/auth/roles";
import { InvalidTokenError } from "@/lib/auth/data/sessions";

// Password reset links. Lesson Lab sends no email, so a person hands the link over:
// - an instructor issues links for student accounts only (an account of lower privilege than
//   theirs); anyone else's, an instructor's included, comes from the operator's command line
//   (`npm run user:role -- --reset <email>`);
// - a link names the account it resets and its issuer (both in the audit trail);
// - a link carries the account's password version when it was issued, and every password change
//   (through a link, on /account) raises that version: all other outstanding links die with it;
// - using a link is one conditional update on the token and one on the account, in a transaction:
//   it works once, even when two requests race.

export const RESET_LINK_HOURS = 24;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export class NoSuchAccountError extends AppError {
  constructor() {
    super("NOT_FOUND", "No account has this email address.");
  }
}

export class ResetNotAllowedError extends AppError {
  constructor() {
    super(
      "RESET_NOT_ALLOWED",
      "Reset links from here are for student accounts. An instructor's password is reset by whoever runs the site, from its command line.",
    );
  }
}

type Issuer = { kind: "user"; user: { id: string; role: string } } | { kind: "operator" };

async function issue(issuer: Issuer, email: string): Promise<{ token: string; expiresAt: Date }> {
  const normalised = email.trim().toLowerCase();
  const account = await db.user.findUnique({ where: { email: normalised }, select: { id: true, role: true, passwordVersion: true } });
  if (!account) throw new NoSuchAccountError();
  if (issuer.kind === "user" && !outranks(parseRole(issuer.user.role), parseRole(account.role))) throw new ResetNotAllowedError();
  // A student outside the instructor's classes answers as an unknown address: nothing is learned.
  if (issuer.kind === "user" && !(await teachesStudent(issuer.user.id, account.id))) throw new NoSuchAccountError();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3_600_000);
  const actorId = issuer.kind === "user" ? issuer.user.id : null;
  await db.$transaction([
    db.oneTimeToken.create({
      data: {
        purpose: "PASSWORD_RESET",
        email: normalised,
        tokenHash: hashToken(token),
        expiresAt,
        createdById: actorId,
        userId: account.id,
        passwordVersion: account.passwordVersion,
      },
    }),
    db.auditEvent.create({
      data: {
        action: "PASSWORD_RESET_ISSUED",
        actorId,
        actorKind: issuer.kind,
        targetId: account.id,
        detail: JSON.stringify({ expiresAt: expiresAt.toISOString() }),
      },
    }),
  ]);
  return { token, expiresAt };
}

/** A one-time reset link's token for a student's account, from an instructor. */
export async function issuePasswordReset(issuer: { id: string; role: string }, email: string): Promise<string> {
  if (!hasRole({ role: parseRole(issuer.role) }, "INSTRUCTOR")) throw new AuthorizationError(403, "This is for instructors only.");
  return (await issue({ kind: "user", user: issuer }, email)).token;
}

/** For the operator's command line: a reset link for any account, an instructor's included. */
export async function issueOperatorPasswordReset(email: string): Promise<{ token: string; expiresAt: Date }> {
  return issue({ kind: "operator" }, email);
}

type LiveToken = { id: string; userId: string; passwordVersion: number; email: string };

async function findLive(token: string, client: Pick<typeof db, "oneTimeToken" | "user"> = db): Promise<LiveToken | null> {
  const row = await client.oneTimeToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, purpose: true, usedAt: true, expiresAt: true, userId: true, passwordVersion: true, email: true },
  });
  if (!row || row.purpose !== "PASSWORD_RESET" || row.usedAt || row.expiresAt <= new Date()) return null;
  // Links from before links named their account, and links whose account changed its password since, are dead.
  if (!row.userId || row.passwordVersion === null) return null;
  const account = await client.user.findUnique({ where: { id: row.userId }, select: { passwordVersion: true, email: true } });
  if (!account || account.passwordVersion !== row.passwordVersion) return null;
  return { id: row.id, userId: row.userId, passwordVersion: row.passwordVersion, email: account.email };
}

/** The account's email if the link still works (for the page), without using it. */
export async function peekPasswordReset(token: string): Promise<string | null> {
  return (await findLive(token))?.email ?? null;
}

/** Sets the password through a link: once, and only while the account's password is the one the link was issued under. */
export async function resetPasswordWithToken(token: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const live = await findLive(token, tx);
    if (!live) throw new InvalidTokenError();
    const now = new Date();
    const used = await tx.oneTimeToken.updateMany({ where: { id: live.id, usedAt: null }, data: { usedAt: now } });
    // The version in the WHERE makes the change conditional: a second link used at the same moment loses.
    const changed = await tx.user.updateMany({
      where: { id: live.userId, passwordVersion: live.passwordVersion },
      data: { passwordHash, passwordVersion: { increment: 1 }, sessionVersion: { increment: 1 } },
    });
    if (used.count !== 1 || changed.count !== 1) throw new InvalidTokenError();
    await retireResetLinks(live.userId, now, tx);
    await tx.authSession.updateMany({ where: { userId: live.userId, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit({ action: "PASSWORD_RESET_USED", targetId: live.userId }, tx);
    return live.email;
  });
}

/** Marks every outstanding reset link of the account used (the version check already refuses them; this keeps the table honest). */
export async function retireResetLinks(userId: string, now: Date, client: Pick<typeof db, "oneTimeToken"> = db): Promise<void> {
  await client.oneTimeToken.updateMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: now } });
}

export type IssuedLink = { id: string; email: string; createdAt: Date; expiresAt: Date; state: "open" | "used" | "expired" };

/** The links an instructor issued lately, newest first, with what became of them. */
export async function listIssuedResetLinks(issuerId: string, take = 20): Promise<IssuedLink[]> {
  const rows = await db.oneTimeToken.findMany({
    where: { createdById: issuerId, purpose: "PASSWORD_RESET" },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, email: true, createdAt: true, expiresAt: true, usedAt: true },
  });
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    state: r.usedAt ? "used" : r.expiresAt <= now ? "expired" : "open",
  }));
}
