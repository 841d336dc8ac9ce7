import type { IncomingMessage, ServerResponse } from "node:http";
import type { CourseLink } from "./deep-linking";

// The platform double's LTI Advantage services, as Moodle's gradebookservices and NRPS answer them
// (AGS 2.0, NRPS 2.0; docs/lti-design.md §5): line items under a course (`…/lineitems`, one at
// `…/lineitems/:id/lineitem`, deep linking makes them the same way), scores at `…/lineitem/scores`,
// with any query string (Moodle's `?type_id=1`) allowed on either; the roster two members a page
// with `Link: rel="next"`. Each checks the bearer token's scope and the exact media type, and a
// score whose timestamp is not after the last one for that person and line item (whole seconds) is
// refused with 409, as Moodle's scores.php does. Tests make the next requests fail on purpose with
// a failure rule (POST /__test/fail).

export const SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
export const LINE_ITEM_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
export const LINE_ITEMS_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
export const MEMBERSHIPS_MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
const SCOPE = {
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  roster: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
};
const ACTIVITY = ["Initialized", "Started", "InProgress", "Submitted", "Completed"];
const GRADING = ["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"];
/** NRPS page size: small, so a test of a few members pages */
export const MEMBERS_PER_PAGE = 2;

export type Member = { user_id: string; name?: string; email?: string; roles: string[]; status?: "Active" | "Inactive" | "Deleted" };

/** The next `times` requests whose path and query contain `path` are answered with `status` (0: the connection drops). */
export type FailureRule = { path: string; status: number; times: number; retryAfter?: number };

export type LineItem = {
  id: string;
  contextId: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
};

export type ServicesRecord = {
  /** scores accepted: the line item (without its query), the URL posted to, the media type and the body */
  scores: { lineItem: string; url: string; contentType: string; body: unknown }[];
  /** scores refused as not newer (409) */
  staleScores: { lineItem: string; body: unknown }[];
  /** line items made by POST …/lineitems */
  lineItems: LineItem[];
  memberships: { context: string; page: number }[];
};

type Send = (response: ServerResponse, status: number, body: unknown, type?: string) => void;

export type Services = {
  /** answers a service request; false when the path is none of the services' */
  handle(request: IncomingMessage, url: URL, response: ServerResponse): Promise<boolean>;
  /** a failure rule applied, if one matches: true when the request was answered with it */
  failed(request: IncomingMessage, url: URL, response: ServerResponse): boolean;
  fail(rule: FailureRule): void;
  /** the failure rules with what is left of each */
  failures(): FailureRule[];
  setMembers(contextId: string, members: Member[]): void;
};

