import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createdLineItemSchema, LTI_SCOPE, lineItemBody, MEDIA_TYPE, scoreBody, scoresUrl } from "@/lib/lti/ags";
import { withAccessToken } from "@/lib/lti/data/ags-token";
import { callPlatform, jsonOf, PlatformCallError, type PlatformAnswer } from "@/lib/lti/data/platform-call";
import { errorText, outcomeOf, parseRetryAfter } from "@/lib/lti/outbox-policy";
import { serviceUrl, UrlRefusedError, type RegisteredUrls } from "@/lib/lti/url-guard";

// Sending one outbox row (AGS 2.0 §3.4): its score POSTed to its link's line item, after making the
// line item when the launch named none but the course offered its line items service. What comes
// back says what the worker does with the row (lib/lti/outbox-policy.ts); nothing here writes the
// row itself.

export type Delivery =
  | { outcome: "sent"; status: number }
  | { outcome: "failed"; status: number | null; error: string }
  | { outcome: "retry"; status: number | null; error: string; retryAfterMs: number | null };

type Platform = RegisteredUrls & { id: string; clientId: string };
type Link = {
  id: string;
  resourceLinkId: string;
  title: string | null;
  target: string;
  lessonSlug: string | null;
  lineItemUrl: string | null;
  scoreMaximum: number | null;
};
type Context = { lineItemsUrl: string | null; agsScopes: string | null; platform: Platform };

const rules = () => ({ allowHttp: env.LTI_ALLOW_HTTP });

class NotSendable extends Error {}

/** The course granted the scope at its last launch (a course that named no scopes is tried anyway). */
function requireScope(context: Context, scope: string, what: string): void {
  if (context.agsScopes !== null && !context.agsScopes.split(" ").includes(scope)) {
    throw new NotSendable(`The course site did not let the tool ${what} (its launches grant no ${scope.split("/").at(-1)} scope).`);
  }
}

// Two rows of one link sent at once in this process make one line item, not two.
const making = new Map<string, Promise<string>>();

async function makeLineItem(link: Link, context: Context, scoreMaximum: number): Promise<string> {
  if (!context.lineItemsUrl) {
    throw new NotSendable("The course site gave this link no gradebook column and no way to make one (no AGS line items service).");
  }
  requireScope(context, LTI_SCOPE.lineItem, "make gradebook columns");
  const what = "Making the gradebook column";
  const url = serviceUrl(context.lineItemsUrl, context.platform, rules());
  const body = JSON.stringify(lineItemBody({ ...link, scoreMaximum: link.scoreMaximum ?? scoreMaximum }));
  const answer = await withAccessToken(context.platform, LTI_SCOPE.lineItem, (token) =>
    callPlatform(what, url, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA_TYPE.lineItem, Accept: MEDIA_TYPE.lineItem },
      body,
    }),
  );
  if (answer.status !== 200 && answer.status !== 201) throw PlatformCallError.fromAnswer(what, answer);
  const created = createdLineItemSchema.safeParse(jsonOf(what, answer));
  if (!created.success) throw new PlatformCallError(what, answer.status, "the answer names no line item URL (id)");
  const lineItemUrl = serviceUrl(created.data.id, context.platform, rules()).toString();
  // Another instance may have made one for this link meanwhile: the first stored is the one used
  // (the other stays an empty column in the LMS, which an instructor can delete).
  const { count } = await db.ltiResourceLink.updateMany({ where: { id: link.id, lineItemUrl: null }, data: { lineItemUrl } });
  if (count === 1) return lineItemUrl;
  return (await db.ltiResourceLink.findUniqueOrThrow({ where: { id: link.id }, select: { lineItemUrl: true } })).lineItemUrl ?? lineItemUrl;
}

function lineItemOf(link: Link, context: Context, scoreMaximum: number): Promise<string> {
  if (link.lineItemUrl) return Promise.resolve(link.lineItemUrl);
  let pending = making.get(link.id);
  if (!pending) {
    pending = makeLineItem(link, context, scoreMaximum).finally(() => making.delete(link.id));
    making.set(link.id, pending);
  }
  return pending;
}

const problemOf = (answer: PlatformAnswer) => errorText(answer.text) || `HTTP ${answer.status}`;

/** Sends the row's score; never throws for anything the platform or the addresses did. */
export async function deliverScore(rowId: string): Promise<Delivery> {
  const platform = { select: { id: true, clientId: true, tokenUrl: true, authUrl: true, jwksUrl: true, frameOrigins: true } } as const;
  const row = await db.ltiScoreOutbox.findUnique({
    where: { id: rowId },
    include: { link: { include: { context: { select: { lineItemsUrl: true, agsScopes: true, platform } } } } },
  });
  // Gone since it was taken: its course site's registration was removed, and its link and rows with it.
  if (!row) return { outcome: "failed", status: null, error: "The course site's registration was removed." };
  const { context, ...link } = row.link;
  try {
    requireScope(context, LTI_SCOPE.score, "send scores");
    const lineItemUrl = await lineItemOf(link, context, row.scoreMaximum);
    const url = serviceUrl(scoresUrl(lineItemUrl), context.platform, rules());
    const body = JSON.stringify(scoreBody(row));
    const answer = await withAccessToken(context.platform, LTI_SCOPE.score, (token) =>
      callPlatform("Sending the score", url, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA_TYPE.score },
        body,
      }),
    );
    const outcome = outcomeOf(answer.status);
    if (outcome === "sent") return { outcome, status: answer.status };
    if (outcome === "retry") {
      const retryAfterMs = parseRetryAfter(answer.headers.get("retry-after"), new Date());
      return { outcome, status: answer.status, error: problemOf(answer), retryAfterMs };
    }
    // Refused (400, 403, 404, 422, …), or a second 401 with a token made a moment ago.
    return { outcome: "failed", status: answer.status, error: problemOf(answer) };
  } catch (error) {
    return deliveryOf(error);
  }
}

function deliveryOf(error: unknown): Delivery {
  if (error instanceof NotSendable || error instanceof UrlRefusedError) return { outcome: "failed", status: null, error: errorText(error.message) };
  if (error instanceof PlatformCallError) {
    // The token endpoint's or the line item's refusal: a 401 there is the registration's fault, not an old token's.
    const outcome = outcomeOf(error.answered);
    const message = errorText(error.message);
    if (outcome === "retry") return { outcome, status: error.answered, error: message, retryAfterMs: error.retryAfterMs };
    return { outcome: "failed", status: error.answered, error: message };
  }
  throw error;
}
