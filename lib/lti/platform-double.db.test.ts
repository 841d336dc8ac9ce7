import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LTI_CLAIM, type LaunchClaims } from "@/lib/lti/claims";
import { activeSigningKey, LTI_ALG } from "@/lib/lti/data/keys";
import { completeLaunch, startLogin, type VerifiedLaunch } from "@/lib/lti/data/launch";
import { recordLaunchLink } from "@/lib/lti/data/links";
import { accountForLaunch, classForLaunch } from "@/lib/lti/data/provision";
import { instructorScope } from "@/lib/classes/data/scope";
import type { PlannedLaunch } from "@/test/lti-platform-double/server";
import { startLaunchWorld, TOOL_REDIRECT, type LaunchWorld } from "@/test/lti-launch";
import { LINE_ITEM_MEDIA_TYPE, MEMBERS_PER_PAGE, SCORE_MEDIA_TYPE, type LtiPlatformDouble } from "@/test/lti-platform-double/server";

// The LTI platform double against the tool's own login and launch checks: a real OIDC round trip
// (the tool's redirect to the platform, the platform's signed id_token posted back), the platform's
// JWKS fetched over HTTP, and a client-credentials token for the tool's signed assertion with which
// a score and a roster call reach the platform; then what a launch makes: the account and the class.
// The routes that carry these are next (docs/lti-design.md).

const REDIRECT = TOOL_REDIRECT;
let world: LaunchWorld;
let platform: LtiPlatformDouble;
let platformId: string;

beforeAll(async () => {
  world = await startLaunchWorld();
  ({ platform, platformId } = world);
});

afterAll(() => world.close());

/** The browser's part: follow the tool's redirect to the platform and read the form it would post back. */
async function followLogin(loginUrl: string): Promise<{ idToken: string; state: string; action: string }> {
  const html = await (await fetch(loginUrl)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
  return { idToken: field("id_token"), state: field("state"), action: /action="([^"]+)"/.exec(html)?.[1] ?? "" };
}

async function clientToken(scope: string): Promise<Response> {
  const key = await activeSigningKey();
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: LTI_ALG, kid: key.kid })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key.privateKey);
  return fetch(platform.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope,
    }),
  });
}

