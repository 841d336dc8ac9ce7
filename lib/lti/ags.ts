import { z } from "zod";

// Assignment and Grade Services 2.0 and Names and Role Provisioning Services 2.0 as the tool speaks
// them (docs/lti-design.md §4): scopes, media types, the score a row sends, the line item it makes
// when a link has none, and where a line item's scores go. Pure.

const SPEC = "https://purl.imsglobal.org/spec";
export const LTI_SCOPE = {
  score: `${SPEC}/lti-ags/scope/score`,
  lineItem: `${SPEC}/lti-ags/scope/lineitem`,
  roster: `${SPEC}/lti-nrps/scope/contextmembership.readonly`,
} as const;

export const MEDIA_TYPE = {
  score: "application/vnd.ims.lis.v1.score+json",
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  memberships: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

/**
 * A line item's scores endpoint: `/scores` appended to its path, before any query. Moodle's line
 * item URLs carry one (`…/lineitems/5/lineitem?type_id=1`), and a naive `${url}/scores` would post
 * to `…?type_id=1/scores`, which Moodle answers with 404 (AGS 2.0 §3.4: the score service is the
 * line item URL with `/scores` added to its path).
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

export const SCORE_SOURCES = ["QUIZ_ATTEMPT", "REVIEW"] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];
export const SCORE_POLICIES = ["BEST", "LATEST"] as const;
export type ScorePolicy = (typeof SCORE_POLICIES)[number];

/** What the score service takes (AGS 2.0 §3.4.4; Canvas's Score API). `comment` only when there is one. */
export type ScoreBody = {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment?: string;
  timestamp: string;
  activityProgress: "Completed";
  gradingProgress: "FullyGraded";
};

export function scoreBody(row: {
  sub: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string | null;
  timestamp: Date;
}): ScoreBody {
  return {
    userId: row.sub,
    scoreGiven: row.scoreGiven,
    scoreMaximum: row.scoreMaximum,
    ...(row.comment ? { comment: row.comment } : {}),
    timestamp: row.timestamp.toISOString(),
    activityProgress: "Completed",
    gradingProgress: "FullyGraded",
  };
}

/** A new gradebook column for a link the platform made none for (AGS 2.0 §3.2). */
export type LineItemBody = { scoreMaximum: number; label: string; resourceId: string; resourceLinkId: string; tag: string };

export function lineItemBody(link: {
  resourceLinkId: string;
  title: string | null;
  target: string;
  lessonSlug: string | null;
  scoreMaximum: number;
}): LineItemBody {
  const kind = link.target === "WRITEUP" ? "write-up" : "quiz";
  return {
    scoreMaximum: link.scoreMaximum,
    label: (link.title ?? `${link.lessonSlug ?? "Lesson"} ${kind}`).slice(0, 200),
    resourceId: `${link.target.toLowerCase()}:${link.lessonSlug ?? ""}`,
    resourceLinkId: link.resourceLinkId,
    tag: kind,
  };
}

/** The platform's answer to a line item POST: only its URL (`id`) is kept. */
export const createdLineItemSchema = z.object({ id: z.url() });

/** The default column size for a new line item when the link names none: a percentage. */
export const DEFAULT_SCORE_MAXIMUM = 100;
