import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/server/session";
import { db } from "@/lib/db";
import { listPlatforms, mayRegisterPlatforms, registerPlatform, removePlatform, updateDeployments } from "@/lib/lti/data/platforms";
import type { PlatformInput } from "@/lib/lti/platform-input";
import { person } from "@/test/class-world";
import { registerPlatformAction, removePlatformAction } from "@/app/instructor/lms/actions";

// Course sites registered as LTI 1.3 platforms: who may register one (an instructor with a password,
// never an account a launch made), that an (issuer, client ID) pair is registered once, and that only
// its registrar removes one. Then the actions, as a browser calls them, with the session this test
// says. Issuers are unique per test: on PostgreSQL other files' platforms share the table.

const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/lib/auth/server/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

function input(overrides: Partial<PlatformInput> = {}): PlatformInput {
  const issuer = `https://moodle-${randomUUID().slice(0, 8)}.example.test`;
  return {
    name: "School Moodle",
    issuer,
    clientId: "client-1",
    deploymentIds: ["1"],
    authUrl: `${issuer}/mod/lti/auth.php`,
    tokenUrl: `${issuer}/mod/lti/token.php`,
    jwksUrl: `${issuer}/mod/lti/certs.php`,
    frameOrigins: [],
    ...overrides,
  };
}

/**
 * An instructor as a teaching launch makes one (lib/lti/data/provision.ts): a placeholder email, no
 * password, an LtiAccount row, promoted to INSTRUCTOR. Made here directly, not through a launch.
 */