describe("the LTI platform double", () => {
  it("performs the OIDC login: the tool's checks accept its id_token, with the course, role and services", async () => {
    const initiation = platform.plan({
      sub: "moodle-user-7",
      name: "Ada Lovelace",
      roles: ["Instructor"],
      context: { id: "course-42", title: "Vision models" },
      resourceLink: { id: "link-1", title: "Lab" },
      targetLinkUri: "https://lab.example.test/lessons/local-qwen-vl/lab",
    });
    const { url } = await startLogin(initiation, REDIRECT);
    const posted = await followLogin(url);
    expect(posted.action).toBe(REDIRECT);
    expect(platform.recorded.logins.at(-1)).toMatchObject({ clientId: platform.clientId, redirectUri: REDIRECT, state: posted.state });
    // The platform's keys come from its JWKS URL, over HTTP, as a real launch's would.
    const launch = await completeLaunch({ idToken: posted.idToken, state: posted.state, cookieState: posted.state });
    expect(launch).toMatchObject({ platformId, role: "INSTRUCTOR", claims: { sub: "moodle-user-7", name: "Ada Lovelace" } });
    expect(launch.claims[LTI_CLAIM.context]).toEqual({ id: "course-42", title: "Vision models" });
    expect(launch.claims[LTI_CLAIM.agsEndpoint]?.lineitems).toBe(`${platform.url}/contexts/course-42/lineitems`);
    expect(launch.claims[LTI_CLAIM.nrpsService]?.context_memberships_url).toBe(`${platform.url}/contexts/course-42/memberships`);
  });

  it("refuses what a platform refuses: another redirect URL, an unknown login hint", async () => {
    const initiation = platform.plan({ sub: "s", roles: ["Learner"], targetLinkUri: "https://lab.example.test/lessons/local-qwen-vl" });
    const { url } = await startLogin(initiation, "https://evil.example.test/steal");
    expect((await fetch(url)).status).toBe(400);
    const unknown = new URL(url);
    unknown.searchParams.set("login_hint", "nobody");
    expect((await fetch(unknown)).status).toBe(400);
  });

  it("gives the tool a token for its signed assertion, then takes scores in AGS's media type and serves the roster", async () => {
    platform.members.push({ user_id: "moodle-user-8", name: "Ben", roles: [`http://purl.imsglobal.org/vocab/lis/v2/membership#Learner`] });
    const scoreScope = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    const rosterScope = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    const granted = (await (await clientToken(`${scoreScope} ${rosterScope}`)).json()) as { access_token: string; token_type: string };
    expect(granted.token_type).toBe("Bearer");
    const score = {
      userId: "moodle-user-8",
      scoreGiven: 15,
      scoreMaximum: 18,
      comment: "Every claim has its figure.",
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: new Date().toISOString(),
    };
    const lineItem = `${platform.url}/contexts/course-42/lineitems/item-1/lineitem`;
    const headers = { Authorization: `Bearer ${granted.access_token}` };
    const wrongType = await fetch(`${lineItem}/scores`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(wrongType.status).toBe(415);
    const posted = await fetch(`${lineItem}/scores`, {
      method: "POST",
      headers: { ...headers, "Content-Type": SCORE_MEDIA_TYPE },
      body: JSON.stringify(score),
    });
    expect(posted.status).toBe(204);
    expect(platform.recorded.scores.at(-1)).toEqual({ lineItem, url: `${lineItem}/scores`, contentType: SCORE_MEDIA_TYPE, body: score });
    const roster = await fetch(`${platform.url}/contexts/course-42/memberships`, { headers });
    expect(((await roster.json()) as { members: { user_id: string }[] }).members.map((m) => m.user_id)).toEqual(["moodle-user-8"]);
    expect(platform.recorded.memberships).toEqual([{ context: "course-42", page: 1 }]);

    // An assertion not signed by the tool's key gets no token; a token without the scope gets no roster.
    const forged = await fetch(platform.tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: "not.a.jwt",
        scope: scoreScope,
      }),
    });
    expect(forged.status).toBe(401);
    const scoreOnly = (await (await clientToken(scoreScope)).json()) as { access_token: string };
    const refused = await fetch(`${platform.url}/contexts/course-42/memberships`, {
      headers: { Authorization: `Bearer ${scoreOnly.access_token}` },
    });
    expect(refused.status).toBe(401);
  });

  it("makes line items, refuses a score that is not newer with 409, pages its roster, and fails on request", async () => {
    const scopes = ["score", "lineitem"].map((s) => `https://purl.imsglobal.org/spec/lti-ags/scope/${s}`);
    const roster = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    const { access_token } = (await (await clientToken([...scopes, roster].join(" "))).json()) as { access_token: string };
    const auth = { Authorization: `Bearer ${access_token}` };
    const lineItems = `${platform.url}/contexts/course-7/lineitems?type_id=1`;
    const item = { scoreMaximum: 15, label: "Quiz", resourceId: "quiz:x", resourceLinkId: "r-1", tag: "quiz" };
    const plainJson = await fetch(lineItems, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: "{}" });
    expect(plainJson.status).toBe(415);
    const made = await fetch(lineItems, {
      method: "POST",
      headers: { ...auth, "Content-Type": LINE_ITEM_MEDIA_TYPE },
      body: JSON.stringify(item),
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect(id).toMatch(new RegExp(`^${platform.url}/contexts/course-7/lineitems/made-\\d+/lineitem\\?type_id=1$`));

    const scores = id.replace("/lineitem?", "/lineitem/scores?");
    const post = (timestamp: string) =>
      fetch(scores, {
        method: "POST",
        headers: { ...auth, "Content-Type": SCORE_MEDIA_TYPE },
        body: JSON.stringify({
          userId: "u-1",
          scoreGiven: 3,
          scoreMaximum: 15,
          activityProgress: "Completed",
          gradingProgress: "FullyGraded",
          timestamp,
        }),
      });
    expect((await post("2026-12-08T10:00:00.100Z")).status).toBe(204);
    // The same second again, or earlier: Moodle refuses it.
    expect((await post("2026-12-08T10:00:00.900Z")).status).toBe(409);
    expect((await post("2026-12-08T10:00:01.000Z")).status).toBe(204);
    platform.fail({ path: "/course-7/lineitems/", status: 503, times: 1, retryAfter: 30 });
    const failed = await post("2026-12-08T10:00:05.000Z");
    expect([failed.status, failed.headers.get("retry-after")]).toEqual([503, "30"]);
    expect((await post("2026-12-08T10:00:05.000Z")).status).toBe(204);

    platform.setMembers(
      "course-7",
      [1, 2, 3].map((n) => ({ user_id: `m-${n}`, roles: ["Learner"] })),
    );
    const first = await fetch(`${platform.url}/contexts/course-7/memberships`, {
      headers: { ...auth, Accept: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" },
    });
    expect(((await first.json()) as { members: unknown[] }).members).toHaveLength(MEMBERS_PER_PAGE);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    expect(next).toBe(`${platform.url}/contexts/course-7/memberships?page=2`);
    const last = await fetch(next!, { headers: auth });
    expect(((await last.json()) as { members: { user_id: string }[] }).members.map((m) => m.user_id)).toEqual(["m-3"]);
    expect(last.headers.get("link")).toBeNull();
  });
});

