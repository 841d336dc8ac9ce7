import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { handleLaunch, handleLogin, stateCookieName } from "@/lib/lti/server/launch-flow";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";

// The two launch routes as the browser meets them: the login initiation's redirect and cookie, the
// launch's session cookie and landing, and where each refusal sends the browser. (The checks
// themselves are lib/lti/launch.db.test.ts's; the browser's side is e2e/lti.spec.ts.)

vi.mock("@/lib/auth/server/session", () => ({ getCurrentUser: async () => null }));

const SITE = "https://lab.example.test";
let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`${SITE}${path}`, {
    method: "POST",
    headers: { host: "lab.example.test", "x-forwarded-proto": "https", "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const landing = (response: Response) => new URL(response.headers.get("location") ?? "", SITE);
const cookieLines = (response: Response) => response.headers.getSetCookie();

async function login(target = `${SITE}/lessons/local-qwen-vl/quiz`, headers: Record<string, string> = {}) {
  const params = world.platform.plan({
    sub: `s-${Math.random()}`,
    name: "Lu",
    roles: ["Learner"],
    context: { id: "c-flow" },
    targetLinkUri: target,
  });
  return handleLogin(post("/api/lti/login", params, headers));
}

describe("the login initiation route", () => {
  it("sends the browser to the platform with a state cookie that comes back on its cross-site post", async () => {
    const response = await login();
    expect(response.status).toBe(302);
    const to = landing(response);
    expect(to.origin + to.pathname).toBe(world.platform.authUrl);
    const state = to.searchParams.get("state")!;
    expect(to.searchParams.get("redirect_uri")).toBe(`${SITE}/api/lti/launch`);
    const [cookie] = cookieLines(response);
    expect(cookie).toContain(`${stateCookieName(state)}=${state}`);
    expect(cookie).toMatch(/Path=\/api\/lti\/launch/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=none/i);
    expect(cookie).not.toMatch(/Partitioned/i);
    // Inside a course page's frame, partitioned.
    expect(cookieLines(await login(undefined, { "sec-fetch-dest": "iframe" }))[0]).toMatch(/Partitioned/i);
  });

  it("refuses an activity on another site, an unknown course site, a half request and a spent relaunch, each on the failure page", async () => {
    expect(landing(await login("https://elsewhere.example.test/lessons/local-qwen-vl")).search).toBe("?reason=target-elsewhere");
    const unknown = post("/api/lti/login", { iss: "https://nobody.example.test", login_hint: "x", target_link_uri: `${SITE}/` });
    expect(landing(await handleLogin(unknown)).search).toBe("?reason=platform");
    expect(landing(await handleLogin(post("/api/lti/login", { iss: world.platform.issuer }))).search).toBe("?reason=request");
    const relaunch = new NextRequest(`${SITE}/api/lti/login?relaunch=${"x".repeat(43)}`, { headers: { host: "lab.example.test" } });
    expect(landing(await handleLogin(relaunch)).search).toBe("?reason=relaunch-gone");
  });
});

describe("the launch route", () => {
  async function platformPost(): Promise<{ fields: Record<string, string>; state: string }> {
    const to = landing(await login());
    const html = await (await fetch(to)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
    return { fields: { id_token: field("id_token"), state: field("state") }, state: field("state") };
  }

  it("signs the person in with Auth.js's own cookie, lands on the activity, and clears the state cookie", async () => {
    const { fields, state } = await platformPost();
    const response = await handleLaunch(post("/api/lti/launch", fields, { cookie: `${stateCookieName(state)}=${state}` }));
    expect(response.status).toBe(303);
    expect(landing(response).pathname).toBe("/lessons/local-qwen-vl/quiz");
    const cookies = cookieLines(response);
    const session = cookies.find((c) => c.startsWith("__Secure-authjs.session-token="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=lax/i);
    expect(session).toMatch(/Max-Age=43200/);
    expect(cookies.find((c) => c.startsWith(`${stateCookieName(state)}=;`))).toMatch(/Max-Age=0/);
    expect(await db.authSession.count({ where: { user: { ltiAccounts: { some: {} } } } })).toBeGreaterThan(0);
  });

  it("without the login's cookie offers the new window; a garbled post is a half request", async () => {
    const { fields, state } = await platformPost();
    expect(landing(await handleLaunch(post("/api/lti/launch", fields))).search).toBe(`?reason=no-cookie&relaunch=${state}`);
    expect(landing(await handleLaunch(post("/api/lti/launch", { id_token: "x" }))).search).toBe("?reason=request");
  });
});
