import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";

// An LTI 1.3 platform (an LMS) for tests, as test/ollama-double is an Ollama: it performs the OIDC
// third-party initiated login the way Moodle and Canvas do (the tool sends the browser to /auth, the
// platform answers with a form that posts a signed id_token and the state to the tool's redirect
// URL), serves its JWKS, issues client-credentials tokens to a tool that signs its assertion with
// its own key, and records Assignment and Grade Services scores and Names and Role Provisioning
// calls. Message shapes follow 1EdTech LTI Core 1.3, Deep Linking 2.0, AGS 2.0 and NRPS 2.0
// (docs/lti-design.md). Nothing here is trusted by the app: it is what a real platform would do.

const LTI = "https://purl.imsglobal.org/spec/lti/claim";
const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
export const SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";

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
};

export type Recorded = {
  logins: { clientId: string; redirectUri: string; loginHint: string; state: string; nonce: string }[];
  tokens: { scope: string; clientId: string }[];
  scores: { lineItem: string; contentType: string; body: unknown }[];
  memberships: { context: string }[];
};

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
  /** the tool's redirect URLs the platform accepts, and the tool's JWKS for its client assertions */
  registerTool(tool: { redirectUris: string[]; jwksUrl: string }): void;
  members: { user_id: string; name?: string; email?: string; roles: string[]; status?: "Active" | "Inactive" }[];
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

export async function startLtiPlatformDouble({
  port = 0,
  clientId = "lesson-lab-tool",
  deploymentId = "deployment-1",
} = {}): Promise<LtiPlatformDouble> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `platform-${randomUUID().slice(0, 8)}`;
  const jwks: { keys: JWK[] } = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };
  const planned = new Map<string, PlannedLaunch>();
  const accessTokens = new Map<string, string>();
  const recorded: Recorded = { logins: [], tokens: [], scores: [], memberships: [] };
  let tool: { redirectUris: string[]; jwksUrl: string } | null = null;
  const members: LtiPlatformDouble["members"] = [];
  let base = "";

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
              deep_link_return_url: `${base}/deep-link-return`,
              accept_types: ["ltiResourceLink"],
              accept_presentation_document_targets: ["iframe", "window"],
              accept_multiple: false,
              accept_lineitem: true,
              data: "opaque-platform-data",
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
      ...launch.extra,
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(base)
      .setAudience(clientId)
      .setSubject(launch.sub)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
  }

  /** OIDC authentication request (LTI Security Framework 1.0 §5.1.1.2): checks it as a platform must, then posts the id_token. */
  async function auth(url: URL, response: ServerResponse) {
    const q = Object.fromEntries(url.searchParams);
    const problems = [
      q.scope !== "openid" && "scope",
      q.response_type !== "id_token" && "response_type",
      q.response_mode !== "form_post" && "response_mode",
      q.prompt !== "none" && "prompt",
      q.client_id !== clientId && "client_id",
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
    const form = `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(q.redirect_uri!)}">
<input type="hidden" name="id_token" value="${escapeHtml(token)}"><input type="hidden" name="state" value="${escapeHtml(q.state!)}">
<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
    send(response, 200, form, "text/html; charset=utf-8");
  }

  /** Client credentials with a JWT bearer assertion signed by the tool (LTI Security Framework §4.1). */
  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = new URLSearchParams(await readBody(request));
    if (form.get("grant_type") !== "client_credentials") return send(response, 400, { error: "unsupported_grant_type" });
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return send(response, 400, { error: "invalid_request" });
    if (!tool) return send(response, 401, { error: "invalid_client" });
    try {
      await jwtVerify(form.get("client_assertion") ?? "", createRemoteJWKSet(new URL(tool.jwksUrl)), {
        issuer: clientId,
        subject: clientId,
        audience: `${base}/token`,
        requiredClaims: ["jti", "iat", "exp"],
      });
    } catch {
      return send(response, 401, { error: "invalid_client" });
    }
    const scope = form.get("scope") ?? "";
    const accessToken = randomUUID();
    accessTokens.set(accessToken, scope);
    recorded.tokens.push({ scope, clientId });
    send(response, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 3600, scope });
  }

  function bearerScopes(request: IncomingMessage): string[] | null {
    const header = request.headers.authorization ?? "";
    const scope = header.startsWith("Bearer ") ? accessTokens.get(header.slice(7)) : undefined;
    return scope === undefined ? null : scope.split(" ");
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", base);
      const path = url.pathname;
      if (request.method === "GET" && path === "/jwks") return send(response, 200, jwks);
      if (request.method === "GET" && path === "/auth") return auth(url, response);
      if (request.method === "POST" && path === "/token") return token(request, response);
      const scores = /^\/contexts\/([^/]+)\/lineitems\/([^/]+)\/scores$/.exec(path);
      if (request.method === "POST" && scores) {
        if (!bearerScopes(request)?.includes("https://purl.imsglobal.org/spec/lti-ags/scope/score"))
          return send(response, 401, { error: "unauthorized" });
        const contentType = request.headers["content-type"] ?? "";
        if (contentType !== SCORE_MEDIA_TYPE) return send(response, 415, { error: `expected ${SCORE_MEDIA_TYPE}` });
        recorded.scores.push({
          lineItem: `${base}/contexts/${scores[1]}/lineitems/${scores[2]}`,
          contentType,
          body: JSON.parse(await readBody(request)),
        });
        return send(response, 204, "");
      }
      const roster = /^\/contexts\/([^/]+)\/memberships$/.exec(path);
      if (request.method === "GET" && roster) {
        if (!bearerScopes(request)?.includes("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")) {
          return send(response, 401, { error: "unauthorized" });
        }
        const context = decodeURIComponent(roster[1]!);
        recorded.memberships.push({ context });
        response.writeHead(200, { "Content-Type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" });
        return response.end(JSON.stringify({ id: `${base}${path}`, context: { id: context }, members }));
      }
      send(response, 404, { error: "not found" });
    })().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    issuer: base,
    clientId,
    deploymentId,
    authUrl: `${base}/auth`,
    tokenUrl: `${base}/token`,
    jwksUrl: `${base}/jwks`,
    members,
    recorded,
    plan(launch) {
      const hint = randomUUID();
      planned.set(hint, launch);
      return {
        iss: base,
        login_hint: hint,
        target_link_uri: launch.targetLinkUri,
        lti_message_hint: hint,
        client_id: clientId,
        lti_deployment_id: deploymentId,
      };
    },
    registerTool(registration) {
      tool = registration;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
