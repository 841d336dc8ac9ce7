import { z } from "zod";

export const ROLES = ["STUDENT", "INSTRUCTOR"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Stored roles are plain strings (SQLite has no enums); anything unknown is the least privilege. */
export function parseRole(value: unknown): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : "STUDENT";
}

/** The role a new account gets: instructors come only from configuration, never from the form. */
export function roleForNewUser(email: string, instructorEmails: readonly string[]): Role {
  return instructorEmails.includes(email.trim().toLowerCase()) ? "INSTRUCTOR" : "STUDENT";
}

export function hasRole(user: { role: Role } | null | undefined, role: Role): boolean {
  if (!user) return false;
  // Instructors can do everything a student can.
  return role === "STUDENT" ? true : user.role === role;
}

const RANK: Record<Role, number> = { STUDENT: 0, INSTRUCTOR: 1 };

/** Whether `a` holds more privilege than `b` (an instructor over a student; nobody over a peer). */
export function outranks(a: Role, b: Role): boolean {
  return RANK[a] > RANK[b];
}
