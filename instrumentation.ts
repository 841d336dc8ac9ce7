export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDbReady } = await import("@/lib/db");
  // A database that cannot be put in the required mode stops the server here, not mid-request.
  await ensureDbReady();
  // Uploads no run or submission uses are deleted after LAB_UPLOAD_RETENTION_HOURS (hourly sweep).
  const { startUploadCleanup } = await import("@/lib/lab/data/upload-cleanup");
  startUploadCleanup();
  // Scores on their way to course sites' gradebooks (LTI grade passback): every instance sends what
  // is due; a lease on each row keeps two from sending one at once (lib/lti/data/outbox-worker.ts).
  const { startScoreOutbox } = await import("@/lib/lti/data/outbox-worker");
  startScoreOutbox();
  // Lab jobs: this instance takes its share (LAB_WORKERS), and on the embedded default resumes what
  // a crash left undone. The front door (scripts/server.ts) drains them on SIGTERM.
  const { ensureLabWorkers, drainLabWorkers, isDraining } = await import("@/lib/lab/jobs/data/worker");
  void ensureLabWorkers({ resume: true });
  const hooks = globalThis as unknown as { lessonLabLifecycle?: { drain: (ms: number) => Promise<unknown>; isDraining: () => boolean } };
  hooks.lessonLabLifecycle = { drain: drainLabWorkers, isDraining };
}
