import { plural } from "@/lib/format";

// How long ago an instructor claimed a submission, as the queue says it ("claimed 3 days ago"), so
// forgotten claims stand out. Pure: the page passes the time it rendered at.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ago = (n: number, unit: string) => `${n} ${plural(n, unit)} ago`;

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago" (whole units, rounded down). */
export function timeAgo(iso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - new Date(iso).getTime());
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) return ago(Math.floor(ms / MINUTE), "minute");
  if (ms < DAY) return ago(Math.floor(ms / HOUR), "hour");
  return ago(Math.floor(ms / DAY), "day");
}

/** A claim older than this is flagged in the queue: a review is a sitting's work, not days'. */
export const STALE_CLAIM_MS = DAY;

export function isStaleClaim(iso: string, now: Date): boolean {
  return now.getTime() - new Date(iso).getTime() >= STALE_CLAIM_MS;
}
