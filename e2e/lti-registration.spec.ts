import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { shoot } from "./support/screenshots";
import { expect, test } from "./support/fixtures";

// Course sites (LTI 1.3), /instructor/lms: the four values an LMS administrator copies into the LMS,
// and the registration of an LMS with what it shows back. The e2e server sets LTI_ALLOW_HTTP
// (playwright.config.ts), so a platform on plain http is taken here; the page says it is not https.
// Who may register (not an account a launch made) is in lib/lti/platforms.db.test.ts.

const TOOL_VALUES = [
  ["Login initiation URL", "/api/lti/login"],
  ["Redirect URL", "/api/lti/launch"],
  ["JWKS URL", "/api/lti/jwks"],
  ["Deep linking URL", "/lti/deep-link"],
] as const;

/** Fills the registration form as an LMS would tell an administrator to. */
async function fillPlatform(page: Page, platform: { name: string; issuer: string; clientId: string; deploymentIds: string }) {
  await page.getByLabel("Platform name").fill(platform.name);
  await page.getByLabel("Issuer").fill(platform.issuer);
  await page.getByLabel("Client ID").fill(platform.clientId);
  await page.getByLabel("Deployment IDs").fill(platform.deploymentIds);
  await page.getByLabel("Authentication request URL").fill(`${platform.issuer}/mod/lti/auth.php`);
  await page.getByLabel("Access token URL").fill(`${platform.issuer}/mod/lti/token.php`);
  await page.getByLabel("Platform keyset URL").fill(`${platform.issuer}/mod/lti/certs.php`);
}

test("an instructor copies the tool's values and registers, lists, refuses again and removes a platform", async ({
  instructorPage: teacher,
  instructor,
}) => {
  await teacher.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await teacher.goto("/instructor");
  await teacher.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "Course sites" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: "Course sites (LTI 1.3)" })).toBeVisible();

  // The tool's values, on the origin the page was opened on, each with its copy button.
  const origin = new URL(teacher.url()).origin;
  const values = teacher.getByRole("region", { name: "This tool's values" });
  for (const [label, path] of TOOL_VALUES) {
    await expect(values.getByLabel(label, { exact: true })).toHaveValue(`${origin}${path}`);
    await expect(values.getByLabel(label, { exact: true })).toHaveAttribute("readonly", "");
    await expect(values.getByRole("button", { name: `Copy ${label}` })).toBeVisible();
  }
  await expect(values.getByLabel("Login initiation URL")).toHaveAccessibleDescription(/Initiate login URL.*OpenID Connect Initiation Url/);
  await values.getByRole("button", { name: "Copy JWKS URL" }).click();
  await expect.poll(() => teacher.evaluate(() => navigator.clipboard.readText())).toBe(`${origin}/api/lti/jwks`);
  // The e2e server is plain http: the page says so in words.
  await expect(values).toContainText("This page was opened over plain http");
  await expectAccessible(teacher);

  // A form sent half-filled: every missing field says what the LMS calls it, and what was typed stays.
  const name = `E2E Moodle ${randomUUID().slice(0, 8)}`;
  await teacher.getByLabel("Platform name").fill(name);
  await teacher.getByLabel("Issuer").fill("moodle.school.example");
  await teacher.getByRole("button", { name: "Register platform" }).click();
  await expect(teacher.getByLabel("Issuer")).toHaveAccessibleDescription(/Paste the whole address, starting with https:\/\//);
  await expect(teacher.getByLabel("Client ID")).toHaveAccessibleDescription(/Enter the client ID your LMS gave this tool/);
  await expect(teacher.getByLabel("Deployment IDs")).toHaveAccessibleDescription(/Enter at least one deployment ID/);
  await expect(teacher.getByLabel("Authentication request URL")).toHaveAccessibleDescription(/Enter the authentication request URL/);
  await expect(teacher.getByLabel("Access token URL")).toHaveAccessibleDescription(/Enter the access token URL/);
  await expect(teacher.getByLabel("Platform keyset URL")).toHaveAccessibleDescription(/Enter the platform's keyset URL/);
  await expect(teacher.getByLabel("Platform name"), "a typed name stays").toHaveValue(name);
  await expect(teacher.getByLabel("Issuer"), "a refused issuer stays to be corrected").toHaveValue("moodle.school.example");
  await expectAccessible(teacher, { include: "form" });

  // Registered: in the list with what was given, by whom; the form is empty again.
  const issuer = `http://moodle-${randomUUID().slice(0, 8)}.example.test`;
  const platform = { name, issuer, clientId: "e2e-client", deploymentIds: "1, 2\n2" };
  await fillPlatform(teacher, platform);
  await teacher.getByRole("button", { name: "Register platform" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: `Registered “${name}”` })).toBeVisible();
  const card = teacher.getByTestId("platform").filter({ has: teacher.getByRole("heading", { name }) });
  await expect(card).toContainText(issuer);
  await expect(card).toContainText("e2e-client");
  await expect(card).toContainText("1, 2");
  await expect(card).toContainText(`by ${instructor.name} (you)`);
  await expect(teacher.getByLabel("Platform name"), "a registered platform's values leave the form").toHaveValue("");

  // The same issuer and client ID again: refused on Client ID, with everything typed kept.
  await fillPlatform(teacher, { ...platform, name: `${name} again` });
  await teacher.getByRole("button", { name: "Register platform" }).click();
  await expect(teacher.getByLabel("Client ID")).toHaveAccessibleDescription(
    /A platform with this issuer and client ID is registered already/,
  );
  await expect(teacher.getByLabel("Client ID")).toHaveValue("e2e-client");
  await expect(teacher.getByLabel("Platform name")).toHaveValue(`${name} again`);
  await expect(teacher.getByTestId("platform").filter({ has: teacher.getByRole("heading", { name: `${name} again` }) })).toHaveCount(0);
  await expectAccessible(teacher);
  await shoot(teacher, "lti-course-sites");

  // Removing asks first, in the page, and says what stops and what stays; Cancel keeps it.
  await card.getByRole("button", { name: `Remove ${name}` }).click();
  const question = card.getByRole("group", { name: `Remove “${name}”?` });
  await expect(question).toContainText("Launches from it stop working");
  await expect(question).toContainText("accounts and classes its launches made stay");
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: `Remove ${name}` }).click();
  await card.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(card).toHaveCount(0);
  await expect(teacher.getByRole("heading", { name: "Registered platforms" })).toBeFocused();
});

test("a student cannot open Course sites or register a platform", async ({ studentPage: page }) => {
  const response = await page.goto("/instructor/lms");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Instructors only");
  await expect(page.getByRole("button", { name: "Register platform" })).toHaveCount(0);
  await expect(page.getByLabel("Login initiation URL")).toHaveCount(0);
});
