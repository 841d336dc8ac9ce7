import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/passwords";
import { parseRole, roleForNewUser, type Role } from "@/lib/auth/roles";
import type { SignUpInput } from "@/lib/auth/schemas";
import { AppError } from "@/lib/app-error";

export type PublicUser = { id: string; name: string | null; email: string; role: Role };

export class EmailTakenError extends AppError {
  constructor() {
    super("EMAIL_TAKEN", "An account with this email already exists.", { status: 409 });
  }
}

function toPublicUser(row: { id: string; name: string | null; email: string; role: string }): PublicUser {
  return { id: row.id, name: row.name, email: row.email, role: parseRole(row.role) };
}

const publicFields = { id: true, name: true, email: true, role: true } as const;

export async function createUser(input: SignUpInput): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db.user.create({
      data: {
        name: input.name,
        email: input.email,
        passwordHash,
        role: roleForNewUser(input.email, env.INSTRUCTOR_EMAILS),
      },
      select: publicFields,
    });
    return toPublicUser(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

/** Includes the hash: only the sign-in check may call this. */
export async function findUserWithPassword(email: string) {
  const row = await db.user.findUnique({ where: { email }, select: { ...publicFields, passwordHash: true } });
  return row ? { ...toPublicUser(row), passwordHash: row.passwordHash } : null;
}

export async function findUserById(id: string): Promise<PublicUser | null> {
  const row = await db.user.findUnique({ where: { id }, select: publicFields });
  return row ? toPublicUser(row) : null;
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
