import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for an instructor's review: the queue at /instructor/submissions and one submission's page. */
export class ReviewPage {
  readonly rubric: Locator;
  readonly state: Locator;
  readonly feedback: Locator;
  readonly saveStatus: Locator;
  readonly commentBank: Locator;
  /** the first link in the page's main content, to the review panel */
  readonly skipToReview: Locator;
  /** the review panel's own heading, where "Skip to review" lands */
  readonly panelHeading: Locator;
  /** focused after "Claim" */
  readonly claimedStatus: Locator;
  /** "What changed since version N": the word diff of a resubmission */
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.rubric = page.getByRole("complementary", { name: "Review" });
    this.state = page.getByTestId("submission-state");
    this.feedback = this.rubric.getByLabel("Overall feedback");
    this.saveStatus = this.rubric.getByTestId("review-save-status");
    this.commentBank = this.rubric.getByTestId("comment-bank");
    this.skipToReview = page.getByRole("link", { name: "Skip to review" });
    this.panelHeading = this.rubric.getByRole("heading", { name: "Review", exact: true });
    this.claimedStatus = this.rubric.getByText("You have claimed this submission.");
    this.changes = page.getByTestId("version-changes");
  }

  async openQueue() {
    await this.page.goto("/instructor/submissions");
    await expect(this.page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  }

  async open(submissionId: string) {
    await this.page.goto(`/instructor/submissions/${submissionId}`);
    // Hydrated: keys pressed before that would do nothing.
    await expect(this.skipToReview).toHaveAttribute("data-hydrated", "true");
  }

  async claim() {
    await this.page.getByRole("button", { name: "Claim" }).click();
    await expect(this.page.getByRole("button", { name: "Release" })).toBeVisible();
  }

  criterion(name: string): Locator {
    return this.rubric.getByRole("radiogroup", { name });
  }

  /** Every criterion at one level: "first", "last", or the nth (0-based) level. */
  async scoreAll(level: "first" | "last" | number) {
    const groups = this.rubric.getByRole("radiogroup");
    await expect(groups).not.toHaveCount(0);
    for (const group of await groups.all()) {
      const radios = group.getByRole("radio");
      await (level === "first" ? radios.first() : level === "last" ? radios.last() : radios.nth(level)).check();
    }
  }

  async returnForRevision() {
    await this.rubric.getByRole("button", { name: "Return for revision" }).click();
    await expect(this.state).toHaveText("Returned for revision");
  }

  async complete() {
    await this.rubric.getByRole("button", { name: "Complete review" }).click();
    await expect(this.state).toHaveText("Completed");
  }
}