/** A whole launch through the double, verified by the tool. */
const launchAs = (launch: PlannedLaunch): Promise<VerifiedLaunch> => world.launchAs(launch);

describe("what a launch makes", () => {
  const target = "https://lab.example.test/lessons/local-qwen-vl/lab";
  const course = (id: string) => ({ id, title: `Vision models ${id}` });

  it("an account per LMS person, by platform and subject, never by email; the course becomes a class with its roles", async () => {
    const contextId = `course-${randomUUID().slice(0, 6)}`;
    const teacher = await launchAs({
      sub: `t-${contextId}`,
      name: "Ines",
      email: "ines@school.test",
      roles: ["Instructor"],
      context: course(contextId),
      targetLinkUri: target,
    });
    const ines = await accountForLaunch(teacher);
    expect(ines).toMatchObject({ name: "Ines", role: "INSTRUCTOR" });
    expect(ines.email).toMatch(/^lti-[0-9a-f]{24}@accounts\.invalid$/);
    const made = await classForLaunch(teacher, ines.id);
    expect(made?.name).toBe(`Vision models ${contextId}`);
    expect((await instructorScope(ines)).taughtIds).toEqual([made!.id]);

    // A learner with the teacher's email claim is someone else: matched by subject only.
    const learner = await launchAs({
      sub: `l-${contextId}`,
      name: "Lu",
      email: "ines@school.test",
      roles: ["Learner"],
      context: course(contextId),
      targetLinkUri: target,
    });
    const lu = await accountForLaunch(learner);
    expect(lu.id).not.toBe(ines.id);
    expect(lu.role).toBe("STUDENT");
    expect(await classForLaunch(learner, lu.id)).toEqual(made);
    // Launching again finds the same account and class, and adds nobody twice.
    const again = await launchAs({ sub: `l-${contextId}`, roles: ["Learner"], context: course(contextId), targetLinkUri: target });
    expect((await accountForLaunch(again)).id).toBe(lu.id);
    await classForLaunch(again, lu.id);
    const members = await db.classMember.findMany({ where: { classId: made!.id }, orderBy: { role: "asc" } });
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [ines.id, "INSTRUCTOR"],
      [lu.id, "STUDENT"],
    ]);
    // The teacher launching as a learner (student view) stays the class's instructor.
    const studentView = await launchAs({ sub: `t-${contextId}`, roles: ["Learner"], context: course(contextId), targetLinkUri: target });
    await classForLaunch(studentView, ines.id);
    expect((await db.classMember.findFirstOrThrow({ where: { classId: made!.id, userId: ines.id } })).role).toBe("INSTRUCTOR");
  });

  it("a deep linking launch carries what the picker needs: where to return, what it accepts, the platform's data", async () => {
    const launch = await launchAs({
      sub: "picker",
      roles: ["Instructor"],
      context: course("course-dl"),
      targetLinkUri: target,
      messageType: "LtiDeepLinkingRequest",
      extra: { [LTI_CLAIM.custom]: { lesson: "local-qwen-vl" }, [LTI_CLAIM.launchPresentation]: { document_target: "iframe" } },
    });
    expect(launch.claims[LTI_CLAIM.messageType]).toBe("LtiDeepLinkingRequest");
    const claims = launch.claims as Extract<LaunchClaims, { [LTI_CLAIM.messageType]: "LtiDeepLinkingRequest" }>;
    expect(claims[LTI_CLAIM.deepLinkingSettings]).toEqual({
      deep_link_return_url: `${platform.url}/deep-link-return`,
      accept_types: ["ltiResourceLink"],
      accept_presentation_document_targets: ["iframe", "window"],
      accept_multiple: false,
      accept_lineitem: true,
      data: "opaque-platform-data:course-dl",
    });
    expect(claims[LTI_CLAIM.custom]).toEqual({ lesson: "local-qwen-vl" });
    expect(claims[LTI_CLAIM.launchPresentation]).toEqual({ document_target: "iframe" });
  });

  it("a launch records the course's services and the link: what it opens and where its grades go", async () => {
    const contextId = `course-${randomUUID().slice(0, 6)}`;
    const quiz = await launchAs({
      sub: `q-${contextId}`,
      roles: ["Learner"],
      context: course(contextId),
      resourceLink: { id: "quiz-link", title: "The quiz" },
      targetLinkUri: "https://lab.example.test/lessons/local-qwen-vl/quiz",
      extra: {
        [LTI_CLAIM.agsEndpoint]: {
          scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
          lineitems: `${platform.url}/contexts/${contextId}/lineitems`,
          lineitem: `${platform.url}/contexts/${contextId}/lineitems/7/lineitem`,
        },
      },
    });
    const user = await accountForLaunch(quiz);
    await classForLaunch(quiz, user.id);
    const recorded = await recordLaunchLink(quiz);
    const context = await db.ltiContext.findUniqueOrThrow({ where: { id: recorded!.contextRowId } });
    expect(context).toMatchObject({
      lineItemsUrl: `${platform.url}/contexts/${contextId}/lineitems`,
      agsScopes: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
      membershipsUrl: `${platform.url}/contexts/${contextId}/memberships`,
    });
    expect(await db.ltiResourceLink.findUniqueOrThrow({ where: { id: recorded!.linkRowId! } })).toMatchObject({
      resourceLinkId: "quiz-link",
      title: "The quiz",
      target: "QUIZ",
      lessonSlug: "local-qwen-vl",
      lineItemUrl: `${platform.url}/contexts/${contextId}/lineitems/7/lineitem`,
    });
    // The same link launched again is the same row; a deep linking launch records no link.
    expect((await recordLaunchLink(quiz))?.linkRowId).toBe(recorded!.linkRowId);
    const picker = await launchAs({
      sub: `t-${contextId}`,
      roles: ["Instructor"],
      context: course(contextId),
      targetLinkUri: target,
      messageType: "LtiDeepLinkingRequest",
    });
    await classForLaunch(picker, (await accountForLaunch(picker)).id);
    expect(await recordLaunchLink(picker)).toEqual({ contextRowId: recorded!.contextRowId, linkRowId: null });
    // No course, nothing to record.
    expect(await recordLaunchLink(await launchAs({ sub: "lonely", roles: ["Learner"], targetLinkUri: target }))).toBeNull();
  });

  it("two first launches of one person at once make one account; a launch without a course makes no class", async () => {
    const sub = `twice-${randomUUID().slice(0, 6)}`;
    const [a, b] = await Promise.all([1, 2].map(() => launchAs({ sub, roles: ["Learner"], targetLinkUri: target })));
    const [first, second] = await Promise.all([accountForLaunch(a!), accountForLaunch(b!)]);
    expect(first.id).toBe(second.id);
    expect(await db.ltiAccount.count({ where: { sub } })).toBe(1);
    expect(await classForLaunch(a!, first.id)).toBeNull();
  });
});
