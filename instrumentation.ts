export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDbReady } = await import("@/lib/db");
  // A database that cannot be put in the required mode stops the server here, not mid-request.
  await ensureDbReady();
}
