import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { AuthPages, newAccount } from "./support/auth-pages";

const instructor = { name: "Ines Instructor", email: "instructor@example.test", password: "instructor-pass-123" };

async function signInAsInstructor(page: Page) {
  const auth = new AuthPages(page);
  await auth.signUp(instructor);
  if (
    !(await page
      .getByRole("banner")
      .getByText("Signed in as")
      .isVisible()
      .catch(() => false))
  ) {
    await auth.signIn(instructor);
  }
  await auth.expectSignedInAs(instructor.name);
}

test.describe("model settings", () => {
  test.describe.configure({ mode: "serial" });

  test("an instructor sees the host, the models and the pairs, and pulls a model to completion", async ({ page }) => {
    await signInAsInstructor(page);
    await page.getByRole("banner").getByRole("link", { name: "Models" }).click();
    await expect(page).toHaveURL("/settings/models");
    await expect(page.getByRole("region", { name: "Ollama host" }).getByTestId("ollama-status")).toHaveText("Reachable");
    await expect(page.getByText("0.32.15")).toBeVisible();

    const installed = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Capabilities" }) });
    const vl = installed.getByRole("row", { name: /qwen2\.5vl:3b/ });
    await expect(vl).toContainText("Vision");
    await expect(vl).toContainText("Q4_K_M");
    await expect(vl).toContainText("128K");
    await expect(vl).toContainText("Non-commercial");
    await expect(installed.getByRole("row", { name: /llama3\.2:3b/ })).toContainText("Text only");
    const pair = page.getByTestId("pair").filter({ hasText: "qwen3:4b-instruct + qwen3-vl:4b-instruct" });
    await expect(installed.getByRole("row", { name: /qwen3-vl:4b / })).toContainText("Thinking variant");
    await expect(pair.getByText("installed", { exact: true })).toHaveCount(2);
    await expectAccessible(page);

    await page.getByLabel("Model tag").fill("qwen3-vl:2b");
    await page.getByRole("button", { name: "Pull", exact: true }).click();
    const bar = page.getByRole("progressbar", { name: "Pulling qwen3-vl:2b" });
    await expect(bar).toBeVisible();
    await expect(page.getByText("qwen3-vl:2b is installed.")).toBeVisible({ timeout: 20_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(installed.getByRole("row", { name: /qwen3-vl:2b/ })).toBeVisible();

    await page.getByLabel("Model tag").fill("no-such-model:1b");
    await page.getByRole("button", { name: "Pull", exact: true }).click();
    await expect(page.getByText(/There is no model "no-such-model:1b"/)).toBeVisible();
  });

  test("a student can read the page but not pull", async ({ page, request, baseURL }) => {
    const account = newAccount();
    await new AuthPages(page).signUp(account);
    await new AuthPages(page).expectSignedInAs(account.name);
    await page.goto("/settings/models");
    await expect(page.getByRole("region", { name: "Ollama host" }).getByTestId("ollama-status")).toHaveText("Reachable");
    await expect(page.getByText("Only instructors can pull models")).toBeVisible();
    await expect(page.getByLabel("Model tag")).toHaveCount(0);
    const refused = await page.request.post("/api/models/pull", { headers: { Origin: baseURL! }, data: { model: "gemma3:1b" } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe("FORBIDDEN");
    const guest = await request.post("/api/models/pull", { headers: { Origin: baseURL! }, data: { model: "gemma3:1b" } });
    expect(guest.status()).toBe(401);
    await expectAccessible(page);
  });
});
