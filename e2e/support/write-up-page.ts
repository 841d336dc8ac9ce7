import { expect, type Locator, type Page } from "@playwright/test";

export const RATED_MODELS = ["llama3.2:3b", "qwen2.5vl:3b"] as const;
export const PROMPT_KINDS = ["Easy", "Task-specific", "Likely failure"] as const;

/** Page object for the lab's write-up: the "Write-up" region under a run. */
export class WriteUpPage {
  readonly region: Locator;
  readonly saveStatus: Locator;
  readonly state: Locator;
  readonly wordCount: Locator;
  /** What is missing before it can be submitted, each a link to its field (kept up to date as fields are fixed). */
  readonly missing: Locator;
  /** The receipt that takes the Submit button's place once it went through. */
  readonly submitted: Locator;
  readonly cannotKnow: Locator;
  readonly surprisingFailure: Locator;
  readonly whereItHappened: Locator;
  readonly narrowJob: Locator;
  readonly paragraph: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Write-up" });
    this.saveStatus = this.region.getByTestId("save-status");
    this.state = this.region.getByTestId("submission-state");
    this.wordCount = this.region.getByTestId("word-count");
    this.missing = this.region.getByTestId("submit-missing");
    this.submitted = this.region.getByTestId("submitted-confirmation");
    this.cannotKnow = this.region.getByLabel("What the text-only model cannot know");
    this.surprisingFailure = this.region.getByLabel("Surprising failure");
    this.whereItHappened = this.region.getByLabel("Where it happened");
    this.narrowJob = this.region.getByLabel("Narrow job", { exact: true });
    this.paragraph = this.region.getByLabel("Recommendation paragraph");
  }

  /** The 1 to 5 rating of one model on one prompt kind. */
  rating(model: string, kind: string, value: string): Locator {
    return this.region.getByRole("radiogroup", { name: `Rating: ${model}, ${kind}` }).getByRole("radio", { name: value });
  }

  async rate(model: string, kind: string, value: string) {
    await this.rating(model, kind, value).check();
  }

  async rateAll(value: string) {
    for (const model of RATED_MODELS) for (const kind of PROMPT_KINDS) await this.rate(model, kind, value);
  }

  async recommend(choice: string) {
    await this.region.getByRole("radio", { name: choice }).check();
  }

  /** The lab page at its write-up, hydrated (typing before that would be lost). */
  async open(path = "/lessons/local-qwen-vl/lab#write-up") {
    await this.page.goto(path);
    await expect(this.page.locator("#write-up[data-hydrated]")).toBeAttached();
  }

  /** The draft saves itself as you type; this waits until it says so. */
  async expectSaved() {
    await expect(this.saveStatus).toContainText("Saved at");
  }

  async submit() {
    await this.region.getByRole("button", { name: "Submit for review" }).click();
  }

  async useRunShown() {
    await this.region.getByRole("button", { name: "Use the run shown above" }).click();
  }
}
