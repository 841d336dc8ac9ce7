import "server-only";
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/db";
import { LTI_CLAIM, type LaunchClaims } from "@/lib/lti/claims";
import { activeSigningKey, LTI_ALG } from "@/lib/lti/data/keys";
import type { VerifiedLaunch } from "@/lib/lti/data/launch";
import { pathOfTarget, type LinkTarget } from "@/lib/lti/targets";

// Deep Linking 2.0 (1EdTech, final 2019-04-16): from the course site's "add an activity", an
// instructor's launch lands on the picker; what they pick goes back to the course site as a signed
// LtiDeepLinkingResponse the browser posts to the deep_link_return_url. The request is kept (one
// row, used once, within the hour, by the person it was for) so that the picker's form carries only
// its id: the return URL and the platform's data never come from the browser.

export const DEEP_LINK_TTL_MS = 60 * 60 * 1000;

type DeepLinkClaims = Extract<LaunchClaims, { [LTI_CLAIM.messageType]: "LtiDeepLinkingRequest" }>;

/** A choice on the picker: what it opens, its title and, for a graded one, its points. */
export type DeepLinkChoice = LinkTarget & { title: string; scoreMaximum: number | null };

/** Keeps a verified deep linking launch for the picker; returns its id. */
export async function openDeepLinkRequest(launch: VerifiedLaunch, userId: string, now = new Date()): Promise<string> {
  const claims = launch.claims as DeepLinkClaims;
  const settings = claims[LTI_CLAIM.deepLinkingSettings];
  const row = await db.ltiDeepLinkRequest.create({
    data: {
      platform: { connect: { id: launch.platformId } },
      user: { connect: { id: userId } },
      deploymentId: claims[LTI_CLAIM.deploymentId],
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
      acceptMultiple: settings.accept_multiple ?? false,
      acceptLineItem: settings.accept_lineitem ?? true,
      createdAt: now,
    },
    select: { id: true },
  });
  return row.id;
}

export type OpenDeepLink = { id: string; acceptMultiple: boolean; acceptLineItem: boolean; platformName: string };

/** The request if it is this person's, unused and fresh; else null (the page then says to start again). */
export async function readDeepLinkRequest(userId: string, id: string, now = new Date()): Promise<OpenDeepLink | null> {
  const row = await db.ltiDeepLinkRequest.findUnique({ where: { id }, include: { platform: { select: { name: true } } } });
  if (!row || row.userId !== userId || row.usedAt || now.getTime() - row.createdAt.getTime() > DEEP_LINK_TTL_MS) return null;
  return { id: row.id, acceptMultiple: row.acceptMultiple, acceptLineItem: row.acceptLineItem, platformName: row.platform.name };
}

/**
 * The signed response for the picked items, using the request up (once: of two submits, one wins).
 * Null when the request is not this person's, used, or stale. `origin` is this site's, for the
 * links' URLs.
 */
export async function respondToDeepLink(
  userId: string,
  id: string,
  picks: DeepLinkChoice[],
  origin: string,
  now = new Date(),
): Promise<{ returnUrl: string; jwt: string } | null> {
  const open = await readDeepLinkRequest(userId, id, now);
  if (!open) return null;
  const { count } = await db.ltiDeepLinkRequest.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return null;
  const row = await db.ltiDeepLinkRequest.findUniqueOrThrow({ where: { id }, include: { platform: true } });
  const items = (open.acceptMultiple ? picks : picks.slice(0, 1)).map((pick) => ({
    type: "ltiResourceLink",
    title: pick.title,
    url: `${origin}${pathOfTarget(pick)}`,
    custom: { lesson_lab_target: `${pick.target.toLowerCase()}:${pick.lessonSlug}` },
    ...(pick.scoreMaximum !== null && open.acceptLineItem
      ? {
          lineItem: {
            scoreMaximum: pick.scoreMaximum,
            label: pick.title,
            resourceId: `${pick.target.toLowerCase()}:${pick.lessonSlug}`,
            tag: pick.target === "QUIZ" ? "quiz" : "write-up",
          },
        }
      : {}),
  }));
  const key = await activeSigningKey();
  const jwt = await new SignJWT({
    nonce: randomBytes(16).toString("base64url"),
    [LTI_CLAIM.messageType]: "LtiDeepLinkingResponse",
    [LTI_CLAIM.version]: "1.3.0",
    [LTI_CLAIM.deploymentId]: row.deploymentId,
    ...(row.data !== null ? { "https://purl.imsglobal.org/spec/lti-dl/claim/data": row.data } : {}),
    "https://purl.imsglobal.org/spec/lti-dl/claim/msg":
      items.length === 1 ? `Added “${items[0]!.title}” from Lesson Lab.` : `Added ${items.length} activities from Lesson Lab.`,
    "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": items,
  })
    .setProtectedHeader({ alg: LTI_ALG, kid: key.kid, typ: "JWT" })
    .setIssuer(row.platform.clientId)
    .setAudience(row.platform.issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 300)
    .sign(key.privateKey);
  return { returnUrl: row.returnUrl, jwt };
}
