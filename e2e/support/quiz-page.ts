import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { parse } from "yaml";
import { isRightGeneratedOption } from "./generated-keys";

type Variant = { id: string; kind?: string; prompt: string; options: { text: string; correct: boolean; explanation: string }[] };
type QuizFile = {
  questions: (Variant & { kind: string; generator?: string; alternatives?: Variant[] })[];
};

/** The quiz as authored: tests read it from the repository, the browser never gets it. */
export const quizFile = parse(readFileSync(path.resolve("content/quizzes/local-qwen-vl.yaml"), "utf8")) as QuizFile;

/** Page object for /lessons/[slug]/quiz. */
export class QuizPage {
  constructor(private readonly page: Page) {}

  async open(slug = "local-qwen-vl") {
    await this.page.goto(`/lessons/${slug}/quiz`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Check what stuck" })).toBeVisible();
    // The page is the same for everyone; the reader's questions, results and attempts load after it.
    await expect(this.page.getByTestId("quiz-loading")).toHaveCount(0);
  }

  question(number: number) {
    return this.page.getByRole("group", { name: new RegExp(`^Question ${number}\\.`) });
  }

  /**
   * Picks the right answer(s) of question `number` (1-based) as this attempt shows it, or a wrong
   * one: a variant's key from the quiz file (matched by its prompt), a generated item's worked out
   * from its numbers. `count` limits how many right options of a multiple-select item are picked.
   */
  async answer(number: number, { right = true, count }: { right?: boolean; count?: number } = {}) {
    const group = this.question(number);
    for (const text of await this.choices(number, { right, count })) await group.getByLabel(text, { exact: true }).check();
  }

  /** The option texts `answer` would pick on question `number` as this attempt shows it. */
  async choices(number: number, { right = true, count }: { right?: boolean; count?: number } = {}): Promise<string[]> {
    const slot = quizFile.questions[number - 1]!;
    const group = this.question(number);
    const legend = (await group.locator("legend").innerText()).replace(/^Question \d+\.\s*/, "").trim();
    const variant = [slot, ...(slot.alternatives ?? [])].find((v) => v.prompt === legend);
    const kind = variant?.kind ?? slot.kind;
    let options: { text: string; correct: boolean }[];
    if (variant) options = variant.options;
    else if (slot.generator) {
      const texts = await group.locator("label").allInnerTexts();
      options = texts.map((text) => ({ text: text.trim(), correct: isRightGeneratedOption(slot.generator!, legend, text.trim()) }));
    } else throw new Error(`question ${number} shows a prompt the quiz file does not have: ${legend}`);
    const chosen = options.filter((o) => o.correct === right);
    return (kind === "single" || !right ? chosen.slice(0, 1) : chosen.slice(0, count)).map((o) => o.text);
  }

  /** The opaque option ids question `number` offers this viewer, sorted. */
  async optionIds(number: number): Promise<string[]> {
    const inputs = this.question(number).locator("input");
    await expect(inputs.first()).toBeVisible();
    return (await inputs.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).sort();
  }

  /** Every question's stem as this attempt shows it, in order. */
  async prompts(): Promise<string[]> {
    const legends = await this.page
      .getByRole("group", { name: /^Question \d+\./ })
      .locator("legend")
      .allInnerTexts();
    return legends.map((text) => text.replace(/^Question \d+\.\s*/, "").trim());
  }

  /** The sticky bar: the running count and the "Questions" navigator. */
  progress() {
    return this.page.getByTestId("quiz-progress");
  }

  /** Opens the navigator and follows the link to question `number`. */
  async jumpTo(number: number) {
    await this.progress().getByRole("button", { name: "Questions" }).click();
    await this.progress()
      .getByRole("link", { name: new RegExp(`^Question ${number}, `) })
      .click();
  }

  /** Coming back after an attempt: the last result comes first; this starts the next attempt. */
  async startNewAttempt() {
    await this.page.getByRole("button", { name: "Start a new attempt" }).click();
    await expect(this.page.getByRole("heading", { name: /^Attempt \d+$/ })).toBeFocused();
  }

  results() {
    return this.page.getByTestId("result-question");
  }

  async submit() {
    await this.page.getByRole("button", { name: "Submit quiz" }).click();
    const confirm = this.page.getByRole("region", { name: /unanswered|Ready to submit/ });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: /Submit (anyway|now)/ }).click();
    await expect(this.page.getByRole("heading", { name: /^Score: [\d½¼¾⅓⅔.]+\/15$/ })).toBeVisible();
  }
}
