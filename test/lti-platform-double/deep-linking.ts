import { createRemoteJWKSet, jwtVerify } from "jose";

// The platform's side of Deep Linking 2.0: the tool posts a signed LtiDeepLinkingResponse (form field
// JWT) to the deep_link_return_url; the platform checks it against the tool's JWKS and every claim
// the spec requires, then adds each content item to the course as a link, with a gradebook column
// (line item) when the item asks for one. Later launches of such a link carry its custom parameters
// and its line item, as Moodle's and Canvas's do.

const LTI = "https://purl.imsglobal.org/spec/lti/claim";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim";

export type CourseLink = {
  id: string;
  contextId: string;
  url: string;
  title?: string;
  custom?: Record<string, string>;
  lineItem?: { url: string; scoreMaximum: number; label?: string; resourceId?: string; tag?: string };
};

/** what the tool returned: its message, the course it was for (from the echoed data) and its items */
export type DeepLinkResponse = { message?: string; data?: string; items: unknown[] };

type ContentItem = {
  type: string;
  url?: string;
  title?: string;
  custom?: Record<string, string>;
  lineItem?: { scoreMaximum: number; label?: string; resourceId?: string; tag?: string };
};

export async function receiveDeepLinks(
  jwt: string,
  ctx: { jwksUrl: string; clientIds: string[]; issuer: string; deploymentId: string; base: string; links: CourseLink[] },
): Promise<{ ok: true; response: DeepLinkResponse; added: CourseLink[] } | { ok: false; problem: string }> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(ctx.jwksUrl)), {
      issuer: ctx.clientIds,
      audience: ctx.issuer,
      requiredClaims: ["iat", "exp", "nonce"],
    }));
  } catch (error) {
    return { ok: false, problem: `the JWT failed its checks: ${(error as { code?: string }).code ?? String(error)}` };
  }
  if (payload[`${LTI}/message_type`] !== "LtiDeepLinkingResponse") return { ok: false, problem: "message_type" };
  if (payload[`${LTI}/version`] !== "1.3.0") return { ok: false, problem: "version" };
  if (payload[`${LTI}/deployment_id`] !== ctx.deploymentId) return { ok: false, problem: "deployment_id" };
  const data = payload[`${DL}/data`];
  const contextId =
    typeof data === "string" && data.startsWith("opaque-platform-data:") ? data.slice("opaque-platform-data:".length) : null;
  if (!contextId) return { ok: false, problem: "data: the platform's data was not echoed" };
  const items = payload[`${DL}/content_items`];
  if (!Array.isArray(items)) return { ok: false, problem: "content_items" };
  const added: CourseLink[] = [];
  for (const item of items as ContentItem[]) {
    if (item.type !== "ltiResourceLink" || !item.url) return { ok: false, problem: "content item type or url" };
    const id = `link-${ctx.links.length + 1}`;
    const link: CourseLink = {
      id,
      contextId,
      url: item.url,
      title: item.title,
      custom: item.custom,
      ...(item.lineItem
        ? { lineItem: { ...item.lineItem, url: `${ctx.base}/contexts/${encodeURIComponent(contextId)}/lineitems/${id}/lineitem` } }
        : {}),
    };
    ctx.links.push(link);
    added.push(link);
  }
  const message = payload[`${DL}/msg`];
  return { ok: true, response: { message: typeof message === "string" ? message : undefined, data: contextId, items }, added };
}
