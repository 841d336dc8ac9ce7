import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { classRoleOf, LTI_CLAIM } from "@/lib/lti/claims";
import { completeLaunch, LOGIN_TTL_MS, relaunchLogin, startLogin } from "@/lib/lti/data/launch";

// LTI 1.3 launches against a platform whose keys the test holds: the OIDC login, then every check
// of the id_token the issue names (signature, iss, aud, azp, exp, iat, nonce used once, deployment
// known), each refused with its reason.

const REDIRECT = "https://lab.example.test/api/lti/launch";
const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
let platformKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  platformKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "platform-1", alg: "RS256" }] };
  otherKey = (await generateKeyPair("RS256")).privateKey;
});

const keysFor = () => createLocalJWKSet(jwks);

async function platform() {
  const issuer = `https://lms-${randomUUID().slice(0, 8)}.example.test`;
  return db.ltiPlatform.create({
    data: {
      name: "Moodle",
      issuer,
      clientId: "tool-client",
      authUrl: `${issuer}/mod/lti/auth.php`,
      tokenUrl: `${issuer}/mod/lti/token.php`,
      jwksUrl: `${issuer}/mod/lti/certs.php`,
      deploymentIds: JSON.stringify(["dep-1"]),
    },
  });
}

type Platform = Awaited<ReturnType<typeof platform>>;

function claims(p: Platform, nonce: string, extra: Record<string, unknown> = {}) {
  return {
    iss: p.issuer,
    nonce,
    sub: "lms-user-42",
    name: "Ada Lovelace",
    [LTI_CLAIM.messageType]: "LtiResourceLinkRequest",
    [LTI_CLAIM.version]: "1.3.0",
    [LTI_CLAIM.deploymentId]: "dep-1",
    [LTI_CLAIM.targetLinkUri]: "https://lab.example.test/lessons/local-qwen-vl",
    [LTI_CLAIM.resourceLink]: { id: "rl-1", title: "Lesson" },
    [LTI_CLAIM.roles]: [`${MEMBERSHIP}#Instructor`],
    [LTI_CLAIM.context]: { id: "course-7", title: "Vision models" },
    ...extra,
  };
}

async function idToken(
  p: Platform,
  nonce: string,
  options: { extra?: Record<string, unknown>; key?: CryptoKey; aud?: string | string[]; exp?: string | number; iat?: boolean } = {},
) {
  let jwt = new SignJWT(claims(p, nonce, options.extra))
    .setProtectedHeader({ alg: "RS256", kid: "platform-1" })
    .setAudience(options.aud ?? p.clientId)
    .setExpirationTime(options.exp ?? "5m");
  if (options.iat !== false) jwt = jwt.setIssuedAt();
  return jwt.sign(options.key ?? platformKey);
}

/** A login started as the platform would start it, with the nonce the tool sent. */
async function login(p: Platform) {
  const { url, state } = await startLogin(
    { iss: p.issuer, login_hint: "hint-1", target_link_uri: "https://lab.example.test/lessons/local-qwen-vl", lti_message_hint: "m-1" },
    REDIRECT,
  );
  return { url: new URL(url), state, nonce: new URL(url).searchParams.get("nonce")! };
}

