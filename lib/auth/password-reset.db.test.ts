import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enrol, newClass } from "@/test/classes";
import { listAuditFor } from "@/lib/auth/data/audit";
import { verifyPassword } from "@/lib/auth/server/passwords";
import {
  issueOperatorPasswordReset,
  issuePasswordReset,
  listIssuedResetLinks,
  peekPasswordReset,
  resetPasswordWithToken,
} from "@/lib/auth/data/password-reset";
import { openSession } from "@/lib/auth/data/sessions";
import { changePassword, createUser, findUserForSession, findUserWithPassword, setUserRole } from "@/lib/auth/data/users";

// The account-takeover hole, attacked at the data layer: a reset link for a fellow instructor, and
// older links that outlived a password change.

const email = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;
const password = "correct horse battery";

// Everyone here is in one class, so each instructor teaches each student (a link is only for a
// student of one's own classes: the last test).
let shared: Promise<string> | null = null;
const sharedClass = () => (shared ??= newClass([], "Reset test class"));

async function instructor(name: string) {
  const user = await createUser({ name, email: email(name), password });
  const promoted = (await setUserRole(user.email, "INSTRUCTOR"))!;
  await enrol(await sharedClass(), promoted);
  return promoted;
}
async function student(name: string) {
  const user = await createUser({ name, email: email(name), password });
  await enrol(await sharedClass(), user);
  return user;
}
const passwordIs = async (address: string, candidate: string) =>
  (await verifyPassword(candidate, (await findUserWithPassword(address))!.passwordHash!)).ok;

describe("reset links cannot take over an account", () => {
  it("an instructor cannot issue a link for a fellow instructor (or themself); the operator can", async () => {
    const attacker = await instructor("mallory");
    const victim = await instructor("victim");
    await expect(issuePasswordReset(attacker, victim.email)).rejects.toMatchObject({ code: "RESET_NOT_ALLOWED", status: 403 });
    await expect(issuePasswordReset(attacker, attacker.email)).rejects.toMatchObject({ code: "RESET_NOT_ALLOWED" });
    expect(await db.oneTimeToken.count({ where: { userId: victim.id } })).toBe(0);
    // A student cannot issue any.
    const pupil = await student("pupil");
    await expect(issuePasswordReset(pupil, (await student("other")).email)).rejects.toMatchObject({ status: 403 });
    // The operator's command line can reset an instructor.
    const { token } = await issueOperatorPasswordReset(victim.email);
    await resetPasswordWithToken(token, "operator set this one");
    expect(await passwordIs(victim.email, "operator set this one")).toBe(true);
  });

  it("an older link dies when a newer one is used", async () => {
    const teacher = await instructor("teacher");
    const pupil = await student("forgetful");
    const older = await issuePasswordReset(teacher, pupil.email);
    const newer = await issuePasswordReset(teacher, pupil.email);
    await resetPasswordWithToken(newer, "the newer password");
    expect(await peekPasswordReset(older)).toBeNull();
    await expect(resetPasswordWithToken(older, "the older password")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    expect(await passwordIs(pupil.email, "the newer password")).toBe(true);
  });

  it("every outstanding link dies when the password is changed on /account", async () => {
    const teacher = await instructor("teacher2");
    const pupil = await student("changer");
    const link = await issuePasswordReset(teacher, pupil.email);
    const here = await openSession(pupil.id);
    await changePassword(pupil.id, { current: password, next: "changed on the account page", keepSid: here.sid });
    await expect(resetPasswordWithToken(link, "attacker wants this")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    expect(await passwordIs(pupil.email, "changed on the account page")).toBe(true);
  });

  it("two different live links used at the same moment: one wins, the other changes nothing", async () => {
    const teacher = await instructor("teacher3");
    const pupil = await student("racer");
    const [a, b] = [await issuePasswordReset(teacher, pupil.email), await issuePasswordReset(teacher, pupil.email)];
    const results = await Promise.allSettled([
      resetPasswordWithToken(a, "password from link a"),
      resetPasswordWithToken(b, "password from link b"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const won = results[0]!.status === "fulfilled" ? "password from link a" : "password from link b";
    expect(await passwordIs(pupil.email, won)).toBe(true);
  });

  it("a used link ends every session; the trail names issuer and target; the issuer sees what became of it", async () => {
    const teacher = await instructor("teacher4");
    const pupil = await student("trail");
    const session = await openSession(pupil.id);
    const token = await issuePasswordReset(teacher, pupil.email);
    expect(await peekPasswordReset(token)).toBe(pupil.email);
    await resetPasswordWithToken(token, "a brand new password");
    expect(await findUserForSession(pupil.id, session)).toBeNull();
    const trail = await listAuditFor(pupil.id);
    expect(trail.map((e) => e.action)).toEqual(["PASSWORD_RESET_USED", "PASSWORD_RESET_ISSUED"]);
    expect(trail[1]).toMatchObject({ actor: { kind: "user", email: teacher.email }, target: { email: pupil.email } });
    expect(await listIssuedResetLinks(teacher.id)).toEqual([expect.objectContaining({ email: pupil.email, state: "used" })]);
  });

  it("a student outside the instructor's classes answers as an address nobody has", async () => {
    const teacher = await instructor("teacher6");
    const stranger = await createUser({ name: "stranger", email: email("stranger"), password });
    const unknown = await issuePasswordReset(teacher, email("nobody")).catch((error: unknown) => error);
    const outside = await issuePasswordReset(teacher, stranger.email).catch((error: unknown) => error);
    expect(outside).toMatchObject({ code: "NOT_FOUND", message: "No account has this email address." });
    expect(outside).toMatchObject({ code: (unknown as { code: string }).code, message: (unknown as Error).message });
    expect(await db.oneTimeToken.count({ where: { userId: stranger.id } })).toBe(0);
    // Once they join one of the teacher's classes, the link can be made.
    await enrol(await sharedClass(), stranger);
    expect(await issuePasswordReset(teacher, stranger.email)).toEqual(expect.any(String));
  });

  it("an expired link does not work", async () => {
    const teacher = await instructor("teacher5");
    const pupil = await student("late");
    const token = await issuePasswordReset(teacher, pupil.email);
    await db.oneTimeToken.updateMany({ where: { userId: pupil.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await peekPasswordReset(token)).toBeNull();
    await expect(resetPasswordWithToken(token, "too late for this")).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });
});
