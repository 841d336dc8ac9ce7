import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { env } from "@/lib/env";
import { activeSigningKey, LTI_ALG } from "@/lib/lti/data/keys";
import { callPlatform, jsonOf, PlatformCallError, type PlatformAnswer } from "@/lib/lti/data/platform-call";
import { callableUrl } from "@/lib/lti/url-guard";

// The tool's access tokens for a course site's services (1EdTech Security Framework 1.0 §4.1: the
// OAuth 2 client credentials grant with a JWT bearer assertion, RFC 7523). The assertion is signed
// by the tool's active key, which the platform checks against the JWKS the tool publishes; `iss` and
// `sub` are the client ID the platform gave the tool, `aud` its token URL. The form is
// application/x-www-form-urlencoded: Moodle's mod/lti/token.php reads nothing else. A token is kept
// per registration and scope until a minute before it expires, and one request is made for many
// callers asking at once.

export type TokenPlatform = { id: string; clientId: string; tokenUrl: string };

/** a token is not used in its last minute: a call made with it might arrive after it expired */
const EXPIRY_MARGIN_MS = 60_000;
const ASSERTION_LIFETIME_S = 5 * 60;
/** what a platform that names no lifetime is taken to mean (Moodle says 3600) */
const DEFAULT_LIFETIME_S = 3600;

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1).max(10_000),
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", "a bearer token"),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

type Kept = { token: string; expiresAt: number };
// On globalThis: Next bundles the worker (instrumentation) and the routes separately.
const shared = globalThis as unknown as { lessonLabLtiTokens?: { kept: Map<string, Kept>; asking: Map<string, Promise<Kept>> } };
const tokens = (shared.lessonLabLtiTokens ??= { kept: new Map(), asking: new Map() });

const keyOf = (platform: TokenPlatform, scope: string) => [platform.id, platform.clientId, platform.tokenUrl, scope].join("\n");

/** The signed assertion: who the tool is, for this token URL, once (jti). */
export async function clientAssertion(platform: TokenPlatform, now = new Date()): Promise<string> {
  const key = await activeSigningKey();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: LTI_ALG, kid: key.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

async function requestToken(platform: TokenPlatform, scope: string, now: Date): Promise<Kept> {
  const url = callableUrl(platform.tokenUrl, { allowHttp: env.LTI_ALLOW_HTTP });
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await clientAssertion(platform, now),
    scope,
  });
  const what = "The course site's token endpoint";
  const answer = await callPlatform(what, url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: body.toString(),
  });
  if (answer.status !== 200) throw PlatformCallError.fromAnswer(what, answer, now);
  const parsed = tokenAnswerSchema.safeParse(jsonOf(what, answer));
  if (!parsed.success) throw new PlatformCallError(what, answer.status, "the answer is not an OAuth 2 bearer token");
  const lifetime = parsed.data.expires_in ?? DEFAULT_LIFETIME_S;
  return { token: parsed.data.access_token, expiresAt: now.getTime() + lifetime * 1000 - EXPIRY_MARGIN_MS };
}

/**
 * A bearer token for `scope` (space-separated scopes) from this registration's token URL: the kept
 * one while it has more than a minute left, else a new one. `fresh` asks for a new one regardless
 * (the platform refused the kept one with 401). Throws PlatformCallError when the platform refuses.
 */
export async function accessToken(platform: TokenPlatform, scope: string, { fresh = false, now = new Date() } = {}): Promise<string> {
  const key = keyOf(platform, scope);
  const kept = tokens.kept.get(key);
  if (!fresh && kept && kept.expiresAt > now.getTime()) return kept.token;
  let asking = tokens.asking.get(key);
  if (!asking) {
    asking = requestToken(platform, scope, now).finally(() => tokens.asking.delete(key));
    tokens.asking.set(key, asking);
  }
  const got = await asking;
  tokens.kept.set(key, got);
  return got.token;
}

/** Drops the kept token (tests; a registration removed). */
export function forgetAccessTokens(): void {
  tokens.kept.clear();
}

/**
 * A service call with this registration's token for `scope`: a 401 (the kept token expired early
 * or was revoked) gets one more try with a new token; what the second try gets is the answer.
 */
export async function withAccessToken(
  platform: TokenPlatform,
  scope: string,
  call: (token: string) => Promise<PlatformAnswer>,
): Promise<PlatformAnswer> {
  const answer = await call(await accessToken(platform, scope));
  if (answer.status !== 401) return answer;
  return call(await accessToken(platform, scope, { fresh: true }));
}
