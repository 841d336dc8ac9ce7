import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import type { SessionUser } from "@/lib/auth/server/session";
import { instructorScope, narrowTo, type InstructorScope } from "@/lib/classes/data/scope";

/** The instructor's picker: a class id or "all". A preference, validated on every read. */
export const CLASS_COOKIE = "lesson-lab-class";

export async function chosenClass(): Promise<string | null> {
  return (await cookies()).get(CLASS_COOKIE)?.value ?? null;
}

/** The scope of this request's instructor pages: the picker's class, validated. Once per request. */
export const currentScope = cache(async (user: SessionUser): Promise<InstructorScope> => instructorScope(user, await chosenClass()));

/** Exports: ?class= when given (404 when not taught), else the picker's class. */
export async function exportScope(user: SessionUser, requested: string | null): Promise<InstructorScope> {
  return requested === null ? currentScope(user) : narrowTo(await instructorScope(user), requested);
}