export function createServices(options: {
  base: () => string;
  scopesOf: (request: IncomingMessage) => string[] | null;
  readBody: (request: IncomingMessage) => Promise<string>;
  send: Send;
  record: ServicesRecord;
  /** the roster of every course without one of its own */
  members: Member[];
  /** links deep linking added, whose line items are known too */
  links: CourseLink[];
}): Services {
  const { base, scopesOf, readBody, send, record } = options;
  const made = new Map<string, LineItem>();
  const lastScoreAt = new Map<string, number>();
  const rosters = new Map<string, Member[]>();
  const rules: FailureRule[] = [];

  const itemUrl = (contextId: string, id: string) => `${base()}/contexts/${encodeURIComponent(contextId)}/lineitems/${id}/lineitem`;

  function refuse(request: IncomingMessage, response: ServerResponse, scope: string, mediaType?: string): boolean {
    if (!scopesOf(request)?.includes(scope)) {
      send(response, 401, { error: "unauthorized", reason: `a bearer token with the ${scope} scope` });
      return true;
    }
    if (mediaType && request.headers["content-type"] !== mediaType) {
      send(response, 415, { error: `expected Content-Type ${mediaType}` });
      return true;
    }
    return false;
  }

  async function createLineItem(request: IncomingMessage, url: URL, contextId: string, response: ServerResponse) {
    if (refuse(request, response, SCOPE.lineItem, LINE_ITEM_MEDIA_TYPE)) return;
    const body = JSON.parse(await readBody(request)) as Partial<LineItem>;
    if (typeof body.scoreMaximum !== "number" || body.scoreMaximum <= 0 || typeof body.label !== "string" || !body.label) {
      return send(response, 400, { error: "a line item needs a label and a scoreMaximum above 0" });
    }
    const id = `made-${made.size + 1}`;
    // Moodle's line item URLs keep the query the line items URL had.
    const item: LineItem = {
      ...body,
      contextId,
      scoreMaximum: body.scoreMaximum,
      label: body.label,
      id: `${itemUrl(contextId, id)}${url.search}`,
    };
    made.set(`${contextId}/${id}`, item);
    record.lineItems.push(item);
    send(response, 201, item, LINE_ITEM_MEDIA_TYPE);
  }

  function knownLineItem(contextId: string, id: string): LineItem | null {
    const mine = made.get(`${contextId}/${id}`);
    if (mine) return mine;
    const linked = options.links.find((l) => l.contextId === contextId && l.id === id && l.lineItem);
    return linked?.lineItem
      ? { id: linked.lineItem.url, contextId, scoreMaximum: linked.lineItem.scoreMaximum, label: linked.lineItem.label ?? "" }
      : null;
  }

  /** Problems with a score body as AGS 2.0 §3.4.4 states it, or null. */
  function scoreProblem(body: Record<string, unknown>): string | null {
    if (typeof body.userId !== "string" || !body.userId) return "userId";
    if (!ACTIVITY.includes(body.activityProgress as string)) return "activityProgress";
    if (!GRADING.includes(body.gradingProgress as string)) return "gradingProgress";
    if (typeof body.timestamp !== "string" || Number.isNaN(Date.parse(body.timestamp))) return "timestamp";
    if (body.scoreGiven !== undefined && (typeof body.scoreGiven !== "number" || body.scoreGiven < 0)) return "scoreGiven";
    if (body.scoreGiven !== undefined && (typeof body.scoreMaximum !== "number" || body.scoreMaximum <= 0)) return "scoreMaximum";
    if (body.comment !== undefined && typeof body.comment !== "string") return "comment";
    return null;
  }

  async function score(request: IncomingMessage, url: URL, contextId: string, id: string, response: ServerResponse) {
    if (refuse(request, response, SCOPE.score, SCORE_MEDIA_TYPE)) return;
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    const problem = scoreProblem(body);
    if (problem) return send(response, 400, { error: `invalid score: ${problem}` });
    const lineItem = itemUrl(contextId, id);
    const key = `${lineItem}|${body.userId as string}`;
    const seconds = Math.floor(Date.parse(body.timestamp as string) / 1000);
    const last = lastScoreAt.get(key);
    if (last !== undefined && seconds <= last) {
      record.staleScores.push({ lineItem, body });
      return send(response, 409, { error: "Refusing score with an earlier timestamp for item and user" });
    }
    lastScoreAt.set(key, seconds);
    record.scores.push({ lineItem, url: `${base()}${url.pathname}${url.search}`, contentType: SCORE_MEDIA_TYPE, body });
    send(response, 204, "");
  }

  function roster(request: IncomingMessage, url: URL, contextId: string, response: ServerResponse) {
    if (refuse(request, response, SCOPE.roster)) return;
    const page = Math.max(1, Number(url.searchParams.get("page") ?? "1") || 1);
    record.memberships.push({ context: contextId, page });
    const all = rosters.get(contextId) ?? options.members;
    const members = all.slice((page - 1) * MEMBERS_PER_PAGE, page * MEMBERS_PER_PAGE);
    const self = `${base()}${url.pathname}`;
    const headers: Record<string, string> = { "Content-Type": MEMBERSHIPS_MEDIA_TYPE };
    if (page * MEMBERS_PER_PAGE < all.length) headers.Link = `<${self}?page=${page + 1}>; rel="next"`;
    response.writeHead(200, headers);
    response.end(JSON.stringify({ id: `${self}?page=${page}`, context: { id: contextId }, members }));
  }

  return {
    async handle(request, url, response) {
      const path = url.pathname;
      const lineItems = /^\/contexts\/([^/]+)\/lineitems$/.exec(path);
      const item = /^\/contexts\/([^/]+)\/lineitems\/([^/]+)\/lineitem$/.exec(path);
      const scores = /^\/contexts\/([^/]+)\/lineitems\/([^/]+)\/lineitem\/scores$/.exec(path);
      const members = /^\/contexts\/([^/]+)\/memberships$/.exec(path);
      const context = decodeURIComponent((lineItems ?? item ?? scores ?? members)?.[1] ?? "");
      if (request.method === "POST" && lineItems) await createLineItem(request, url, context, response);
      else if (request.method === "GET" && lineItems) {
        if (refuse(request, response, SCOPE.lineItem)) return true;
        send(
          response,
          200,
          [...made.values()].filter((l) => l.contextId === context),
          LINE_ITEMS_MEDIA_TYPE,
        );
      } else if (request.method === "GET" && item) {
        if (refuse(request, response, SCOPE.lineItem)) return true;
        const found = knownLineItem(context, item[2]!);
        if (found) send(response, 200, found, LINE_ITEM_MEDIA_TYPE);
        else send(response, 404, { error: "no such line item" });
      } else if (request.method === "POST" && scores) await score(request, url, context, scores[2]!, response);
      else if (request.method === "GET" && members) roster(request, url, context, response);
      else return false;
      return true;
    },
    failed(request, url, response) {
      const target = `${url.pathname}${url.search}`;
      const rule = rules.find((r) => r.times > 0 && target.includes(r.path));
      if (!rule) return false;
      rule.times--;
      // Status 0: the connection drops without an answer (a network failure).
      if (rule.status === 0) {
        request.socket.destroy();
        return true;
      }
      response.writeHead(rule.status, {
        "Content-Type": "application/json",
        ...(rule.retryAfter !== undefined ? { "Retry-After": String(rule.retryAfter) } : {}),
      });
      response.end(JSON.stringify({ error: `The platform double failed this request on purpose (${rule.status}).` }));
      request.resume();
      return true;
    },
    fail(rule) {
      rules.push({ ...rule });
    },
    failures: () => rules.map((r) => ({ ...r })),
    setMembers(contextId, list) {
      rosters.set(contextId, list);
    },
  };
}
