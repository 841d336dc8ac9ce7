import { assertRole } from "@/lib/auth/server/session";
import { exportScope } from "@/lib/classes/server/class-choice";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/server/errors";
import { exportGradesCsv } from "@/lib/exports/data/grades";
import { datedFileName, downloadResponse, streamChunks } from "@/lib/exports/stream";

export const dynamic = "force-dynamic";

/** The grade book as CSV, streamed a page of students at a time. 401 for guests, 403 for students, 404 for a class not taught. */
export async function GET(request: Request) {
  try {
    // ?class=<id> or all (the export page's links carry it); else the picker's class. A class not
    // taught is a 404 before any byte.
    const scope = await exportScope(await assertRole("INSTRUCTOR"), new URL(request.url).searchParams.get("class"));
    return downloadResponse(streamChunks(exportGradesCsv(scope), "exports:grades"), datedFileName("grades", "csv", env.TIME_ZONE), "csv");
  } catch (error) {
    return errorResponse(error, "exports:grades");
  }
}
