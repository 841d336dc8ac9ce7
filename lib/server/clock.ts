import "server-only";
import { readFileSync } from "node:fs";
import { env } from "@/lib/env";

// The time for what is scheduled: when a spaced review falls due, when an answer was given (so
// mastery's spacing is measured on one clock). TEST_CLOCK_FILE (tests only) names a file holding
// milliseconds to add to the real time, so an end-to-end test can let a day pass. Unset, this is
// Date.now().

let cached: { at: number; offset: number } | null = null;

function offsetMs(): number {
  const file = env.TEST_CLOCK_FILE;
  if (!file) return 0;
  const realNow = Date.now();
  if (cached && realNow - cached.at < 250) return cached.offset;
  let offset = 0;
  try {
    offset = Number(readFileSync(file, "utf8").trim()) || 0;
  } catch {
    // no file yet: no offset
  }
  cached = { at: realNow, offset };
  return offset;
}

export function now(): Date {
  return new Date(Date.now() + offsetMs());
}
