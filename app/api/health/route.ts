import { NextResponse } from "next/server";
import { pingDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getOllamaStatus } from "@/lib/ollama/client";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export async function GET() {
  const [dbOk, ollama] = await Promise.all([pingDb(), getOllamaStatus()]);
  const body = {
    status: dbOk ? "ok" : "degraded",
    version: APP_VERSION,
    database: { provider: env.DATABASE_PROVIDER, reachable: dbOk },
    ollama,
    time: new Date().toISOString(),
  };
  return NextResponse.json(body, { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
