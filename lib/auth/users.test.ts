import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { consumeSignInAttempt } from "@/lib/auth/rate-limit";
import { createUser, EmailTakenError, findUserById, findUserWithPassword, listUsersByRole, setUserRole } from "@/lib/auth/users";

// Data-layer tests: they run against whatever DATABASE_URL the global setup chose (SQLite by
// default, PostgreSQL when TEST_DATABASE_URL is set in CI).

const email = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;

describe("users", () => {
  it("creates a student with a bcrypt hash and no plain password stored", async () => {
    const address = email("ada");
    const user = await createUser({ name: "Ada", email: address, password: "correct horse battery" });
    expect(user).toMatchObject({ name: "Ada", email: address, role: "STUDENT" });
    expect(user).not.toHaveProperty("passwordHash");
    const stored = await findUserWithPassword(address);
    expect(stored!.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("correct horse battery", stored!.passwordHash!)).toBe(true);
    expect(await verifyPassword("wrong horse battery", stored!.passwordHash!)).toBe(false);
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

describe("sign-in rate limit", () => {
  it("allows 10 attempts a minute per email, then says when to retry", async () => {
    const address = email("limited");
    const now = new Date("2026-11-26T10:00:00Z");
    for (let i = 0; i < 10; i++) {
      const at = new Date(now.getTime() + i * 1000);
      expect(await consumeSignInAttempt({ email: address, address: `10.0.0.${i}` }, at)).toEqual({ allowed: true });
    }
    const blocked = await consumeSignInAttempt({ email: address, address: "10.0.1.1" }, new Date(now.getTime() + 15_000));
    expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another account from a fresh address is unaffected.
    expect(await consumeSignInAttempt({ email: email("other"), address: "10.0.2.1" }, now)).toEqual({ allowed: true });
    // A minute after the first attempt, one slot frees up.
    expect(await consumeSignInAttempt({ email: address, address: "10.0.1.2" }, new Date(now.getTime() + 60_500))).toEqual({
      allowed: true,
    });
  });

  it("limits one address trying many emails", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;
    const now = new Date("2026-11-26T11:00:00Z");
    for (let i = 0; i < 10; i++) {
      expect((await consumeSignInAttempt({ email: email(`spray${i}`), address: ip }, now)).allowed).toBe(true);
    }
    expect((await consumeSignInAttempt({ email: email("spray-last"), address: ip }, now)).allowed).toBe(false);
  });
});
