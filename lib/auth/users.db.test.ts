import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/server/passwords";
import { checkSignUp, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/server/rate-limit";
import {
  createUser,
  EmailTakenError,
  findUserById,
  findUserWithPassword,
  listUsersByRole,
  setUserRole,
  upgradePasswordHash,
} from "@/lib/auth/data/users";

// Data-layer tests: they run against whatever DATABASE_URL the global setup chose (SQLite by
// default, PostgreSQL when TEST_DATABASE_URL is set in CI).

const email = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;

describe("users", () => {
  it("creates a student with an argon2id hash and no plain password stored", async () => {
    const address = email("ada");
    const user = await createUser({ name: "Ada", email: address, password: "correct horse battery" });
    expect(user).toMatchObject({ name: "Ada", email: address, role: "STUDENT" });
    expect(user).not.toHaveProperty("passwordHash");
    const stored = await findUserWithPassword(address);
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("correct horse battery", stored!.passwordHash!)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword("wrong horse battery", stored!.passwordHash!)).ok).toBe(false);
  });

  it("tells passwords apart past 72 bytes (bcrypt would have cut them there)", async () => {
    const address = email("long");
    const base = "é".repeat(40); // 80 bytes
    await createUser({ name: "Long", email: address, password: `${base}one` });
    const stored = (await findUserWithPassword(address))!.passwordHash!;
    expect((await verifyPassword(`${base}one`, stored)).ok).toBe(true);
    expect((await verifyPassword(`${base}two`, stored)).ok).toBe(false);
  });

  it("still accepts an older bcrypt hash, and asks for it to be replaced", async () => {
    const bcrypt = await import("bcryptjs");
    const hash = await bcrypt.hash("correct horse battery", 4);
    expect(await verifyPassword("correct horse battery", hash)).toEqual({ ok: true, needsRehash: true });
    const address = email("legacy");
    const user = await createUser({ name: "Legacy", email: address, password: "something else entirely" });
    const { db } = await import("@/lib/db");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: hash } });
    await upgradePasswordHash(user.id, "correct horse battery");
    expect((await findUserWithPassword(address))!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("hashes off the main thread: the event loop keeps ticking through 12 sign-ups at once", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`password number ${i}`)));
    clearInterval(timer);
    // With the loop free, a 5 ms timer fires roughly elapsed/5 times (fewer when other work shares
    // the CPU); a blocked loop fires it once or twice.
    const elapsed = Date.now() - started;
    expect(ticks).toBeGreaterThan(Math.min(elapsed / 5 / 3, 6));
  });

  it("makes configured emails instructors at sign-up", async () => {
    const user = await createUser({ name: "Teacher", email: "teacher@example.test", password: "correct horse battery" });
    expect(user.role).toBe("INSTRUCTOR");
    expect((await listUsersByRole("INSTRUCTOR")).map((u) => u.email)).toContain("teacher@example.test");
  });

  it("refuses a second account with the same email", async () => {
    const address = email("dup");
    await createUser({ name: "One", email: address, password: "correct horse battery" });
    await expect(createUser({ name: "Two", email: address, password: "correct horse battery" })).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("changes a role (the CLI path) and reports unknown emails", async () => {
    const address = email("promote");
    const user = await createUser({ name: "Promote", email: address, password: "correct horse battery" });
    expect((await setUserRole(address.toUpperCase(), "INSTRUCTOR"))!.role).toBe("INSTRUCTOR");
    expect((await findUserById(user.id))!.role).toBe("INSTRUCTOR");
    expect(await setUserRole(email("nobody"), "INSTRUCTOR")).toBeNull();
  });
});

describe("sign-in and sign-up limits", () => {
  it("wrong passwords from one address slow only that account from that address, with a doubling backoff", async () => {
    const victim = email("victim");
    const attacker = "203.0.113.66";
    const owner = "198.51.100.20";
    const now = 1_800_000_000_000;
    for (let i = 0; i < 5; i++)
      expect(await reserveSignInAttempt({ email: victim, address: attacker }, now + i)).toEqual({ allowed: true });
    // The sixth attempt finds the allowance spent and starts a minute's wait; the owner, elsewhere, is not locked out.
    expect(await reserveSignInAttempt({ email: victim, address: attacker }, now + 10)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await reserveSignInAttempt({ email: victim, address: attacker }, now + 20)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await reserveSignInAttempt({ email: victim, address: owner }, now + 20)).toEqual({ allowed: true });
    // After the wait, another five; the next lockout is twice as long.
    const later = now + 61_000;
    for (let i = 0; i < 5; i++)
      expect(await reserveSignInAttempt({ email: victim, address: attacker }, later + i)).toEqual({ allowed: true });
    expect(await reserveSignInAttempt({ email: victim, address: attacker }, later + 10)).toEqual({
      allowed: false,
      retryAfterSeconds: 120,
    });
    // A right password clears it.
    await recordSignInSuccess({ email: victim, address: attacker });
    expect(await reserveSignInAttempt({ email: victim, address: attacker }, later + 20)).toEqual({ allowed: true });
  });

  it("a burst of 20 guesses at once gets no more password checks than 20 one by one (the allowance, 5)", async () => {
    const victim = email("burst-victim");
    const attacker = `203.0.113.${randomUUID().slice(0, 4)}`;
    const burst = await Promise.all(Array.from({ length: 20 }, () => reserveSignInAttempt({ email: victim, address: attacker })));
    expect(burst.filter((r) => r.allowed)).toHaveLength(5);
    const oneByOne = email("serial-victim");
    const serial = [];
    for (let i = 0; i < 20; i++) serial.push(await reserveSignInAttempt({ email: oneByOne, address: attacker }));
    expect(serial.filter((r) => r.allowed)).toHaveLength(5);
    // Everyone turned away is told to wait.
    expect(burst.filter((r) => !r.allowed).every((r) => !r.allowed && r.retryAfterSeconds >= 1)).toBe(true);
  });

  it("a class of 200 behind one school address signs in at once", async () => {
    const school = `192.0.2.${randomUUID().slice(0, 6)}`;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => reserveSignInAttempt({ email: email(`class${i}`), address: school })),
    );
    expect(results.every((r) => r.allowed)).toBe(true);
  });

  it("the per-address ceiling is atomic: 50 attempts at once against a ceiling of 20 let exactly 20 through", async () => {
    const { env } = await import("@/lib/env");
    const previous = env.SIGNIN_LIMIT_PER_ADDRESS;
    env.SIGNIN_LIMIT_PER_ADDRESS = 20;
    try {
      const ip = `192.0.2.${randomUUID().slice(0, 6)}`;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => reserveSignInAttempt({ email: email(`burst${i}`), address: ip })),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(20);
    } finally {
      env.SIGNIN_LIMIT_PER_ADDRESS = previous;
    }
  });

  it("limits new accounts per address an hour", async () => {
    const { env } = await import("@/lib/env");
    const previous = env.SIGNUP_LIMIT_PER_ADDRESS;
    env.SIGNUP_LIMIT_PER_ADDRESS = 3;
    try {
      const ip = `192.0.2.${randomUUID().slice(0, 6)}`;
      const results = await Promise.all(Array.from({ length: 10 }, () => checkSignUp(ip)));
      expect(results.filter((r) => r.allowed)).toHaveLength(3);
    } finally {
      env.SIGNUP_LIMIT_PER_ADDRESS = previous;
    }
  });
});
