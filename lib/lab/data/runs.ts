import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { SessionUser } from "@/lib/auth/server/session";
import { LIVE_CELL_STATUSES, LIVE_RUN_STATUSES } from "@/lib/lab/data/cells";
import { LabRunError } from "@/lib/lab/errors";
import { announceCancel, notifyRunChanged } from "@/lib/lab/server/events";
import { getLabImageRow } from "@/lib/lab/data/image-store";
import type { QueueTx } from "@/lib/lab/jobs/queue";
import { queueFor, type LabJob, type QueuedJob } from "@/lib/lab/jobs/types";
import { ensureLabWorkers, labQueue, noteRunSent } from "@/lib/lab/jobs/data/worker";
import { assertRunSlotFreeIn, assertWithinHourlyLimitIn } from "@/lib/lab/server/limits";
import { PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { ALL_DEFENCES, NO_PREDICTIONS, previousAttemptsSchema, type StartRunInput } from "@/lib/lab/schemas";
import { OllamaError } from "@/lib/ollama/errors";
import { findPoolModel, releaseLane, reserveHostFor } from "@/lib/ollama/data/pool";
import { readJsonColumn } from "@/lib/json-column";

// Starting, cancelling and retrying lab runs: the checks, then the rows and their jobs in one
// transaction, then the queue's workers (in any instance) do the rest.

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function checkModel(name: string | null, kind: "text" | "vision"): Promise<void> {
  if (!name) return;
  const model = await findPoolModel(name).catch((error: unknown) => {
    if (error instanceof OllamaError) throw new LabRunError("BAD_MODEL", error.message);
    throw error;
  });
  if (!model) throw new LabRunError("BAD_MODEL", `"${name}" is not installed in Ollama. Install it with: ollama pull ${name}`);
  if (model.kind !== kind) {
    throw new LabRunError(
      "BAD_MODEL",
      kind === "vision"
        ? `"${name}" cannot see images: choose a vision model.`
        : `"${name}" is a vision model: choose a text-only model for this column.`,
    );
  }
}

async function hostFor(
  model: string | null,
  prefer?: string | null,
  cells = 1,
): Promise<{ host: string | null; reservation: number | null }> {
  if (!model) return { host: null, reservation: null };
  const chosen = await reserveHostFor(model, { prefer, cells });
  if (!chosen.host) throw new LabRunError("BAD_MODEL", `No Ollama host that has "${model}" installed is answering. Ask your instructor.`);
  return chosen;
}

const studentLocks = new Map<string, Promise<unknown>>();

/**
 * Runs `write` with the student's run starts and retries serialised, so a limit counted inside it
 * holds under starts at the same moment. PostgreSQL (several instances): a transaction that locks
 * the student's row first, and the queue's jobs are written in it. SQLite (one instance, its jobs in
 * memory): a lock in this process around plain statements, because an interactive SQLite
 * transaction that later needs the write lock times out behind another writer (a seeding script,
 * a busy moment) instead of waiting its turn.
 */
async function asStudent<T>(userId: string, write: (tx: Tx) => Promise<T>): Promise<T> {
  if (env.DATABASE_PROVIDER === "postgresql") {
    return db.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe(`SELECT 1 FROM "User" WHERE "id" = $1 FOR UPDATE`, userId);
        return write(tx);
      },
      // maxWait: a burst of starts on a freshly started instance queues for the pool's connections
      // (Prisma's default is 2 s, then a 500); waiting a few seconds is what the student would want.
      { timeout: 20_000, maxWait: 10_000 },
    );
  }
  const before = studentLocks.get(userId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => write(db));
  studentLocks.set(userId, mine);
  try {
    return await mine;
  } finally {
    if (studentLocks.get(userId) === mine) studentLocks.delete(userId);
  }
}

