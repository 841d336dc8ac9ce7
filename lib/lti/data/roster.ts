import "server-only";
import { AppError } from "@/lib/app-error";
import { NotInScopeError, type InstructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LTI_SCOPE, MEDIA_TYPE } from "@/lib/lti/ags";
import { withAccessToken } from "@/lib/lti/data/ags-token";
import { callPlatform, jsonOf, PlatformCallError } from "@/lib/lti/data/platform-call";
import { accountForPerson, joinAs } from "@/lib/lti/data/provision";
import { MAX_ROSTER_PAGES, nextPageUrl, readMembers, standingOf } from "@/lib/lti/nrps";
import type { LinkedClass, RosterSyncResult } from "@/lib/lti/types";
import { serviceUrl, type RegisteredUrls } from "@/lib/lti/url-guard";

// "Sync roster" (docs/lti-design.md §4, NRPS 2.0): an instructor of a class that came from a course
// site brings in the course's members before they launch, so they are in the class's lists from the
// start. Each active teacher or learner is provisioned exactly as their launch would do it (the
// account by registration and subject, the roster's user_id being the launch's sub; their place in
// the class); nobody is demoted or removed, and inactive or deleted members are only counted.

/** The classes taught that a course site's launches made or joined, with what syncing them can do. */
export async function listLinkedClasses(scope: InstructorScope): Promise<LinkedClass[]> {
  const contexts = await db.ltiContext.findMany({
    where: { classId: { in: [...scope.taughtIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { classId: true, membershipsUrl: true, rosterSyncedAt: true, class: { select: { name: true } }, platform: { select: { name: true } } },
  });
  const byClass = new Map<string, LinkedClass>();
  for (const c of contexts) {
    const entry = byClass.get(c.classId) ?? {
      classId: c.classId,
      className: c.class.name,
      platforms: [],
      hasRoster: false,
      rosterSyncedAt: null,
    };
    if (!entry.platforms.includes(c.platform.name)) entry.platforms.push(c.platform.name);
    entry.hasRoster ||= c.membershipsUrl !== null;
    const synced = c.rosterSyncedAt?.toISOString() ?? null;
    if (synced && (!entry.rosterSyncedAt || synced > entry.rosterSyncedAt)) entry.rosterSyncedAt = synced;
    byClass.set(c.classId, entry);
  }
  return [...byClass.values()];
}

type Course = { id: string; classId: string; membershipsUrl: string; platform: RegisteredUrls & { id: string; clientId: string } };

/** Reads one course's roster, page by page, provisioning as it goes; counts into `result`. */
async function syncCourse(course: Course, result: RosterSyncResult, seen: Set<string>): Promise<void> {
  const rules = { allowHttp: env.LTI_ALLOW_HTTP };
  const what = "Reading the course's members";
  let next: string | null = course.membershipsUrl;
  for (let page = 0; next && page < MAX_ROSTER_PAGES; page++) {
    // Every page, the first and each `next`, must be on the registration's host.
    const url = serviceUrl(next, course.platform, rules);
    const answer = await withAccessToken(course.platform, LTI_SCOPE.roster, (token) =>
      callPlatform(what, url, { method: "GET", headers: { Authorization: `Bearer ${token}`, Accept: MEDIA_TYPE.memberships } }),
    );
    if (answer.status !== 200) throw PlatformCallError.fromAnswer(what, answer);
    let read: ReturnType<typeof readMembers>;
    try {
      read = readMembers(jsonOf(what, answer));
    } catch (error) {
      if (error instanceof PlatformCallError) throw error;
      throw new PlatformCallError(what, answer.status, "the answer is not a membership container");
    }
    result.skipped += read.unreadable;
    for (const member of read.members) {
      const key = `${course.platform.id}\n${member.user_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const standing = standingOf(member);
      if (standing === "inactive") result.inactive++;
      else if (standing === "other") result.skipped++;
      else {
        const person = { platformId: course.platform.id, sub: member.user_id, name: member.name, email: member.email, role: standing };
        const user = await accountForPerson(person, { launched: false });
        if (await joinAs(course.classId, user.id, standing)) result.added++;
        else result.alreadyHere++;
      }
    }
    next = nextPageUrl(answer.headers.get("link"), url.toString());
  }
}

/**
 * Syncs the roster of every course the class is linked to. Only an instructor of the class may
 * (another class answers as one that does not exist). Throws LTI_ROSTER_UNAVAILABLE when no launch
 * named a roster address; a platform's refusal is a PlatformCallError, and those provisioned before
 * it stay.
 */
export async function syncRoster(scope: InstructorScope, classId: string, now = new Date()): Promise<RosterSyncResult> {
  if (!scope.taughtIds.includes(classId)) throw new NotInScopeError("No class of yours has this id.");
  const courses = await db.ltiContext.findMany({
    where: { classId, membershipsUrl: { not: null } },
    select: {
      id: true,
      classId: true,
      membershipsUrl: true,
      platform: { select: { id: true, clientId: true, tokenUrl: true, authUrl: true, jwksUrl: true, frameOrigins: true } },
    },
  });
  if (!courses.length) throw new AppError("LTI_ROSTER_UNAVAILABLE");
  const result: RosterSyncResult = { added: 0, alreadyHere: 0, inactive: 0, skipped: 0 };
  const seen = new Set<string>();
  for (const course of courses) {
    await syncCourse({ ...course, membershipsUrl: course.membershipsUrl! }, result, seen);
    await db.ltiContext.update({ where: { id: course.id }, data: { rosterSyncedAt: now } });
  }
  return result;
}
