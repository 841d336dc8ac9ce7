import "server-only";
import { randomBytes } from "node:crypto";
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AppError } from "@/lib/app-error";
import { classRoleOf, launchClaimsSchema, LTI_CLAIM, type LaunchClaims, type LtiClassRole } from "@/lib/lti/claims";
import { db } from "@/lib/db";
import { LAUNCH_FAILURES, type LaunchFailure } from "@/lib/lti/launch-failures";

// LTI 1.3 launches (1EdTech Security Framework §5.1: OpenID Connect third-party initiated login):
// 1. the platform sends the browser to the tool's login initiation URL (startLogin): the tool
//    remembers a fresh state and nonce and sends the browser to the platform's OIDC auth URL;
// 2. the platform posts an id_token and the state back to the tool's redirect URL (completeLaunch):
//    the tool checks the token against the platform's JWKS (signature, iss, aud, azp, exp, iat), that
//    its nonce is the one it sent, that the login is used once and is fresh, and that the deployment
//    is one it knows; then reads the LTI claims.

/** how long a login may take between the tool's redirect and the platform's post back */
export const LOGIN_TTL_MS = 10 * 60 * 1000;
/** the clock difference tolerated between the platform and this server */
const CLOCK_TOLERANCE_S = 60;

export type LtiPlatformRow = { id: string; issuer: string; clientId: string; authUrl: string; jwksUrl: string; deploymentIds: string };

export type VerifiedLaunch = {
  platformId: string;
  claims: LaunchClaims;
  role: LtiClassRole;
  payload: JWTPayload;
  /** where the login said the launch goes (checked against the token's own target when it has one) */
  target: string;
};

export class LaunchError extends AppError {
  constructor(
    readonly failure: LaunchFailure,
    detail?: string,
  ) {
    const reason = `${LAUNCH_FAILURES[failure].says}${detail ? `: ${detail}` : ""}`;
    super("LTI_LAUNCH_INVALID", `This launch from your course site could not be verified (${reason}), so nobody was signed in.`);
  }
}

const token = () => randomBytes(32).toString("base64url");

const remoteKeys = new Map<string, JWTVerifyGetKey>();
/** The platform's public keys, fetched from its JWKS URL and cached by jose (refetched for an unknown kid). */
function platformKeys(platform: LtiPlatformRow): JWTVerifyGetKey {
  let keys = remoteKeys.get(platform.jwksUrl);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(platform.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    remoteKeys.set(platform.jwksUrl, keys);
  }
  return keys;
}

export type LoginRequest = {
  iss: string;
  login_hint: string;
  target_link_uri: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
};

/**
 * Step 1: the platform's login initiation. Returns where to send the browser (the platform's auth
 * URL with the OIDC parameters) and the state, which the route also keeps in a cookie so the launch
 * must come back to the browser that started it.
 */
