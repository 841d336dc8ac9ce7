import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for /lessons/[slug]. */
export class LessonPage {
  readonly map: Locator;

  constructor(private readonly page: Page) {
    this.map = page.getByRole("navigation", { name: "What this lesson covers" });
  }

  async open(slug: string) {
    await this.page.goto(`/lessons/${slug}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** The map's toggle for a learning-path step (the section heading has a twin). */
  stepToggle(title: string): Locator {
    return this.map.getByRole("button", { name: `: ${title}` });
  }

  async markDone(title: string) {
    const toggle = this.stepToggle(title);
    await expect(toggle).toBeEnabled();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
  }

  async expectDone(title: string, done = true) {
    await expect(this.stepToggle(title)).toHaveAttribute("aria-pressed", String(done));
  }
}
