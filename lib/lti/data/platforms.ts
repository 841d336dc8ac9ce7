import "server-only";
import { AppError } from "@/lib/app-error";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { db, isUniqueViolation } from "@/lib/db";
import { readJsonColumn } from "@/lib/json-column";
import { deploymentIdListSchema, type PlatformInput } from "@/lib/lti/platform-input";
import type { RegisteredPlatform } from "@/lib/lti/types";

// Course sites (LMSs) registered as LTI 1.3 platforms (docs/lti-design.md §2, §3). A registration
// decides whose tokens sign people in here, so only an instructor with a Lesson Lab password may
// make one: an account a launch made (which becomes an instructor by teaching a course in any
// registered LMS) must not be able to add an LMS of its own choosing. A registration is removed
// only by whoever made it; to anyone else it answers as one that does not exist.

export class PlatformRegistrationForbiddenError extends AppError {
  constructor() {
    super("LTI_REGISTRATION_FORBIDDEN");
  }
}

/** The (issuer, client ID) pair is taken: the LMS's tokens could not tell the two apart. */
export class DuplicatePlatformError extends AppError {
  constructor() {
    super("LTI_PLATFORM_DUPLICATE");
  }
}

class NotYourPlatformError extends AppError {
  constructor() {
    super("NOT_FOUND", "No course site you registered has this id.");
  }
}

/**
 * Whether this account may register course sites: an instructor now (read from the database, not
 * the session) with a password and no LMS account link. Launch-made accounts have no password; the
 * link check also holds if one is later given a password by a reset link. A platform's removal
 * deletes its links, which is why the password is checked too. (A future "link my existing
 * account" will give password accounts links: this rule changes with it.)
 */
export async function mayRegisterPlatforms(user: SessionUser): Promise<boolean> {
  if (!hasRole(user, "INSTRUCTOR")) return false;
  const row = await db.user.findUnique({
    where: { id: user.id },
    select: { role: true, passwordHash: true, _count: { select: { ltiAccounts: true } } },
  });
  return row?.role === "INSTRUCTOR" && row.passwordHash !== null && row._count.ltiAccounts === 0;
}

async function requireRegistrar(user: SessionUser): Promise<void> {
  if (!(await mayRegisterPlatforms(user))) throw new PlatformRegistrationForbiddenError();
}

/** A new registration by `user`; its launches work from now on. */
export async function registerPlatform(user: SessionUser, input: PlatformInput): Promise<{ id: string; name: string }> {
  await requireRegistrar(user);
  try {
    const created = await db.ltiPlatform.create({
      data: {
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        authUrl: input.authUrl,
        tokenUrl: input.tokenUrl,
        jwksUrl: input.jwksUrl,
        deploymentIds: JSON.stringify(deploymentIdListSchema.parse(input.deploymentIds)),
        frameOrigins: JSON.stringify(input.frameOrigins),
        createdById: user.id,
      },
      select: { id: true, name: true },
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicatePlatformError();
    throw error;
  }
}

/** Every registration, newest first, for any instructor to see; `mine` marks those `user` may remove. */
export async function listPlatforms(user: SessionUser): Promise<RegisteredPlatform[]> {
  if (!hasRole(user, "INSTRUCTOR")) throw new AppError("FORBIDDEN");
  const rows = await db.ltiPlatform.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, name: true, issuer: true, clientId: true, deploymentIds: true, createdById: true, createdAt: true },
  });
  // createdById is a plain column (no relation): a registration outlives the account that made it.
  const ids = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const people = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const nameOf = new Map(people.map((p) => [p.id, p.name ?? p.email]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    issuer: r.issuer,
    clientId: r.clientId,
    deploymentIds: readJsonColumn(deploymentIdListSchema, r.deploymentIds, `LtiPlatform ${r.id} deploymentIds`) ?? [],
    registeredBy: (r.createdById && nameOf.get(r.createdById)) ?? null,
    registeredAt: r.createdAt.toISOString(),
    mine: r.createdById === user.id,
  }));
}

/**
 * Removes a registration `user` made. Launches from it stop at once (its logins go with it); the
 * accounts and classes its launches made stay, with their work, but lose their link to it: the same
 * LMS registered again makes new accounts on their next launch.
 */
export async function removePlatform(user: SessionUser, id: string): Promise<{ name: string }> {
  await requireRegistrar(user);
  const platform = await db.ltiPlatform.findFirst({ where: { id, createdById: user.id }, select: { name: true } });
  if (!platform) throw new NotYourPlatformError();
  const { count } = await db.ltiPlatform.deleteMany({ where: { id, createdById: user.id } });
  if (count !== 1) throw new NotYourPlatformError();
  return platform;
}

/** Replaces the deployments a registration `user` made accepts (a tool deployed once more in the LMS). */
export async function updateDeployments(user: SessionUser, id: string, deploymentIds: readonly string[]): Promise<string[]> {
  await requireRegistrar(user);
  const ids = deploymentIdListSchema.parse(deploymentIds);
  const { count } = await db.ltiPlatform.updateMany({ where: { id, createdById: user.id }, data: { deploymentIds: JSON.stringify(ids) } });
  if (count !== 1) throw new NotYourPlatformError();
  return ids;
}
