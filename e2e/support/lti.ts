import type { Page } from "@playwright/test";

// The LTI platform double (test/lti-platform-double) as the specs drive it: a course site on
// "localhost", another site than the app on 127.0.0.1, reached for control on 127.0.0.1.

const control = () => {
  const url = process.env.E2E_LTI_URL;
  if (!url) throw new Error("E2E_LTI_URL is not set: playwright.config.ts starts the LTI platform double");
  return url;
};

export type PlatformInfo = { issuer: string; clientId: string; deploymentId: string; authUrl: string; tokenUrl: string; jwksUrl: string };

export type PlannedLaunch = {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  context?: { id: string; title?: string };
  resourceLink?: { id: string; title?: string };
  targetLinkUri: string;
  extra?: Record<string, unknown>;
  tamper?: "expired" | "other-key" | "wrong-aud";
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  /** the client ID of the test's own registration */
  clientId?: string;
};

async function call<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${control()}${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`LTI double ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const ltiPlatform = {
  info: () => call<PlatformInfo>("/__test/info"),
  /** Tells the platform where the tool is (what an LMS administrator types in). */
  registerTool: (baseURL: string) =>
    call("/__test/tool", {
      loginUrl: `${baseURL}/api/lti/login`,
      redirectUris: [`${baseURL}/api/lti/launch`],
      jwksUrl: `${baseURL}/api/lti/jwks`,
    }),
  /** The course page to open for this launch (it sends the browser on to the tool's login). */
  plan: async (launch: PlannedLaunch) => (await call<{ coursePage: string }>("/__test/plan", launch)).coursePage,
  replayUrl: () => `${control()}/__test/replay`.replace("127.0.0.1", "localhost"),
  /** links added to courses by deep linking, with their line items */
  links: async () =>
    (
      await call<{
        links: {
          id: string;
          contextId: string;
          url: string;
          title?: string;
          custom?: Record<string, string>;
          lineItem?: { url: string; scoreMaximum: number };
        }[];
      }>("/__test/recorded")
    ).links,
  lastPost: async () => (await call<{ lastPost: { idToken: string; state: string } | null }>("/__test/recorded")).lastPost,
};

/** Opens the activity from the course site, as a person clicking it in the LMS. */
export async function launchFrom(page: Page, launch: PlannedLaunch): Promise<void> {
  await page.goto(await ltiPlatform.plan(launch));
}
