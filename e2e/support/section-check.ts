import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for one "Check yourself" card in a lesson, found by a phrase of its prompt. */
export class SectionCheck {
  readonly card: Locator;
  readonly feedback: Locator;
  readonly hint: Locator;

  constructor(page: Page, promptPhrase: string) {
    this.card = page.getByRole("region", { name: /^Check yourself/ }).filter({ hasText: promptPhrase });
    this.feedback = this.card.getByTestId("check-feedback");
    this.hint = this.card.locator("p", { hasText: /^Hint:/ });
  }

  async choose(...options: string[]) {
    for (const option of options) await this.card.getByLabel(option, { exact: true }).check();
  }

  async type(value: string) {
    await this.card.getByRole("textbox").fill(value);
  }

  async submit() {
    await this.card.getByRole("button", { name: "Check answer" }).click();
  }

  async tryAgain() {
    await this.card.getByRole("button", { name: "Try again" }).click();
    await expect(this.feedback).toBeHidden();
  }
}

/** A concept's mastery level in words, as the lesson map shows it. */
export function conceptLevel(page: Page, term: string): Locator {
  return page
    .getByRole("navigation", { name: "What this lesson covers" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: term, exact: true }) })
    .getByTestId("concept-mastery");
}
