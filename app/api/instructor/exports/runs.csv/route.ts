import { assertRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/server/errors";
import { exportRunsCsv } from "@/lib/exports/data/runs";
import { datedFileName, downloadResponse, streamChunks } from "@/lib/exports/stream";

export const dynamic = "force-dynamic";

/** Every submitted answer's numbers as CSV, streamed a page of versions at a time. 401 for guests, 403 for students. */
export async function GET() {
  try {
    const instructor = await assertRole("INSTRUCTOR");
    return downloadResponse(streamChunks(exportRunsCsv(instructor), "exports:runs"), datedFileName("runs", "csv", env.TIME_ZONE), "csv");
  } catch (error) {
    return errorResponse(error, "exports:runs");
  }
}
