import { NextResponse } from "next/server";
import { pingDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getOllamaStatus } from "@/lib/ollama/server/client";
import { listHostStates } from "@/lib/ollama/data/hosts";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export async function GET() {
  const [dbOk, ollama, hosts] = await Promise.all([pingDb(), getOllamaStatus(), listHostStates().catch(() => [])]);
  const body = {
    status: dbOk ? "ok" : "degraded",
    version: APP_VERSION,
    database: { provider: env.DATABASE_PROVIDER, reachable: dbOk },
    ollama,
    // every host of the pool (OLLAMA_HOSTS) as the instances' shared health checks last saw it
    ollamaHosts: hosts.map((h) => ({ url: h.url, up: h.up, version: h.version, checkedAt: h.checkedAt, lastError: h.lastError })),
    time: new Date().toISOString(),
  };
  return NextResponse.json(body, { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
