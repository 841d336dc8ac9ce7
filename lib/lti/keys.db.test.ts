import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/lti/jwks/route";
import { db } from "@/lib/db";
import { activeSigningKey, LTI_ALG, pruneRetiredKeys, publishedJwks, ROTATION_GRACE_MS, rotateSigningKey } from "@/lib/lti/data/keys";

// The tool's LTI signing keys on the configured database: made once, published without their
// private parts, rotated with a grace period, kept encrypted at rest. One file, in order: the
// tests share the one table.

const sign = async (kid?: string) => {
  const key = await activeSigningKey();
  return new SignJWT({ iss: "lesson-lab" })
    .setProtectedHeader({ alg: LTI_ALG, kid: kid ?? key.kid })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(key.privateKey);
};

describe("LTI signing keys", () => {
  it("are made once, even when several requests ask for the first at the same moment", async () => {
    await db.ltiKey.deleteMany();
    const keys = await Promise.all(Array.from({ length: 6 }, () => activeSigningKey()));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(await db.ltiKey.count()).toBe(1);
    expect((await activeSigningKey()).kid).toBe(keys[0]!.kid);
  });

  it("are published without their private parts, and what the active key signs verifies against them", async () => {
    const { keys } = await publishedJwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: LTI_ALG, use: "sig", kid: (await activeSigningKey()).kid });
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(secret);
    const { payload } = await jwtVerify(await sign(), createLocalJWKSet({ keys }));
    expect(payload.iss).toBe("lesson-lab");
    // stored encrypted: no private member is readable in the row
    const row = await db.ltiKey.findFirstOrThrow();
    expect(row.privateJwk).not.toMatch(/"d"|"kty"/);
    expect(row.privateJwk.split(".")).toHaveLength(5);
  });

  it("rotate: the new key signs, the old one stays published for the grace period, then goes", async () => {
    const oldToken = await sign();
    const oldKid = (await activeSigningKey()).kid;
    const rotatedAt = new Date();
    const newKid = await rotateSigningKey(rotatedAt);
    expect(newKid).not.toBe(oldKid);
    expect((await activeSigningKey()).kid).toBe(newKid);

    const during = await publishedJwks(new Date(rotatedAt.getTime() + ROTATION_GRACE_MS - 60_000));
    expect(during.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    await expect(jwtVerify(oldToken, createLocalJWKSet(during))).resolves.toBeDefined();
    await expect(jwtVerify(await sign(), createLocalJWKSet(during))).resolves.toBeDefined();

    const after = new Date(rotatedAt.getTime() + ROTATION_GRACE_MS + 60_000);
    const later = await publishedJwks(after);
    expect(later.keys.map((k) => k.kid)).toEqual([newKid]);
    await expect(jwtVerify(oldToken, createLocalJWKSet(later))).rejects.toThrow();
    expect(await pruneRetiredKeys(after)).toBe(1);
    expect(await db.ltiKey.count()).toBe(1);
  });

  it("say what to do when the stored key was sealed under another AUTH_SECRET", async () => {
    const row = await db.ltiKey.findFirstOrThrow({ where: { active: true } });
    const [header, , iv, ciphertext, tag] = row.privateJwk.split(".");
    await db.ltiKey.update({
      where: { kid: row.kid },
      data: { privateJwk: [header, "", iv, ciphertext!.replace(/^./, (c) => (c === "A" ? "B" : "A")), tag].join(".") },
    });
    await expect(activeSigningKey()).rejects.toThrow(/another AUTH_SECRET.*npm run lti:keys -- rotate/);
    await db.ltiKey.update({ where: { kid: row.kid }, data: { privateJwk: row.privateJwk } });
    expect((await activeSigningKey()).kid).toBe(row.kid);
  });

  it("GET /api/lti/jwks serves them to anyone, cacheable for a few minutes", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const body = (await response.json()) as { keys: { kid: string; d?: string }[] };
    expect(body.keys.map((k) => k.kid)).toEqual([(await activeSigningKey()).kid]);
    expect(body.keys[0]!.d).toBeUndefined();
  });
});
