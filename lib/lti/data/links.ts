import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { LTI_CLAIM } from "@/lib/lti/claims";
import type { VerifiedLaunch } from "@/lib/lti/data/launch";
import { targetOfPath } from "@/lib/lti/targets";

// What a launch says about its course and its link, kept for grade passback and roster sync: the
// course's service URLs (AGS line items and scopes, NRPS memberships; a later launch brings the
// current ones) and the link itself (what it opens, and the line item its scores go to).

export type LaunchLink = { contextRowId: string; linkRowId: string | null };

/** Records the course's services and the launched link; null for a launch without a course. */
export async function recordLaunchLink(launch: VerifiedLaunch): Promise<LaunchLink | null> {
  const context = launch.claims[LTI_CLAIM.context];
  if (!context) return null;
  const ags = launch.claims[LTI_CLAIM.agsEndpoint];
  const nrps = launch.claims[LTI_CLAIM.nrpsService];
  const row = await db.ltiContext.update({
    where: {
      platformId_deploymentId_contextId: {
        platformId: launch.platformId,
        deploymentId: launch.claims[LTI_CLAIM.deploymentId],
        contextId: context.id,
      },
    },
    data: {
      title: context.title ?? undefined,
      ...(ags ? { lineItemsUrl: ags.lineitems ?? null, agsScopes: ags.scope.join(" ") } : {}),
      ...(nrps ? { membershipsUrl: nrps.context_memberships_url } : {}),
    },
    select: { id: true },
  });
  const claims = launch.claims;
  if (!(LTI_CLAIM.resourceLink in claims)) return { contextRowId: row.id, linkRowId: null };
  const link = claims[LTI_CLAIM.resourceLink];
  const opens = targetOfPath(new URL(launch.target).pathname);
  const data = {
    title: link.title ?? null,
    target: opens?.target ?? "LESSON",
    lessonSlug: opens?.lessonSlug ?? null,
    ...(ags?.lineitem ? { lineItemUrl: ags.lineitem } : {}),
  };
  const key = { contextRowId_resourceLinkId: { contextRowId: row.id, resourceLinkId: link.id } };
  try {
    const saved = await db.ltiResourceLink.upsert({
      where: key,
      create: { contextRowId: row.id, resourceLinkId: link.id, ...data },
      update: data,
      select: { id: true },
    });
    return { contextRowId: row.id, linkRowId: saved.id };
  } catch (error) {
    // Two first launches of one link at once: the other made it.
    if (!isUniqueViolation(error)) throw error;
    const saved = await db.ltiResourceLink.update({ where: key, data, select: { id: true } });
    return { contextRowId: row.id, linkRowId: saved.id };
  }
}