async function launchMadeInstructor(platformId: string): Promise<SessionUser> {
  const user = await db.user.create({
    data: {
      name: "Ines",
      email: `lti-${randomUUID().replaceAll("-", "").slice(0, 24)}@accounts.invalid`,
      role: "INSTRUCTOR",
      ltiAccounts: { create: { platformId, sub: `lms-${randomUUID()}` } },
    },
    select: { id: true, name: true, email: true },
  });
  return { ...user, role: "INSTRUCTOR" };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("registering a course site", () => {
  it("is for instructors with a password; every instructor sees the list, only the registrar may remove", async () => {
    const [ada, otto] = await Promise.all([person("ada", "INSTRUCTOR"), person("otto", "INSTRUCTOR")]);
    expect(await mayRegisterPlatforms(ada)).toBe(true);
    const typed = input({ deploymentIds: ["1", "2"] });
    const { id, name } = await registerPlatform(ada, typed);
    expect(name).toBe("School Moodle");
    const stored = await db.ltiPlatform.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ issuer: typed.issuer, clientId: "client-1", createdById: ada.id, authUrl: typed.authUrl });
    expect(JSON.parse(stored.deploymentIds)).toEqual(["1", "2"]);

    const [asAda, asOtto] = [await listPlatforms(ada), await listPlatforms(otto)];
    expect(asAda.find((p) => p.id === id)).toEqual({
      id,
      name: "School Moodle",
      issuer: typed.issuer,
      clientId: "client-1",
      deploymentIds: ["1", "2"],
      registeredBy: "ada",
      registeredAt: stored.createdAt.toISOString(),
      mine: true,
    });
    expect(asOtto.find((p) => p.id === id)).toMatchObject({ registeredBy: "ada", mine: false });

    // Otto did not register it: to him it does not exist, for removing as for changing.
    await expect(removePlatform(otto, id)).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    await expect(updateDeployments(otto, id, ["3"])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removePlatform(ada, "no-such-platform")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await updateDeployments(ada, id, [" 2", "3", "3 "])).toEqual(["2", "3"]);
    await expect(updateDeployments(ada, id, [])).rejects.toThrow();
    expect((await listPlatforms(ada)).find((p) => p.id === id)?.deploymentIds).toEqual(["2", "3"]);

    expect(await removePlatform(ada, id)).toEqual({ name: "School Moodle" });
    expect(await db.ltiPlatform.findUnique({ where: { id } })).toBeNull();
    await expect(removePlatform(ada, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses students and accounts a launch made, even after their platform is gone", async () => {
    const [ada, student] = await Promise.all([person("ada", "INSTRUCTOR"), person("stu")]);
    await expect(registerPlatform(student, input())).rejects.toMatchObject({ code: "LTI_REGISTRATION_FORBIDDEN", status: 403 });
    await expect(listPlatforms(student)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const { id } = await registerPlatform(ada, input());
    const ines = await launchMadeInstructor(id);
    expect(await mayRegisterPlatforms(ines)).toBe(false);
    await expect(registerPlatform(ines, input())).rejects.toMatchObject({ code: "LTI_REGISTRATION_FORBIDDEN" });
    // An instructor may read the list; a launch-made one too, with nothing to remove.
    expect((await listPlatforms(ines)).find((p) => p.id === id)?.mine).toBe(false);

    // Removing the platform deletes its LMS links but not the accounts: no password still refuses.
    await removePlatform(ada, id);
    expect(await db.user.findUnique({ where: { id: ines.id } })).not.toBeNull();
    expect(await db.ltiAccount.count({ where: { userId: ines.id } })).toBe(0);
    expect(await mayRegisterPlatforms(ines)).toBe(false);

    // A launch-made account later given a password (a reset link) still has its LMS link.
    const { id: other } = await registerPlatform(ada, input());
    const withPassword = await launchMadeInstructor(other);
    await db.user.update({ where: { id: withPassword.id }, data: { passwordHash: "set-by-a-reset-link" } });
    expect(await mayRegisterPlatforms(withPassword)).toBe(false);
  });

  it("registers an (issuer, client ID) pair once; another client ID of the same issuer is another registration", async () => {
    const ada = await person("ada", "INSTRUCTOR");
    const first = input();
    await registerPlatform(ada, first);
    await expect(registerPlatform(ada, { ...first, name: "Again" })).rejects.toMatchObject({ code: "LTI_PLATFORM_DUPLICATE", status: 409 });
    await expect(registerPlatform(ada, { ...first, clientId: "client-2" })).resolves.toMatchObject({ name: "School Moodle" });
  });
});

describe("the Course sites actions", () => {
  const fields = (typed: PlatformInput) => ({
    ...typed,
    deploymentIds: typed.deploymentIds.join("\n"),
    frameOrigins: typed.frameOrigins.join("\n"),
  });

  it("say what is wrong next to each field, refuse plain http by default, and a duplicate on Client ID", async () => {
    const ada = await person("ada", "INSTRUCTOR");
    session.user = ada;
    const empty = await registerPlatformAction(null, form({}));
    expect(empty).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const fieldErrors = empty?.ok === false ? empty.fieldErrors : undefined;
    expect(Object.keys(fieldErrors ?? {}).sort()).toEqual([
      "authUrl",
      "clientId",
      "deploymentIds",
      "issuer",
      "jwksUrl",
      "name",
      "tokenUrl",
    ]);

    const typed = input();
    const http = await registerPlatformAction(null, form({ ...fields(typed), authUrl: "http://moodle.example.test/mod/lti/auth.php" }));
    expect(http).toMatchObject({ ok: false, fieldErrors: { authUrl: [expect.stringMatching(/https:\/\//)] } });

    const made = await registerPlatformAction(null, form({ ...fields(typed), deploymentIds: "1, 2\n2\n\n" }));
    expect(made).toMatchObject({ ok: true, value: { name: "School Moodle" } });
    const id = made?.ok ? made.value.id : "";
    expect(JSON.parse((await db.ltiPlatform.findUniqueOrThrow({ where: { id } })).deploymentIds)).toEqual(["1", "2"]);

    const again = await registerPlatformAction(null, form(fields(typed)));
    expect(again).toMatchObject({
      ok: false,
      code: "LTI_PLATFORM_DUPLICATE",
      fieldErrors: { clientId: ["A platform with this issuer and client ID is registered already."] },
    });

    session.user = await person("otto", "INSTRUCTOR");
    expect(await removePlatformAction(id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    session.user = await person("stu");
    expect(await removePlatformAction(id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await registerPlatformAction(null, form(fields(input())))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.user = ada;
    expect(await removePlatformAction(id)).toEqual({ ok: true, value: { name: "School Moodle" } });
  });
});
