import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AuthorizationError } from "@/lib/auth/errors";
import {
  consumeToken,
  countLiveSessions,
  issueToken,
  openSession,
  revokeAllSessions,
  revokeOtherSessions,
  revokeSession,
} from "@/lib/auth/data/sessions";
import { changePassword, createUser, findUserForSession, findUserWithPassword } from "@/lib/auth/data/users";
import { issuePasswordReset, resetPasswordWithToken } from "@/lib/auth/data/password-reset";
import { verifyPassword } from "@/lib/auth/server/passwords";
import { newClass } from "@/test/classes";

const email = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;
const newUser = (name = "sess") => createUser({ name, email: email(name), password: "correct horse battery" });

describe("sessions end when they should", () => {
  it("sign-out ends this session only; a copied cookie stops working", async () => {
    const user = await newUser();
    const laptop = await openSession(user.id);
    const phone = await openSession(user.id);
    expect(await findUserForSession(user.id, laptop)).toMatchObject({ id: user.id });
    await revokeSession(user.id, laptop.sid);
    expect(await findUserForSession(user.id, laptop)).toBeNull();
    expect(await findUserForSession(user.id, phone)).toMatchObject({ id: user.id });
    // Claims without a session id (a token from before sessions were recorded) are not accepted.
    expect(await findUserForSession(user.id, { sv: 0 })).toBeNull();
  });

  it("sign out everywhere ends every session, and a session version from before stays dead", async () => {
    const user = await newUser();
    const a = await openSession(user.id);
    const b = await openSession(user.id);
    await revokeAllSessions(user.id);
    expect(await findUserForSession(user.id, a)).toBeNull();
    expect(await findUserForSession(user.id, b)).toBeNull();
    const fresh = await openSession(user.id);
    expect(fresh.sv).toBe(a.sv + 1);
    expect(await findUserForSession(user.id, fresh)).not.toBeNull();
    // A forged token naming the new session but the old version is refused.
    expect(await findUserForSession(user.id, { sid: fresh.sid, sv: a.sv })).toBeNull();
  });

  it("changing the password keeps this session and ends the others; a wrong current password changes nothing", async () => {
    const user = await newUser();
    const here = await openSession(user.id);
    const there = await openSession(user.id);
    await expect(changePassword(user.id, { current: "wrong", next: "a new long password", keepSid: here.sid })).rejects.toMatchObject({
      code: "WRONG_PASSWORD",
    });
    expect(await changePassword(user.id, { current: "correct horse battery", next: "a new long password", keepSid: here.sid })).toEqual({
      endedSessions: 1,
    });
    expect(await findUserForSession(user.id, here)).not.toBeNull();
    expect(await findUserForSession(user.id, there)).toBeNull();
    expect((await verifyPassword("a new long password", (await findUserWithPassword(user.email))!.passwordHash!)).ok).toBe(true);
    expect(await countLiveSessions(user.id)).toBe(1);
    expect(await revokeOtherSessions(user.id, here.sid)).toBe(0);
  });
});

describe("one-time links", () => {
  it("an instructor invitation makes that email, and only that email, an instructor, once", async () => {
    const invited = email("invited");
    const token = await issueToken({ purpose: "INSTRUCTOR_INVITE", email: invited, hours: 1 });
    await expect(
      createUser({ name: "Other", email: email("other"), password: "correct horse battery" }, { inviteToken: token }),
    ).rejects.toMatchObject({
      code: "INVALID_TOKEN",
    });
    const teacher = await createUser({ name: "Invited", email: invited, password: "correct horse battery" }, { inviteToken: token });
    expect(teacher.role).toBe("INSTRUCTOR");
    await expect(
      createUser({ name: "Again", email: invited.replace("@", "2@"), password: "correct horse battery" }, { inviteToken: token }),
    ).rejects.toMatchObject({
      code: "INVALID_TOKEN",
    });
    // Without an invitation, an unlisted email is a student.
    expect((await newUser("plain")).role).toBe("STUDENT");
  });

  it("a password reset link works once (even when used twice at the same moment) and ends every session", async () => {
    const teacher = { ...(await newUser("resetter")), role: "INSTRUCTOR" as const };
    const student = await newUser("forgetful");
    await newClass([teacher, student]);
    const session = await openSession(student.id);
    await expect(issuePasswordReset({ ...student }, student.email)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(issuePasswordReset(teacher, email("nobody"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const token = await issuePasswordReset(teacher, student.email);
    const results = await Promise.allSettled([
      resetPasswordWithToken(token, "first new password"),
      resetPasswordWithToken(token, "second new password"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await findUserForSession(student.id, session)).toBeNull();
    const stored = (await findUserWithPassword(student.email))!.passwordHash!;
    expect((await verifyPassword("first new password", stored)).ok || (await verifyPassword("second new password", stored)).ok).toBe(true);
    await expect(consumeToken(token, "PASSWORD_RESET")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });

  it("an expired link does not work", async () => {
    const token = await issueToken({ purpose: "PASSWORD_RESET", email: email("late"), hours: -1 });
    await expect(consumeToken(token, "PASSWORD_RESET")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });
});
