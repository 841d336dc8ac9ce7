import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { LessonPage } from "./support/lesson-page";
import { expect, test } from "./support/fixtures";

// Layout and wayfinding at a phone's 390 px and a laptop's 1366 px: one-row header with a menu on
// phones, the Lab in the navigation, wide tables that say they scroll, the lesson's contents on
// narrow screens, and no duplicate landmarks.

const widths = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1366, height: 900 },
] as const;

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectNoDuplicateLandmarks(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withRules(["landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main"])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

for (const size of widths) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("a guest's header is one row; on a phone the menu holds the navigation and the account links", async ({ page }) => {
      await page.goto("/");
      const banner = page.getByRole("banner");
      const menu = banner.getByRole("button", { name: "Menu" });
      const signIn = banner.getByRole("link", { name: "Sign in" });
      if (size.name === "phone") {
        const box = (await banner.boundingBox())!;
        expect(box.height).toBeLessThan(80);
        await expect(signIn).toBeHidden();
        await expect(menu).toHaveAttribute("aria-expanded", "false");
        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        await expect(signIn).toBeVisible();
        await expect(banner.getByRole("link", { name: "Create account" })).toBeVisible();
        await expect(banner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lessons" })).toBeVisible();
        await expectAccessible(page);
        await page.keyboard.press("Escape");
        await expect(menu).toHaveAttribute("aria-expanded", "false");
        await expect(menu).toBeFocused();
        await expect(signIn).toBeHidden();
      } else {
        await expect(menu).toBeHidden();
        await expect(signIn).toBeVisible();
      }
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await expectNoDuplicateLandmarks(page);
    });

    test("signed in, the Lab is in the navigation and the home page says where the lab stands", async ({ studentPage: page, student }) => {
      await page.goto("/");
      await expect(page.getByRole("banner")).toContainText(`Signed in as ${student.name}`);
      const lab = page.getByRole("region", { name: "Your lab" });
      await expect(lab.getByTestId("lab-run-state")).toHaveText("No run yet");
      await expect(lab.getByTestId("lab-write-up-state")).toHaveText("Write-up: not started");
      await expect(lab.getByRole("link", { name: "Open the lab" })).toBeVisible();

      if (size.name === "phone") await page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
      const nav = page.getByRole("navigation", { name: "Main" });
      await nav.getByRole("link", { name: "Lab", exact: true }).click();
      await expect(page).toHaveURL("/lessons/local-qwen-vl/lab");
      if (size.name === "phone") {
        // Following a link closes the menu.
        await expect(page.getByRole("banner").getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
        await page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
      }
      await expect(nav.getByRole("link", { name: "Lab", exact: true })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Lessons" })).not.toHaveAttribute("aria-current", "page");
      expect(await sideways(page)).toBeLessThanOrEqual(0);
    });

    test("the lesson's wide tables say they scroll and keep their first column; the page never scrolls sideways", async ({ page }) => {
      await page.goto("/lessons/local-qwen-vl");
      const table = page.getByRole("region", { name: /^Table: Screenshot, / });
      await table.scrollIntoViewIfNeeded();
      if (size.name === "phone") {
        const cue = table.locator("xpath=..").getByTestId("scroll-cue");
        await expect(cue).toHaveText("Scroll sideways for more columns");
        await expect(table).toHaveAttribute("tabindex", "0");
        const first = table.getByRole("cell").first();
        const before = (await first.boundingBox())!.x;
        await table.evaluate((el) => (el.scrollLeft = el.scrollWidth));
        await expect(cue).toHaveText("Scroll back for the first columns");
        expect((await first.boundingBox())!.x).toBeCloseTo(before, 0);
      }
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await expectNoDuplicateLandmarks(page);
    });

    test("the lesson's contents: a bar on a phone that marks the section being read, the side list on a laptop", async ({ page }) => {
      // Opened until hydrated: a contents link clicked before that loses its mark to the router.
      await new LessonPage(page).open("local-qwen-vl");
      const phoneContents = page.getByRole("navigation", { name: "Lesson contents" });
      const sideContents = page.getByRole("navigation", { name: "On this page" });
      const target = "OCR versus a VLM";
      if (size.name === "phone") {
        await expect(sideContents).toBeHidden();
        await phoneContents.getByText("Contents", { exact: true }).click();
        await phoneContents.getByRole("link", { name: target }).click();
        await expect(page).toHaveURL(/#ocr-versus-a-vlm$/);
        await expect(phoneContents.getByRole("link", { name: target })).toBeHidden(); // picking closes the list
        await expect(phoneContents.getByTestId("contents-current")).toHaveText(`· ${target}`);
        await expect(phoneContents).toBeInViewport();
        await expect(page.getByRole("heading", { level: 2, name: target })).toBeInViewport();
        await phoneContents.getByText("Contents", { exact: true }).click();
        await expect(phoneContents.getByRole("link", { name: target })).toHaveAttribute("aria-current", "location");
      } else {
        await expect(phoneContents).toBeHidden();
        await sideContents.getByRole("link", { name: target }).click();
        await expect(sideContents.getByRole("link", { name: target })).toHaveAttribute("aria-current", "location");
      }
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    });
  });
}

test("students see no host address or environment variables on the models page", async ({ studentPage: page, student }) => {
  await page.goto("/settings/models");
  await expect(page.getByRole("banner")).toContainText(`Signed in as ${student.name}`);
  await expect(page.getByRole("region", { name: "Ollama host" }).getByTestId("ollama-status")).toBeVisible();
  await expect(page.getByText("Address", { exact: true })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("OLLAMA_HOST");
  await expect(page.locator("main")).not.toContainText("127.0.0.1");
  await expectNoDuplicateLandmarks(page);
});

test("lessons cite sources a reader can open, not the project's own files or what our notes lack", async ({ page }) => {
  for (const slug of ["local-qwen-vl", "vision-model-selection", "vision-cost-comparison", "multimodal-model-families"]) {
    await page.goto(`/lessons/${slug}`);
    const main = page.locator("main");
    await expect(main).not.toContainText("OLLAMA.md");
    await expect(main).not.toContainText("not in our source");
    await expect(main).not.toContainText("OLLAMA_HOST");
  }
});
