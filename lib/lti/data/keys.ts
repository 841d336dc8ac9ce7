import "server-only";
import { hkdfSync } from "node:crypto";
import {
  calculateJwkThumbprint,
  compactDecrypt,
  CompactEncrypt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from "jose";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";

// The tool's signing keys for LTI 1.3: the deep-linking responses and the client-credentials
// assertions for grade passback are signed with the active key, and platforms check them against
// the JWKS the tool publishes (GET /api/lti/jwks). A key is made once, on first use, by whichever
// instance asks first (the unique `active` column lets exactly one row be the signing key, so two
// instances starting together cannot both make one). Rotating makes a new active key and keeps the
// old one published for ROTATION_GRACE_MS, so tokens signed just before still verify. The private
// key is kept encrypted (jose's JWE, A256GCM) with a key derived from AUTH_SECRET: a copy of the
// database alone does not sign anything.

export const LTI_ALG = "RS256";
/** how long a retired key stays in the JWKS: longer than any platform caches a JWKS or a token lives */
export const ROTATION_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

export type SigningKey = { kid: string; privateKey: CryptoKey };

function storageKey(): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", env.AUTH_SECRET, "lesson-lab", "lti-signing-key-storage", 32));
}

async function sealPrivate(jwk: JWK): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(jwk))).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(storageKey());
}

async function openPrivate(sealed: string): Promise<JWK> {
  const { plaintext } = await compactDecrypt(sealed, storageKey());
  return JSON.parse(new TextDecoder().decode(plaintext)) as JWK;
}

async function newKeyRow() {
  const { publicKey, privateKey } = await generateKeyPair(LTI_ALG, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const published: JWK = { ...publicJwk, kid, alg: LTI_ALG, use: "sig" };
  return { kid, publicJwk: JSON.stringify(published), privateJwk: await sealPrivate({ ...(await exportJWK(privateKey)), kid }) };
}


async function toSigningKey(row: { kid: string; privateJwk: string }): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = await openPrivate(row.privateJwk);
  } catch (error) {
    // Not rotated on its own: instances that disagree on AUTH_SECRET would otherwise take turns replacing the key.
    throw new Error(
      `The LTI signing key ${row.kid} was stored under another AUTH_SECRET. Give every instance the same AUTH_SECRET, or make a new key with npm run lti:keys -- rotate.`,
      { cause: error },
    );
  }
  return { kid: row.kid, privateKey: (await importJWK(jwk, LTI_ALG)) as CryptoKey };
}

/** The key that signs now, made on first use. */
export async function activeSigningKey(): Promise<SigningKey> {
  // findFirst, not findUnique: Prisma batches concurrent findUnique calls into one `in` query, which a
  // Boolean unique column does not take.
  const current = await db.ltiKey.findFirst({ where: { active: true } });
  if (current) return toSigningKey(current);
  try {
    const row = await db.ltiKey.create({ data: { ...(await newKeyRow()), active: true } });
    return toSigningKey(row);
  } catch (error) {
    // Another instance made it first: use theirs.
    if (!isUniqueViolation(error)) throw error;
    return toSigningKey(await db.ltiKey.findFirstOrThrow({ where: { active: true } }));
  }
}

/** A new signing key; the one before stays published for ROTATION_GRACE_MS. Returns the new key id. */
export async function rotateSigningKey(now = new Date()): Promise<string> {
  const next = await newKeyRow();
  await db.$transaction([
    db.ltiKey.updateMany({ where: { active: true }, data: { active: null, retiredAt: now } }),
    db.ltiKey.create({ data: { ...next, active: true } }),
  ]);
  return next.kid;
}

/** The public keys platforms verify with: the active one and those retired within the grace period. */
export async function publishedJwks(now = new Date()): Promise<{ keys: JWK[] }> {
  const rows = await db.ltiKey.findMany({
    where: { OR: [{ active: true }, { retiredAt: { gt: new Date(now.getTime() - ROTATION_GRACE_MS) } }] },
    orderBy: { createdAt: "desc" },
    select: { publicJwk: true },
  });
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as JWK) };
}

/** Drops keys retired longer ago than the grace period (they are no longer published). */
export async function pruneRetiredKeys(now = new Date()): Promise<number> {
  const { count } = await db.ltiKey.deleteMany({ where: { active: null, retiredAt: { lte: new Date(now.getTime() - ROTATION_GRACE_MS) } } });
  return count;
}
