import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LabRunError } from "@/lib/lab/errors";

/**
 * Runs still going for this user. A run cannot outlive its cells' timeouts, so one older than that
 * (left "RUNNING" by a restart) no longer counts against the limit.
 */
export function countRunsInFlight(userId: string): Promise<number> {
  const oldest = new Date(Date.now() - (env.LAB_CELL_TIMEOUT_S * 7 + 60) * 1000);
  return db.labRun.count({ where: { userId, status: { in: ["QUEUED", "RUNNING"] }, createdAt: { gte: oldest } } });
}

/** A retry counts against the runs in flight, not against the hourly allowance. */
export async function assertRunSlotFree(userId: string, then = "Wait for one to finish or cancel it."): Promise<void> {
  const inFlight = await countRunsInFlight(userId);
  if (inFlight >= env.LAB_RUNS_IN_FLIGHT) {
    throw new LabRunError("RATE_LIMITED", `You already have ${inFlight} runs going (the limit is ${env.LAB_RUNS_IN_FLIGHT}). ${then}`);
  }
}

export async function assertWithinRunLimits(userId: string): Promise<void> {
  await assertRunSlotFree(userId);
  const lastHour = await db.labRun.count({ where: { userId, createdAt: { gte: new Date(Date.now() - 3_600_000) } } });
  if (lastHour >= env.LAB_RUNS_PER_HOUR) {
    throw new LabRunError(
      "RATE_LIMITED",
      `You have started ${lastHour} runs in the last hour (the limit is ${env.LAB_RUNS_PER_HOUR}). Look at the ones you have; try again later.`,
    );
  }
}
