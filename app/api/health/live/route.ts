export const dynamic = "force-dynamic";

/** The process is up (the front door, scripts/server.ts, answers this itself; this is for `next start`). */
export function GET() {
  return Response.json({ status: "live", pid: process.pid }, { headers: { "Cache-Control": "no-store" } });
}
