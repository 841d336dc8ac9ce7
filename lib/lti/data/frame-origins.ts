import "server-only";
import { db } from "@/lib/db";

// Who may show Lesson Lab in a frame: the registered course sites (an LTI launch opens the tool
// inside the course page). Their origins come from each registration's issuer and OIDC
// authentication URL, plus any typed into `frameOrigins` (hosted Canvas frames from the school's
// own host, not its issuer). Read by proxy.ts for framed requests only, and cached briefly so a
// course page full of frames does not query each time; a new registration frames within the TTL.

const TTL_MS = 30_000;
let cached: { at: number; origins: Promise<string[]> } | null = null;

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

async function load(): Promise<string[]> {
  const rows = await db.ltiPlatform.findMany({ select: { issuer: true, authUrl: true, frameOrigins: true } });
  const origins = new Set<string>();
  for (const row of rows) {
    let extra: unknown = [];
    try {
      extra = JSON.parse(row.frameOrigins);
    } catch {
      extra = [];
    }
    for (const value of [row.issuer, row.authUrl, ...(Array.isArray(extra) ? extra : [])]) {
      const origin = typeof value === "string" ? originOf(value) : null;
      if (origin) origins.add(origin);
    }
  }
  return [...origins].sort();
}

/** The origins allowed to frame this site; on a database error, none (framing is then refused). */
export function framingOrigins(now = Date.now()): Promise<string[]> {
  if (!cached || now - cached.at > TTL_MS) {
    const origins = load().catch((error: unknown) => {
      console.error("[lti] reading the course sites that may frame this site", error);
      cached = null;
      return [];
    });
    cached = { at: now, origins };
  }
  return cached.origins;
}

/** For tests: forget the cached list. */
export function forgetFramingOrigins(): void {
  cached = null;
}