function jobOf(cell: { id: string; runId: string; host: string | null; model: string | null }): QueuedJob {
  const job: LabJob = { kind: "cell", cellId: cell.id, runId: cell.runId, host: cell.host, model: cell.model };
  return { queue: queueFor(job, env.LAB_MODEL_CONCURRENCY), job };
}

/** The run's first jobs: every cell, except that a cold-start measurement runs its vision lane after the text lane. */
export function firstJobs(
  run: { measureCold: boolean; textModel: string | null },
  cells: readonly { id: string; runId: string; column: string; host: string | null; model: string | null }[],
): QueuedJob[] {
  const waitForText = run.measureCold && Boolean(run.textModel);
  return cells.filter((c) => !(waitForText && c.column === "VISION")).map(jobOf);
}

/** Creates the run, its cells and their jobs in one transaction; any instance's workers then run it. */
export async function startLabRun(user: SessionUser, input: StartRunInput): Promise<{ runId: string }> {
  const image = await getLabImageRow(input.imageId);
  if (!image || image.ownerId !== user.id)
    throw new LabRunError("NOT_FOUND", "That screenshot is not yours or no longer exists. Choose it again.");
  await Promise.all([checkModel(input.textModel, "text"), checkModel(input.visionModel, "vision")]);
  const [textLane, visionLane] = await Promise.all([
    hostFor(input.textModel, null, PROMPT_KINDS.length),
    hostFor(input.visionModel, null, PROMPT_KINDS.length),
  ]);
  try {
    return await createRun(user, input, image.id, textLane.host, visionLane.host);
  } finally {
    // Written (or not at all): the lanes count through the database from now on.
    releaseLane(textLane.reservation);
    releaseLane(visionLane.reservation);
  }
}

async function createRun(
  user: SessionUser,
  input: StartRunInput,
  imageId: string,
  textHost: string | null,
  visionHost: string | null,
): Promise<{ runId: string }> {
  const cells: { column: string; promptKind: string; model: string | null; host: string | null }[] = [];
  for (const kind of PROMPT_KINDS) {
    if (input.textModel) cells.push({ column: "TEXT", promptKind: kind, model: input.textModel, host: textHost });
    if (input.visionModel) cells.push({ column: "VISION", promptKind: kind, model: input.visionModel, host: visionHost });
  }
  cells.push({ column: "OCR", promptKind: "ocr", model: null, host: null });

  const queue = labQueue();
  await queue.prepare([
    ...(input.textModel && textHost ? [jobOf({ id: "", runId: "", host: textHost, model: input.textModel })] : []),
    ...(input.visionModel && visionHost ? [jobOf({ id: "", runId: "", host: visionHost, model: input.visionModel })] : []),
    jobOf({ id: "", runId: "", host: null, model: null }),
  ]);
  await ensureLabWorkers();
  const { run, jobs } = await asStudent(user.id, async (tx) => {
    await assertRunSlotFreeIn(tx, user.id);
    await assertWithinHourlyLimitIn(tx, user.id);
    const run = await tx.labRun.create({
      data: {
        userId: user.id,
        imageId,
        lessonSlug: "local-qwen-vl",
        textModel: input.textModel,
        visionModel: input.visionModel,
        prompts: JSON.stringify(input.prompts),
        measureCold: input.measureCold,
        defences: JSON.stringify(input.defences ?? ALL_DEFENCES),
        predictions: JSON.stringify(input.predictions ?? NO_PREDICTIONS),
        cells: { create: cells },
      },
      include: { cells: { select: { id: true, runId: true, column: true, promptKind: true, host: true, model: true } } },
    });
    const ordered = [...run.cells].sort(
      (a, b) => PROMPT_KINDS.indexOf(a.promptKind as never) - PROMPT_KINDS.indexOf(b.promptKind as never),
    );
    const jobs = firstJobs(run, ordered);
    await queue.sendInTransaction(tx as unknown as QueueTx, jobs);
    return { run, jobs };
  });
  noteRunSent(run.id);
  await queue.afterCommit(jobs);
  return { runId: run.id };
}

