import "server-only";
import { randomBytes } from "node:crypto";
import { adoptClasslessWriteUps } from "@/lib/classes/data/classes";
import { db, isUniqueViolation } from "@/lib/db";
import type { PublicUser } from "@/lib/auth/data/users";
import { LTI_CLAIM, type LtiClassRole } from "@/lib/lti/claims";
import type { VerifiedLaunch } from "@/lib/lti/data/launch";

// What a verified launch (and a roster sync, lib/lti/data/roster.ts) makes or finds in Lesson Lab
// (docs/lti-design.md §2): the account the LMS person launches as, matched by platform and subject
// and never by an email claim, made on the first launch with a placeholder email and no password;
// and the class the LMS course is, made on the first launch from it, with the person in it as its
// instructor or its student.

const publicFields = { id: true, name: true, email: true, role: true } as const;

/** Unguessable, so nobody can sign up first with the address an LMS account will get. */
const placeholderEmail = () => `lti-${randomBytes(12).toString("hex")}@accounts.invalid`;

/** One LMS person as a launch or a roster names them: on which registration, by subject, in which role. */
export type LmsPerson = { platformId: string; sub: string; name?: string; email?: string; role: LtiClassRole };

/**
 * The account for this LMS person: found by (platform, subject), else made. An account made here is
 * an instructor's once they launch in a teaching role (it is in no class but the LMS courses they
 * teach); a role is never taken away by a launch.
 */
export async function accountForLaunch(launch: VerifiedLaunch, now = new Date()): Promise<PublicUser> {
  const { sub, name, email } = launch.claims;
  return accountForPerson({ platformId: launch.platformId, sub, name, email, role: launch.role }, { launched: true, now });
}

/**
 * The account for an LMS person, as accountForLaunch makes it, for a launch or a roster sync (the
 * roster's `user_id` is the launch's `sub`). `launched`: a launch, which is recorded as the last one.
 */
export async function accountForPerson(person: LmsPerson, { launched, now = new Date() }: { launched: boolean; now?: Date }): Promise<PublicUser> {
  const { sub, name, email } = person;
  const key = { platformId_sub: { platformId: person.platformId, sub } };
  let link = await db.ltiAccount.findUnique({ where: key, select: { user: { select: publicFields } } });
  if (!link) {
    try {
      link = await db.ltiAccount.create({
        data: {
          platform: { connect: { id: person.platformId } },
          sub,
          name: name ?? null,
          email: email ?? null,
          user: { create: { name: name ?? null, email: placeholderEmail(), role: "STUDENT" } },
        },
        select: { user: { select: publicFields } },
      });
    } catch (error) {
      // Two first launches of one person at once: the other made it.
      if (!isUniqueViolation(error)) throw error;
      link = await db.ltiAccount.findUniqueOrThrow({ where: key, select: { user: { select: publicFields } } });
    }
  } else {
    await db.ltiAccount.update({ where: key, data: { ...(launched ? { lastLaunchAt: now } : {}), name: name ?? undefined, email: email ?? undefined } });
  }
  let user = link.user;
  if (person.role === "INSTRUCTOR" && user.role !== "INSTRUCTOR") {
    user = await db.user.update({ where: { id: user.id }, data: { role: "INSTRUCTOR" }, select: publicFields });
  }
  return { ...user, role: user.role as PublicUser["role"] };
}

/**
 * The class of the launch's LMS course, made on the first launch from it (named after the course),
 * with `userId` in it in the launch's role; null for a launch without a course. Someone who teaches
 * the class stays its instructor whatever role a later launch carries.
 */
export async function classForLaunch(launch: VerifiedLaunch, userId: string): Promise<{ id: string; name: string } | null> {
  const context = launch.claims[LTI_CLAIM.context];
  if (!context) return null;
  const key = {
    platformId_deploymentId_contextId: { platformId: launch.platformId, deploymentId: launch.claims[LTI_CLAIM.deploymentId], contextId: context.id },
  };
  let linked = await db.ltiContext.findUnique({ where: key, select: { class: { select: { id: true, name: true } } } });
  if (!linked) {
    const name = (context.title ?? context.label ?? `Course ${context.id}`).slice(0, 80);
    try {
      linked = await db.ltiContext.create({
        data: {
          platform: { connect: { id: launch.platformId } },
          deploymentId: key.platformId_deploymentId_contextId.deploymentId,
          contextId: context.id,
          title: context.title ?? null,
          class: { create: { name } },
        },
        select: { class: { select: { id: true, name: true } } },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      linked = await db.ltiContext.findUniqueOrThrow({ where: key, select: { class: { select: { id: true, name: true } } } });
    }
  }
  await joinAs(linked.class.id, userId, launch.role);
  return linked.class;
}

/**
 * Puts the person in the class in this role: a student becomes its instructor on a teaching
 * launch, an instructor stays one. True when they were not in the class before.
 */
export async function joinAs(classId: string, userId: string, role: LtiClassRole): Promise<boolean> {
  const where = { classId_userId: { classId, userId } };
  const member = await db.classMember.findUnique({ where, select: { role: true } });
  if (member?.role === "INSTRUCTOR" || member?.role === role) return false;
  if (member) {
    await db.classMember.update({ where, data: { role } });
    return false;
  }
  let added = true;
  try {
    await db.classMember.create({ data: { classId, userId, role } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    added = false;
  }
  if (role === "STUDENT") await adoptClasslessWriteUps(userId, classId);
  return added;
}
