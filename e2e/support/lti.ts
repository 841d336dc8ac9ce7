import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import type { PlannedLaunch } from "@/test/lti-platform-double/server";

export type { PlannedLaunch };

// The LTI platform double (test/lti-platform-double) as the specs drive it: a course site on
// "localhost", another site than the app on 127.0.0.1, reached for control on 127.0.0.1.

const control = () => {
  const url = process.env.E2E_LTI_URL;
  if (!url) throw new Error("E2E_LTI_URL is not set: playwright.config.ts starts the LTI platform double");
  return url;
};

export type PlatformInfo = { issuer: string; clientId: string; deploymentId: string; authUrl: string; tokenUrl: string; jwksUrl: string };

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

/** Registers the double under a client ID of the test's own, as an instructor does on Course sites. */
export async function registerCourseSite(page: Page, baseURL: string): Promise<string> {
  const info = await ltiPlatform.info();
  await ltiPlatform.registerTool(baseURL);
  const clientId = `tool-${randomUUID().slice(0, 8)}`;
  await page.goto("/instructor/lms");
  await page.getByLabel("Platform name").fill(`Moodle ${clientId}`);
  await page.getByLabel("Issuer", { exact: true }).fill(info.issuer);
  await page.getByLabel("Client ID", { exact: true }).fill(clientId);
  await page.getByLabel("Deployment IDs").fill(info.deploymentId);
  await page.getByLabel("Authentication request URL").fill(info.authUrl);
  await page.getByLabel("Access token URL").fill(info.tokenUrl);
  await page.getByLabel("Platform keyset URL").fill(info.jwksUrl);
  await page.getByRole("button", { name: "Register platform" }).click();
  await expect(page.getByText(`Moodle ${clientId}`).first()).toBeVisible();
  return clientId;
}

/** A page in a browser context of its own: a person who has not signed in here (closed with the test). */
export async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}
