import { assertRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/server/errors";
import { exportRunsJson } from "@/lib/exports/data/runs";
import { datedFileName, downloadResponse, streamChunks } from "@/lib/exports/stream";

export const dynamic = "force-dynamic";

/** The runs export as one JSON array, written as it goes. 401 for guests, 403 for students. */
export async function GET() {
  try {
    const instructor = await assertRole("INSTRUCTOR");
    return downloadResponse(
      streamChunks(exportRunsJson(instructor), "exports:runs-json"),
      datedFileName("runs", "json", env.TIME_ZONE),
      "json",
    );
  } catch (error) {
    return errorResponse(error, "exports:runs-json");
  }
}
