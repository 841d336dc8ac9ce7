import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// The data directory holds the database (password hashes), the auth secret and students' uploads:
// nobody but the user running the app may read it. Directories 0700, files 0600, and a umask so
// what the app creates later (SQLite's WAL, new uploads) is born that way.

export const PRIVATE_UMASK = 0o077;

export function securePath(target: string): void {
  const stat = statSync(target);
  chmodSync(target, stat.isDirectory() ? 0o700 : 0o600);
  if (stat.isDirectory()) for (const entry of readdirSync(target)) securePath(path.join(target, entry));
}

/** Creates the directory if needed and makes it and everything in it private. */
export function secureDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  securePath(dataDir);
}
