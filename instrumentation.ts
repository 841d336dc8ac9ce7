export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDbReady } = await import("@/lib/db");
  // A database that cannot be put in the required mode stops the server here, not mid-request.
  await ensureDbReady();
  // Uploads no run or submission uses are deleted after LAB_UPLOAD_RETENTION_HOURS (hourly sweep).
  const { startUploadCleanup } = await import("@/lib/lab/upload-cleanup");
  startUploadCleanup();
}
