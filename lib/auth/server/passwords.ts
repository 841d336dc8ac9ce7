import "server-only";
import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import { AppError } from "@/lib/app-error";
import { env } from "@/lib/env";
import { QueueFullError, Semaphore } from "@/lib/semaphore";

// Passwords are hashed with argon2id by a native library on libuv's thread pool, never on the main
// thread (pure-JS bcrypt at cost 12 held the event loop for a quarter of a second per sign-in, so
// a dozen sign-ups stalled every page). At most PASSWORD_HASH_CONCURRENCY hashes run at once; a
// burst waits its turn, and past a long queue people are asked to retry rather than wait forever.
// Accounts created before argon2 keep a bcrypt hash until their next sign-in, which replaces it.

// argon2id (the library's Algorithm enum is a const enum), OWASP's 2023 minimum: 19 MiB, 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const MAX_WAITING = 200;

const shared = globalThis as unknown as { lessonLabHashing?: Semaphore };
const hashing = () => (shared.lessonLabHashing ??= new Semaphore(env.PASSWORD_HASH_CONCURRENCY, MAX_WAITING));

export class PasswordCheckBusyError extends AppError {
  constructor() {
    super("BUSY", "Many people are signing in at once. Wait a few seconds and try again.");
  }
}

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await hashing().run(work);
  } catch (error) {
    if (error instanceof QueueFullError) throw new PasswordCheckBusyError();
    throw error;
  }
}

export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password, OPTIONS));
}

const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

/** Whether the password matches; `needsRehash` when the stored hash is an older kind. */
export async function verifyPassword(password: string, stored: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  if (isBcrypt(stored)) return { ok: await bounded(() => bcrypt.compare(password, stored)), needsRehash: true };
  return { ok: await bounded(() => verify(stored, password)), needsRehash: false };
}

// Checked when the email is unknown, so both paths cost the same time.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Epjmsx47Od+SlwYAn5uwSg$YJheZeODQty/JXiy4Dl0uOLx7TjJ3x5xrQlhEeyxRDc";
export async function burnPasswordCheck(password: string): Promise<void> {
  await bounded(() => verify(DUMMY_HASH, password));
}
