import "server-only";
import { readFileSync } from "node:fs";
import { env } from "@/lib/env";

// The time for what is scheduled: when a spaced review falls due, when an answer was given (so
// mastery's spacing is measured on one clock). TEST_CLOCK_FILE (tests only) names a file holding
// milliseconds to add to the real time, so an end-to-end test can let a day pass; a file beside it
// named `<TEST_CLOCK_FILE>.<user id>` moves one user's time instead, so tests running side by side
// each move only their own student's clock. Both are read at every call (a test that writes one
// needs no wait). Unset, this is Date.now().

function offsetIn(file: string): number | null {
  try {
    return Number(readFileSync(file, "utf8").trim()) || 0;
  } catch {
    return null; // no file: no offset
  }
}

/** Now, on the clock of `userId` (who answers, whose review falls due). */
export function now(userId?: string | null): Date {
  const file = env.TEST_CLOCK_FILE;
  if (!file) return new Date();
  const own = userId && /^[\w-]+$/.test(userId) ? offsetIn(`${file}.${userId}`) : null;
  return new Date(Date.now() + (own ?? offsetIn(file) ?? 0));
}
