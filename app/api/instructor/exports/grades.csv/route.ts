import { assertRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/server/errors";
import { exportGradesCsv } from "@/lib/exports/data/grades";
import { datedFileName, downloadResponse, streamChunks } from "@/lib/exports/stream";

export const dynamic = "force-dynamic";

/** The grade book as CSV, streamed a page of students at a time. 401 for guests, 403 for students. */
export async function GET() {
  try {
    const instructor = await assertRole("INSTRUCTOR");
    return downloadResponse(
      streamChunks(exportGradesCsv(instructor), "exports:grades"),
      datedFileName("grades", "csv", env.TIME_ZONE),
      "csv",
    );
  } catch (error) {
    return errorResponse(error, "exports:grades");
  }
}
