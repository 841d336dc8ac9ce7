import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for /lessons/[slug]. */
/** The flagship lesson's sections on its path, in page order (its `path:` frontmatter). */
export const FLAGSHIP_SECTIONS = [
  "Why Qwen-VL matters locally",
  "What Qwen-VL is",
  "How a vision-language model sees",
  "OCR versus a VLM",
  "Matching a model to hardware, task, licence and risk",
  "Compare the options",
  "Build the small version",
  "The design sketch",
];

export class LessonPage {
  readonly map: Locator;
  /** The learning path's steps, in order. */
  readonly pathSteps: Locator;
  /** The lab card on the map (its twin closes "Build the small version"). */
  readonly mapLabCard: Locator;
  readonly bodyLabCard: Locator;

  constructor(private readonly page: Page) {
    this.map = page.getByRole("navigation", { name: "What this lesson covers" });
    this.pathSteps = this.map.getByRole("region", { name: "Learning path" }).getByRole("listitem");
    this.mapLabCard = this.map.getByTestId("lab-card");
    this.bodyLabCard = page.locator(".lesson-prose").getByTestId("lab-card");
  }

  async open(slug: string) {
    await this.page.goto(`/lessons/${slug}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    // The map's step toggles are enabled once the page has hydrated. Before that a click can be
    // lost: the router taking over the address puts back the one the server rendered.
    const toggle = this.pathSteps.getByRole("button").first();
    if (await toggle.count()) await expect(toggle).toBeEnabled();
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

  /** The state an activity step (lab, write-up, quiz) shows in words. */
  stepStatus(id: "lab" | "write-up" | "quiz"): Locator {
    return this.map.getByTestId(`step-status-${id}`);
  }

  async expectDone(title: string, done = true) {
    await expect(this.stepToggle(title)).toHaveAttribute("aria-pressed", String(done));
  }
}
