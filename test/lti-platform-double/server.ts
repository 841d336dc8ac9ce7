import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { receiveDeepLinks, type CourseLink, type DeepLinkResponse } from "./deep-linking";
import { createServices, type FailureRule, type Member, type ServicesRecord } from "./services";
import { createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";

// An LTI 1.3 platform (an LMS) for tests, as test/ollama-double is an Ollama: it performs the OIDC
// third-party initiated login the way Moodle and Canvas do (the tool sends the browser to /auth, the
// platform answers with a form that posts a signed id_token and the state to the tool's redirect
// URL), serves its JWKS, issues client-credentials tokens to a tool that signs its assertion with
// its own key, and serves Assignment and Grade Services line items and scores and the Names and Role
// Provisioning roster (services.ts). Message shapes follow 1EdTech LTI Core 1.3, Deep Linking 2.0, AGS 2.0 and NRPS 2.0
// (docs/lti-design.md). Nothing here is trusted by the app: it is what a real platform would do.

const LTI = "https://purl.imsglobal.org/spec/lti/claim";
const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
export { LINE_ITEM_MEDIA_TYPE, MEMBERS_PER_PAGE, SCORE_MEDIA_TYPE, type FailureRule, type Member } from "./services";

/** One person's launch, set up by the test before the tool's login starts. */
export type PlannedLaunch = {
  sub: string;
  name?: string;
  email?: string;
  /** short forms ("Instructor", "Learner") or full membership URIs */
  roles: string[];
  context?: { id: string; title?: string };
  resourceLink?: { id: string; title?: string };
  targetLinkUri: string;
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  /** claims to add or override (a test of a malformed launch) */
  extra?: Record<string, unknown>;
  /** a forged or broken token: expired an hour ago, signed by a key the platform never published, or for another tool */
  tamper?: "expired" | "other-key" | "wrong-aud";
  /** the client ID the tool was registered under for this launch (tests register one each); default the double's */
  clientId?: string;
};

export type Recorded = {
  /** Deep Linking responses the platform accepted */
  deepLinks: DeepLinkResponse[];
  logins: { clientId: string; redirectUri: string; loginHint: string; state: string; nonce: string }[];
  tokens: { scope: string; clientId: string }[];
} & ServicesRecord;

export type LtiPlatformDouble = {
  url: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** a launch the next login with its hint will carry; returns what the platform sends the tool's login URL */
  plan(launch: PlannedLaunch): {
    iss: string;
    login_hint: string;
    target_link_uri: string;
    lti_message_hint: string;
    client_id: string;
    lti_deployment_id: string;
  };
  /** the tool's redirect URLs the platform accepts, its JWKS for client assertions, and its login initiation URL */
  registerTool(tool: ToolRegistration): void;
  /** the last id_token the platform posted, and where: a test replays it */
  lastPost: { idToken: string; state: string; redirectUri: string } | null;
  /** every course's roster, unless setMembers gave it one of its own */
  members: Member[];
  setMembers(contextId: string, members: Member[]): void;
  /** the next matching requests fail (POST /__test/fail does the same over HTTP) */
  fail(rule: FailureRule): void;
  recorded: Recorded;
  close(): Promise<void>;
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function send(response: ServerResponse, status: number, body: unknown, type = "application/json") {
  response.writeHead(status, { "Content-Type": type });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

export type ToolRegistration = {
  redirectUris: string[];
  jwksUrl: string;
  loginUrl?: string;
  /** client IDs the tool is registered under besides the double's own (plan() adds a launch's too) */
  clientIds?: string[];
};

/** The form an LMS page sends the browser with: posted at once, with a button when scripts are off. */
function autoPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return `<!doctype html><html><head><title>Course site</title></head><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(action)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}

export async function startLtiPlatformDouble({
  port = 0,
  clientId = "lesson-lab-tool",
  deploymentId = "deployment-1",
  /**
   * The host the browser is sent to (the issuer, the auth URL, the course page). "localhost" makes the
   * platform another site than a tool on 127.0.0.1, as a real LMS is; the tool's own server-to-server
   * calls (JWKS, token, scores) stay on 127.0.0.1.
   */
  browserHost = "127.0.0.1",
} = {}): Promise<LtiPlatformDouble> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const unpublished = await generateKeyPair("RS256");
  const kid = `platform-${randomUUID().slice(0, 8)}`;
  const jwks: { keys: JWK[] } = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };
  const planned = new Map<string, PlannedLaunch>();
  const accessTokens = new Map<string, string>();
  const recorded: Recorded = { deepLinks: [], logins: [], tokens: [], scores: [], staleScores: [], lineItems: [], memberships: [] };
  /** links added to courses by deep linking */
  const links: CourseLink[] = [];
  /** the client IDs the tool is registered under here (tests register one each; plan() adds them) */
  const clientIds = new Set([clientId]);
  let tool: ToolRegistration | null = null;
  const members: Member[] = [];
  let base = "";
  let browserBase = "";
  let lastPost: LtiPlatformDouble["lastPost"] = null;

  async function idToken(launch: PlannedLaunch, nonce: string, key: CryptoKey): Promise<string> {
    const roles = launch.roles.map((r) => (r.includes("#") || r.includes("/") ? r : `${MEMBERSHIP}#${r}`));
    const messageType = launch.messageType ?? "LtiResourceLinkRequest";
    const claims: Record<string, unknown> = {
      nonce,
      name: launch.name,
      email: launch.email,
      [`${LTI}/message_type`]: messageType,
      [`${LTI}/version`]: "1.3.0",
      [`${LTI}/deployment_id`]: deploymentId,
      [`${LTI}/target_link_uri`]: launch.targetLinkUri,
      [`${LTI}/roles`]: roles,
      ...(launch.context ? { [`${LTI}/context`]: launch.context } : {}),
      ...(messageType === "LtiResourceLinkRequest" ? { [`${LTI}/resource_link`]: launch.resourceLink ?? { id: "resource-1" } } : {}),
      ...(messageType === "LtiDeepLinkingRequest"
        ? {
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
              deep_link_return_url: `${browserBase}/deep-link-return`,
              accept_types: ["ltiResourceLink"],
              accept_presentation_document_targets: ["iframe", "window"],
              accept_multiple: false,
              accept_lineitem: true,
              data: `opaque-platform-data:${launch.context?.id ?? ""}`,
            },
          }
        : {}),
      ...(launch.context
        ? {
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
              scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
              lineitems: `${base}/contexts/${encodeURIComponent(launch.context.id)}/lineitems`,
            },
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
              context_memberships_url: `${base}/contexts/${encodeURIComponent(launch.context.id)}/memberships`,
              service_versions: ["2.0"],
            },
          }
        : {}),
      ...linkClaims(launch),
      ...launch.extra,
    };
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = launch.tamper === "expired" ? now - 3600 : now;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(browserBase)
      .setAudience(launch.tamper === "wrong-aud" ? "another-tool" : (launch.clientId ?? clientId))
      .setSubject(launch.sub)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 300)
      .sign(launch.tamper === "other-key" ? unpublished.privateKey : key);
  }

  /** A link added by deep linking launches with its custom parameters and its gradebook column. */
  function linkClaims(launch: PlannedLaunch): Record<string, unknown> {
    const link = links.find((l) => l.id === launch.resourceLink?.id && l.contextId === launch.context?.id);
    if (!link) return {};
    return {
      ...(link.custom ? { [`${LTI}/custom`]: link.custom } : {}),
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        lineitems: `${base}/contexts/${encodeURIComponent(link.contextId)}/lineitems`,
        ...(link.lineItem ? { lineitem: link.lineItem.url } : {}),
      },
    };
  }

  /** The tool's Deep Linking response: checked, then its items become the course's links. */
  async function deepLinkReturn(request: IncomingMessage, response: ServerResponse) {
    const jwt = new URLSearchParams(await readBody(request)).get("JWT") ?? "";
    if (!tool) return send(response, 400, { error: "no tool registered" });
    const result = await receiveDeepLinks(jwt, {
      jwksUrl: tool.jwksUrl,
      clientIds: [...clientIds],
      issuer: browserBase,
      deploymentId,
      base,
      links,
    });
    if (!result.ok)
      return send(
        response,
        400,
        `<!doctype html><title>Refused</title><h1>Deep linking refused</h1><p>${escapeHtml(result.problem)}</p>`,
        "text/html; charset=utf-8",
      );
    recorded.deepLinks.push(result.response);
    const list = result.added.map((l) => `<li>${escapeHtml(l.title ?? l.url)}${l.lineItem ? " (graded)" : ""}</li>`).join("");
    send(
      response,
      200,
      `<!doctype html><title>Course site</title><h1>Added to the course</h1><ul>${list}</ul>`,
      "text/html; charset=utf-8",
    );
  }

  /** OIDC authentication request (LTI Security Framework 1.0 §5.1.1.2): checks it as a platform must, then posts the id_token. */
  async function auth(url: URL, response: ServerResponse) {
    const q = Object.fromEntries(url.searchParams);
    const problems = [
      q.scope !== "openid" && "scope",
      q.response_type !== "id_token" && "response_type",
      q.response_mode !== "form_post" && "response_mode",
      q.prompt !== "none" && "prompt",
      q.client_id !== (planned.get(q.login_hint ?? "")?.clientId ?? clientId) && "client_id",
      !tool?.redirectUris.includes(q.redirect_uri ?? "") && "redirect_uri",
      !q.state && "state",
      !q.nonce && "nonce",
    ].filter(Boolean);
    const launch = planned.get(q.login_hint ?? "");
    if (problems.length || !launch || q.lti_message_hint !== q.login_hint) {
      return send(response, 400, { error: "invalid_request", problems, knownHint: Boolean(launch) });
    }
    recorded.logins.push({
      clientId: q.client_id!,
      redirectUri: q.redirect_uri!,
      loginHint: q.login_hint!,
      state: q.state!,
      nonce: q.nonce!,
    });
    const token = await idToken(launch, q.nonce!, privateKey);
    lastPost = { idToken: token, state: q.state!, redirectUri: q.redirect_uri! };
    send(response, 200, autoPost(q.redirect_uri!, { id_token: token, state: q.state! }), "text/html; charset=utf-8");
  }

  /** Client credentials with a JWT bearer assertion signed by the tool (LTI Security Framework §4.1). */
  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = new URLSearchParams(await readBody(request));
    if (form.get("grant_type") !== "client_credentials") return send(response, 400, { error: "unsupported_grant_type" });
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return send(response, 400, { error: "invalid_request" });
    if (!tool) return send(response, 401, { error: "invalid_client" });
    // Any client ID the tool is registered under here (each test registers its own); iss = sub = it.
    let client: string;
    try {
      const { payload } = await jwtVerify(form.get("client_assertion") ?? "", createRemoteJWKSet(new URL(tool.jwksUrl)), {
        issuer: [...clientIds],
        audience: `${base}/token`,
        requiredClaims: ["jti", "iat", "exp", "sub"],
      });
      if (payload.sub !== payload.iss) throw new Error("sub is not the client ID");
      client = payload.iss!;
    } catch {
      const claimed = (() => {
        try {
          return decodeJwt(form.get("client_assertion") ?? "").iss;
        } catch {
          return undefined;
        }
      })();
      return send(response, 401, { error: "invalid_client", error_description: `assertion refused (iss ${claimed ?? "unreadable"})` });
    }
    const scope = form.get("scope") ?? "";
    const accessToken = randomUUID();
    accessTokens.set(accessToken, scope);
    recorded.tokens.push({ scope, clientId: client });
    send(response, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 3600, scope });
  }

  function bearerScopes(request: IncomingMessage): string[] | null {
    const header = request.headers.authorization ?? "";
    const scope = header.startsWith("Bearer ") ? accessTokens.get(header.slice(7)) : undefined;
    return scope === undefined ? null : scope.split(" ");
  }

  const services = createServices({ base: () => base, scopesOf: bearerScopes, readBody, send, record: recorded, members, links });

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", base);
      const path = url.pathname;
      if (!path.startsWith("/__test/") && services.failed(request, url, response)) return;
      if (request.method === "GET" && path === "/jwks") return send(response, 200, jwks);
      if (request.method === "GET" && path === "/auth") return auth(url, response);
      if (request.method === "GET" && path === "/course/launch") return coursePage(url, response);
      if (request.method === "GET" && path === "/course/frame")
        return send(response, 200, framePage(url.searchParams.get("src") ?? "about:blank"), "text/html; charset=utf-8");
      if (request.method === "POST" && path === "/deep-link-return") return deepLinkReturn(request, response);
      if (path.startsWith("/__test/")) return control(request, path, response);
      if (request.method === "POST" && path === "/token") return token(request, response);
      if (await services.handle(request, url, response)) return;
      send(response, 404, { error: "not found" });
    })().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${bound}`;
  browserBase = `http://${browserHost}:${bound}`;

  /** What a tool registers for this platform: the browser's addresses on browserHost, the server's on 127.0.0.1. */
  function registration() {
    return {
      issuer: browserBase,
      clientId,
      deploymentId,
      authUrl: `${browserBase}/auth`,
      tokenUrl: `${base}/token`,
      jwksUrl: `${base}/jwks`,
    };
  }

  return {
    url: base,
    ...registration(),
    members,
    setMembers: services.setMembers,
    fail: services.fail,
    recorded,
    get lastPost() {
      return lastPost;
    },
    plan,
    registerTool(registration) {
      tool = registration;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  function plan(launch: PlannedLaunch) {
    if (launch.clientId) clientIds.add(launch.clientId);
    const hint = randomUUID();
    planned.set(hint, launch);
    return {
      iss: browserBase,
      login_hint: hint,
      target_link_uri: launch.targetLinkUri,
      lti_message_hint: hint,
      client_id: clientId,
      lti_deployment_id: deploymentId,
    };
  }

  /** A course page framing `src` (GET /course/frame?src=: a test shows who may frame the tool). */
  function framePage(src: string): string {
    return `<!doctype html><html><head><title>Course site</title></head><body><h1>Course site</h1><iframe title="Lesson Lab activity" src="${escapeHtml(src)}" style="width:100%;height:900px;border:0"></iframe></body></html>`;
  }

  /** The LMS page a student clicks the activity on: it sends the browser to the tool's login initiation URL. */
  function coursePage(url: URL, response: ServerResponse) {
    const hint = url.searchParams.get("hint") ?? "";
    // The activity embedded in the course page, as Moodle and Canvas show it by default.
    if (url.searchParams.get("frame") === "1") {
      const inner = `/course/launch?hint=${encodeURIComponent(hint)}`;
      return send(response, 200, framePage(inner), "text/html; charset=utf-8");
    }
    const launch = planned.get(hint);
    if (!launch || !tool?.loginUrl) return send(response, 404, { error: "no such launch planned, or no tool registered with a login URL" });
    const params = {
      iss: browserBase,
      login_hint: hint,
      target_link_uri: launch.targetLinkUri,
      lti_message_hint: hint,
      client_id: launch.clientId ?? clientId,
      lti_deployment_id: deploymentId,
    };
    send(response, 200, autoPost(tool.loginUrl, params), "text/html; charset=utf-8");
  }

  /**
   * For tests driving a browser: POST /__test/tool (the tool's URLs), POST /__test/plan (a launch;
   * answers with the course page to open), GET /__test/replay (posts the last id_token again),
   * GET /__test/info (what to register), GET /__test/recorded, POST /__test/fail (a FailureRule:
   * the next `times` requests whose path and query contain `path` get `status`), POST
   * /__test/members ({ context, members }: a course's roster).
   */
  async function control(request: IncomingMessage, path: string, response: ServerResponse) {
    if (request.method === "POST" && path === "/__test/tool") {
      tool = JSON.parse(await readBody(request)) as ToolRegistration;
      for (const id of tool.clientIds ?? []) clientIds.add(id);
      return send(response, 200, { ok: true });
    }
    if (request.method === "POST" && path === "/__test/plan") {
      const params = plan(JSON.parse(await readBody(request)) as PlannedLaunch);
      return send(response, 200, { params, coursePage: `${browserBase}/course/launch?hint=${encodeURIComponent(params.login_hint)}` });
    }
    if (request.method === "GET" && path === "/__test/replay") {
      if (!lastPost) return send(response, 404, { error: "nothing posted yet" });
      return send(
        response,
        200,
        autoPost(lastPost.redirectUri, { id_token: lastPost.idToken, state: lastPost.state }),
        "text/html; charset=utf-8",
      );
    }
    if (request.method === "GET" && path === "/__test/info") return send(response, 200, registration());
    if (request.method === "GET" && path === "/__test/recorded")
      return send(response, 200, { ...recorded, lastPost, links, failures: services.failures() });
    if (request.method === "POST" && path === "/__test/fail") {
      const rule = JSON.parse(await readBody(request)) as FailureRule;
      if (typeof rule.path !== "string" || !Number.isInteger(rule.status) || !Number.isInteger(rule.times)) {
        return send(response, 400, { error: "expected { path, status, times, retryAfter? }" });
      }
      services.fail(rule);
      return send(response, 200, { ok: true });
    }
    if (request.method === "POST" && path === "/__test/members") {
      const { context, members: list } = JSON.parse(await readBody(request)) as { context: string; members: Member[] };
      services.setMembers(context, list);
      return send(response, 200, { ok: true });
    }
    send(response, 404, { error: "no such control" });
  }
}
