import "server-only";
import { cookies } from "next/headers";

export const HIDE_NAMES_COOKIE = "lesson-lab-hide-names";

/** Whether this instructor's browser asked to hide student names while grading. */
export async function hidesStudentNames(): Promise<boolean> {
  return (await cookies()).get(HIDE_NAMES_COOKIE)?.value === "1";
}

/** A stable stand-in for a student's name when names are hidden. */
export function anonymousName(submissionId: string): string {
  let hash = 0;
  for (const char of submissionId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `Student ${(hash % 9000) + 1000}`;
}