describe("an LTI 1.3 launch", () => {
  it("logs in with the OIDC parameters the platform expects, then accepts a good id_token once", async () => {
    const p = await platform();
    const { url, state, nonce } = await login(p);
    expect(url.origin + url.pathname).toBe(p.authUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: "tool-client",
      redirect_uri: REDIRECT,
      login_hint: "hint-1",
      lti_message_hint: "m-1",
      state,
      nonce,
    });
    expect(state).not.toBe(nonce);
    const token = await idToken(p, nonce);
    const launch = await completeLaunch({ idToken: token, state, cookieState: state }, { keysFor });
    expect(launch.role).toBe("INSTRUCTOR");
    expect(launch.claims.sub).toBe("lms-user-42");
    expect(launch.claims[LTI_CLAIM.context]?.id).toBe("course-7");
    // the same post again (a replay) is refused
    await expect(completeLaunch({ idToken: token, state, cookieState: state }, { keysFor })).rejects.toThrow(/already used/);
  });

  it("lets one of two simultaneous posts of the same launch through", async () => {
    const p = await platform();
    const { state, nonce } = await login(p);
    const token = await idToken(p, nonce);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => completeLaunch({ idToken: token, state, cookieState: state }, { keysFor })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  const refusals: [string, (p: Platform, nonce: string) => Promise<string>, RegExp][] = [
    ["an expired token", (p, n) => idToken(p, n, { exp: Math.floor(Date.now() / 1000) - 120 }), /ERR_JWT_EXPIRED/],
    ["a token signed by another key", (p, n) => idToken(p, n, { key: otherKey }), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
    ["a token for another tool", (p, n) => idToken(p, n, { aud: "someone-else" }), /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ["a token from another issuer", (p, n) => idToken(p, n, { extra: { iss: "https://evil.example.test" } }), /failed its checks/],
    ["a token without iat", (p, n) => idToken(p, n, { iat: false }), /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ["several audiences without azp", (p, n) => idToken(p, n, { aud: ["tool-client", "other"] }), /azp/],
    ["an azp naming another tool", (p, n) => idToken(p, n, { extra: { azp: "other" } }), /azp/],
    ["another nonce", (p) => idToken(p, "not-the-nonce"), /nonce/],
    ["an unknown deployment", (p, n) => idToken(p, n, { extra: { [LTI_CLAIM.deploymentId]: "dep-9" } }), /deployment/],
    ["LTI claims missing", (p, n) => idToken(p, n, { extra: { [LTI_CLAIM.version]: "1.1" } }), /claims/],
    ["an observer's role", (p, n) => idToken(p, n, { extra: { [LTI_CLAIM.roles]: [`${MEMBERSHIP}#Mentor`] } }), /role/],
    [
      "another target than the login named",
      (p, n) => idToken(p, n, { extra: { [LTI_CLAIM.targetLinkUri]: "https://lab.example.test/lessons/local-qwen-vl/lab" } }),
      /names another activity/,
    ],
    [
      "a resource link launch without its target",
      (p, n) => idToken(p, n, { extra: { [LTI_CLAIM.targetLinkUri]: undefined } }),
      /names another activity/,
    ],
  ];
  for (const [what, make, reason] of refusals) {
    it(`refuses ${what}, saying why`, async () => {
      const p = await platform();
      const { state, nonce } = await login(p);
      const error = await completeLaunch({ idToken: await make(p, nonce), state, cookieState: state }, { keysFor }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: "LTI_LAUNCH_INVALID", message: expect.stringMatching(reason) });
    });
  }

  it("refuses a launch that comes back to another browser, a stale login, and an unknown platform", async () => {
    const p = await platform();
    const { state, nonce } = await login(p);
    const token = await idToken(p, nonce);
    await expect(completeLaunch({ idToken: token, state, cookieState: null }, { keysFor })).rejects.toThrow(/did not send back the cookie/);
    await expect(completeLaunch({ idToken: token, state, cookieState: "other" }, { keysFor })).rejects.toThrow(
      /did not send back the cookie/,
    );
    const late = new Date(Date.now() + LOGIN_TTL_MS + 60_000);
    await expect(completeLaunch({ idToken: token, state, cookieState: state }, { keysFor, now: late })).rejects.toThrow(/too long/);
    await expect(
      startLogin({ iss: "https://unknown.example.test", login_hint: "x", target_link_uri: "https://lab.example.test/" }, REDIRECT),
    ).rejects.toMatchObject({
      code: "LTI_PLATFORM_UNKNOWN",
    });
    // the refusals above used nothing up: the launch still works
    expect((await completeLaunch({ idToken: token, state, cookieState: state }, { keysFor })).role).toBe("INSTRUCTOR");
  });
});

describe("opening a launch in a new window", () => {
  it("starts a login whose cookie was lost again from the platform's hints, once, never once used or stale", async () => {
    const p = await platform();
    const { state } = await login(p);
    const again = (await relaunchLogin(state, REDIRECT))!;
    expect(again.state).not.toBe(state);
    const url = new URL(again.url);
    expect(url.origin + url.pathname).toBe(p.authUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ login_hint: "hint-1", lti_message_hint: "m-1", redirect_uri: REDIRECT });
    expect(await relaunchLogin(state, REDIRECT)).toBeNull();

    const stale = await login(p);
    expect(await relaunchLogin(stale.state, REDIRECT, new Date(Date.now() + LOGIN_TTL_MS + 1000))).toBeNull();
    const used = await login(p);
    await completeLaunch({ idToken: await idToken(p, used.nonce), state: used.state, cookieState: used.state }, { keysFor });
    expect(await relaunchLogin(used.state, REDIRECT)).toBeNull();
    expect(await relaunchLogin("no-such-state", REDIRECT)).toBeNull();
  });
});

describe("course roles", () => {
  it("map Instructor and TeachingAssistant to instructors, Learner to students, anything else to nobody", () => {
    expect(classRoleOf([`${MEMBERSHIP}#Instructor`])).toBe("INSTRUCTOR");
    expect(classRoleOf([`${MEMBERSHIP}/Instructor#TeachingAssistant`])).toBe("INSTRUCTOR");
    expect(classRoleOf(["Learner"])).toBe("STUDENT");
    expect(classRoleOf([`${MEMBERSHIP}#Learner`, `${MEMBERSHIP}#Instructor`])).toBe("INSTRUCTOR");
    expect(classRoleOf([`${MEMBERSHIP}#Mentor`, "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"])).toBeNull();
    expect(classRoleOf([])).toBeNull();
  });
});
