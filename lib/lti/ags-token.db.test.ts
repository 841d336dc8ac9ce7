import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accessToken, clientAssertion, forgetAccessTokens } from "@/lib/lti/data/ags-token";
import { publishedJwks } from "@/lib/lti/data/keys";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";

// The tool's access tokens for AGS and NRPS (client credentials with a signed JWT assertion), from
// the platform double's token endpoint, which checks the assertion against the tool's JWKS.

vi.hoisted(() => {
  process.env.LTI_ALLOW_HTTP = "1";
});

let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

const SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
const ROSTER = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

describe("the tool's access tokens", () => {
  it("are asked for with an assertion signed by the active key: iss = sub = client ID, aud = token URL, 5 minutes, a jti", async () => {
    const platform = { id: world.platformId, clientId: world.platform.clientId, tokenUrl: world.platform.tokenUrl };
    const jwt = await clientAssertion(platform);
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(await publishedJwks()), {
      issuer: platform.clientId,
      subject: platform.clientId,
      audience: platform.tokenUrl,
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: expect.any(String), typ: "JWT" });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload.jti).toEqual(expect.any(String));
    expect((await jwtVerify(await clientAssertion(platform), createLocalJWKSet(await publishedJwks()))).payload.jti).not.toBe(payload.jti);
  });

  it("are kept per registration and scope until a minute before they expire, one request for callers asking at once", async () => {
    forgetAccessTokens();
    const platform = { id: world.platformId, clientId: world.platform.clientId, tokenUrl: world.platform.tokenUrl };
    const asked = () => world.platform.recorded.tokens.length;
    const before = asked();
    const now = new Date();
    const [a, b] = await Promise.all([accessToken(platform, SCORE, { now }), accessToken(platform, SCORE, { now })]);
    expect(a).toBe(b);
    expect(asked()).toBe(before + 1);
    // The double's tokens live an hour: kept 59 minutes, then a new one.
    expect(await accessToken(platform, SCORE, { now: new Date(now.getTime() + 58 * 60_000) })).toBe(a);
    const later = await accessToken(platform, SCORE, { now: new Date(now.getTime() + 59 * 60_000 + 1) });
    expect(later).not.toBe(a);
    // Another scope is another token; `fresh` asks again whatever is kept.
    expect(await accessToken(platform, ROSTER, { now })).not.toBe(a);
    expect(await accessToken(platform, SCORE, { now, fresh: true })).not.toBe(later);
    expect(world.platform.recorded.tokens.slice(before).map((t) => t.scope)).toEqual([SCORE, SCORE, ROSTER, SCORE]);
  });

  it("are refused for a client ID the platform does not know, saying what it said", async () => {
    const platform = { id: `${world.platformId}-x`, clientId: "not-registered", tokenUrl: world.platform.tokenUrl };
    await expect(accessToken(platform, SCORE)).rejects.toMatchObject({ code: "LTI_SERVICE_FAILED", answered: 401 });
    const plain = { ...platform, tokenUrl: world.platform.tokenUrl.replace("http://", "ftp://") };
    await expect(accessToken(plain, SCORE)).rejects.toMatchObject({ code: "LTI_URL_REFUSED" });
  });
});
