import "./load-env";
import { db, ensureDbReady } from "@/lib/db";
import { env } from "@/lib/env";
import { formatBytes } from "@/lib/format";
import { cleanUnusedUploads } from "@/lib/lab/data/upload-cleanup";

// npm run uploads:clean [-- --older-than-hours N]
// Deletes lab uploads no run and no submission uses, older than LAB_UPLOAD_RETENTION_HOURS (or N),
// once. The server does the same every hour.

async function main() {
  const args = process.argv.slice(2);
  let olderThanHours = env.LAB_UPLOAD_RETENTION_HOURS;
  if (args.length > 0) {
    const value = args[0] === "--older-than-hours" ? Number(args[1]) : Number.NaN;
    if (args.length !== 2 || !Number.isFinite(value) || value < 0) {
      console.error("Usage: npm run uploads:clean [-- --older-than-hours N]");
      process.exit(2);
    }
    olderThanHours = value;
  }
  await ensureDbReady();
  const removed = await cleanUnusedUploads({ olderThanHours });
  console.log(
    `Removed ${removed.rows} unused uploads older than ${olderThanHours} hours and ${removed.files} files (${formatBytes(removed.bytes)}).`,
  );
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