/** Cancels the run from any instance: its waiting and running cells end at once; whoever runs them stops. */
export async function cancelLabRun(user: SessionUser, runId: string): Promise<void> {
  const run = await db.labRun.findUnique({ where: { id: runId }, select: { userId: true, status: true } });
  if (!run || run.userId !== user.id) throw new LabRunError("NOT_FOUND", "That run is not yours or no longer exists.");
  const now = new Date();
  await db.$transaction([
    db.labRun.updateMany({ where: { id: runId, status: { in: [...LIVE_RUN_STATUSES] } }, data: { status: "CANCELLED", finishedAt: now } }),
    // Fenced writes check RUNNING: a worker still answering can no longer write over these.
    db.labCell.updateMany({
      where: { runId, status: { in: [...LIVE_CELL_STATUSES] } },
      data: { status: "CANCELLED", errorCode: "ABORTED", error: "Cancelled.", finishedAt: now, workerId: null },
    }),
  ]);
  await announceCancel(runId);
}

function findRetryable(cellId: string) {
  return db.labCell.findUnique({ where: { id: cellId }, include: { run: { select: { userId: true, id: true, status: true } } } });
}

/** Runs a failed, cancelled or empty cell again; the earlier attempt's output is kept in `previous`. */
export async function retryLabCell(user: SessionUser, cellId: string): Promise<void> {
  const cell = await findRetryable(cellId);
  if (!cell || cell.run.userId !== user.id) throw new LabRunError("NOT_FOUND", "That result is not yours or no longer exists.");
  const empty = cell.status === "DONE" && cell.errorCode === "EMPTY_ANSWER";
  if (!["FAILED", "CANCELLED"].includes(cell.status) && !empty) {
    throw new LabRunError(
      "NOT_RETRYABLE",
      LIVE_CELL_STATUSES.includes(cell.status as never)
        ? "This cell is still waiting or running: its result will come."
        : "Only a failed, cancelled or empty cell can be retried.",
    );
  }
  const lane = cell.model ? await hostFor(cell.model, cell.host) : { host: null, reservation: null };
  try {
    await requeueCell(user, cell, lane.host);
  } finally {
    releaseLane(lane.reservation);
  }
}

async function requeueCell(
  user: SessionUser,
  cell: NonNullable<Awaited<ReturnType<typeof findRetryable>>>,
  host: string | null,
): Promise<void> {
  const cellId = cell.id;
  const previous = [
    ...(readJsonColumn(previousAttemptsSchema, cell.previous, `cell ${cell.id} previous`) ?? []),
    { output: cell.output, error: cell.error, errorCode: cell.errorCode, at: new Date().toISOString() },
  ];
  const queue = labQueue();
  const job = jobOf({ id: cell.id, runId: cell.runId, host, model: cell.model });
  await queue.prepare([job]);
  await ensureLabWorkers();
  await asStudent(user.id, async (tx) => {
    // A retry is a run in flight again (it counts against the limit); not against the hourly allowance.
    if (!LIVE_RUN_STATUSES.includes(cell.run.status as never))
      await assertRunSlotFreeIn(tx, user.id, "Wait for one to finish, then retry.");
    const reset = await tx.labCell.updateMany({
      where: { id: cellId, attempts: cell.attempts, status: cell.status },
      data: { status: "PENDING", previous: JSON.stringify(previous), host, workerId: null, jobId: null, failovers: 0 },
    });
    if (reset.count !== 1) throw new LabRunError("NOT_RETRYABLE", "This cell was retried already: its new result will come.");
    await tx.labRun.update({
      where: { id: cell.runId },
      data: { status: cell.run.status === "RUNNING" ? "RUNNING" : "QUEUED", finishedAt: null },
    });
    await queue.sendInTransaction(tx as unknown as QueueTx, [job]);
  });
  noteRunSent(cell.runId);
  await queue.afterCommit([job]);
  notifyRunChanged(cell.runId);
}