export async function startLogin(request: LoginRequest, redirectUri: string, now = new Date()): Promise<{ url: string; state: string }> {
  const platforms = await db.ltiPlatform.findMany({
    where: { issuer: request.iss, ...(request.client_id ? { clientId: request.client_id } : {}) },
    take: 2,
  });
  if (platforms.length !== 1) throw new AppError("LTI_PLATFORM_UNKNOWN");
  const platform = platforms[0]!;
  const state = token();
  const nonce = token();
  await db.ltiLogin.create({
    data: {
      state,
      nonce,
      platformId: platform.id,
      targetLinkUri: request.target_link_uri,
      loginHint: request.login_hint,
      messageHint: request.lti_message_hint ?? null,
      deploymentId: request.lti_deployment_id ?? null,
      createdAt: now,
    },
  });
  const url = new URL(platform.authUrl);
  const params: Record<string, string> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: redirectUri,
    login_hint: request.login_hint,
    state,
    nonce,
    ...(request.lti_message_hint ? { lti_message_hint: request.lti_message_hint } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { url: url.toString(), state };
}

/**
 * Step 2: the platform's post back. `cookieState` is the state this browser was given at step 1
 * (null when the browser sent no cookie: the route then offers to open the tool in a new window).
 * Every check failing gives a LaunchError that says which, and nothing is signed in.
 */
export async function completeLaunch(
  input: { idToken: string; state: string; cookieState: string | null },
  options: { now?: Date; keysFor?: (platform: LtiPlatformRow) => JWTVerifyGetKey } = {},
): Promise<VerifiedLaunch> {
  const now = options.now ?? new Date();
  if (!input.cookieState || input.cookieState !== input.state) throw new LaunchError("no-cookie");
  const login = await db.ltiLogin.findUnique({ where: { state: input.state }, include: { platform: true } });
  if (!login) throw new LaunchError("unknown-login");
  if (login.usedAt) throw new LaunchError("used");
  if (now.getTime() - login.createdAt.getTime() > LOGIN_TTL_MS) throw new LaunchError("slow");
  const platform = login.platform;

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(input.idToken, (options.keysFor ?? platformKeys)(platform), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ["RS256"],
      requiredClaims: ["iat", "exp", "sub", "nonce"],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: now,
    }));
  } catch (error) {
    throw new LaunchError("token-invalid", (error as { code?: string }).code ?? "invalid");
  }
  // With several audiences, azp must name this tool (OIDC Core §3.1.3.7); when present it must anyway.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) throw new LaunchError("not-this-tool", "azp");
  if (payload.nonce !== login.nonce) throw new LaunchError("nonce");

  // Used once: of two posts with the same login, one wins.
  const { count } = await db.ltiLogin.updateMany({ where: { state: login.state, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw new LaunchError("used");

  const parsed = launchClaimsSchema.safeParse(payload);
  if (!parsed.success) throw new LaunchError("claims", parsed.error.issues[0]?.path.join(".") ?? "?");
  const claims = parsed.data;
  // The target is the one the login named (LTI Core 1.3 §5.1.2.1: a resource link launch carries
  // it, and it must match): a token minted for one link cannot be replayed to open another.
  const target = claims[LTI_CLAIM.targetLinkUri];
  const isResourceLink = claims[LTI_CLAIM.messageType] === "LtiResourceLinkRequest";
  if ((isResourceLink || target !== undefined) && target !== login.targetLinkUri) {
    throw new LaunchError("target");
  }
  const deployments = JSON.parse(platform.deploymentIds) as string[];
  if (!deployments.includes(claims[LTI_CLAIM.deploymentId])) throw new LaunchError("deployment");
  const role = classRoleOf(claims[LTI_CLAIM.roles]);
  if (!role) throw new LaunchError("role");
  return { platformId: platform.id, claims, role, payload, target: login.targetLinkUri };
}

/**
 * "Open in a new window": a launch came back without its cookie (a browser that blocks cookies in
 * the course site's frame), so the same login starts again at the top level from the hints the
 * platform sent. Once per login, within its TTL, and never for a login already used; the platform
 * decides again who is signed in, so a copied link only ever signs its holder in as themselves.
 * Null when it cannot.
 */
export async function relaunchLogin(state: string, redirectUri: string, now = new Date()): Promise<{ url: string; state: string } | null> {
  const login = await db.ltiLogin.findUnique({ where: { state }, include: { platform: true } });
  if (!login?.loginHint || login.usedAt || now.getTime() - login.createdAt.getTime() > LOGIN_TTL_MS) return null;
  const { count } = await db.ltiLogin.updateMany({ where: { state, relaunchedAt: null, usedAt: null }, data: { relaunchedAt: now } });
  if (count !== 1) return null;
  return startLogin(
    {
      iss: login.platform.issuer,
      client_id: login.platform.clientId,
      login_hint: login.loginHint,
      target_link_uri: login.targetLinkUri,
      ...(login.messageHint ? { lti_message_hint: login.messageHint } : {}),
      ...(login.deploymentId ? { lti_deployment_id: login.deploymentId } : {}),
    },
    redirectUri,
    now,
  );
}

/** Logins older than the TTL are of no use any more. */
export async function pruneLogins(now = new Date()): Promise<number> {
  const { count } = await db.ltiLogin.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_TTL_MS) } } });
  return count;
}
