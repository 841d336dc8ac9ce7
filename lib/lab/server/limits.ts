import "server-only";
import type { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LabRunError } from "@/lib/lab/errors";

// A student's lab limits, counted inside the transaction that creates the run (or requeues a
// cell) after the student's row is locked (lib/lab/data/runs.ts), so starts on several instances at
// once cannot all read "under the limit".

type Client = Pick<typeof db, "labRun">;

/**
 * Runs still going for this user. A run cannot outlive its cells' timeouts by much, so one far
 * older than that no longer counts against the limit (a safety valve, not the normal path).
 */
export function countRunsInFlight(client: Client, userId: string): Promise<number> {
  const oldest = new Date(Date.now() - (env.LAB_CELL_TIMEOUT_S * 7 + 60) * 1000);
  return client.labRun.count({ where: { userId, status: { in: ["QUEUED", "RUNNING"] }, createdAt: { gte: oldest } } });
}

/** A retry counts against the runs in flight, not against the hourly allowance. */
export async function assertRunSlotFreeIn(client: Client, userId: string, then = "Wait for one to finish or cancel it."): Promise<void> {
  const inFlight = await countRunsInFlight(client, userId);
  if (inFlight >= env.LAB_RUNS_IN_FLIGHT) {
    throw new LabRunError("RATE_LIMITED", `You already have ${inFlight} runs going (the limit is ${env.LAB_RUNS_IN_FLIGHT}). ${then}`);
  }
}

export async function assertWithinHourlyLimitIn(client: Client, userId: string): Promise<void> {
  const lastHour = await client.labRun.count({ where: { userId, createdAt: { gte: new Date(Date.now() - 3_600_000) } } });
  if (lastHour >= env.LAB_RUNS_PER_HOUR) {
    throw new LabRunError(
      "RATE_LIMITED",
      `You have started ${lastHour} runs in the last hour (the limit is ${env.LAB_RUNS_PER_HOUR}). Look at the ones you have; try again later.`,
    );
  }
}
