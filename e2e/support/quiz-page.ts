import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { parse } from "yaml";

type QuizFile = {
  questions: { id: string; kind: string; prompt: string; options: { text: string; correct: boolean; explanation: string }[] }[];
};

/** The quiz as authored: tests read it from the repository, the browser never gets it. */
export const quizFile = parse(readFileSync(path.resolve("content/quizzes/local-qwen-vl.yaml"), "utf8")) as QuizFile;

/** Page object for /lessons/[slug]/quiz. */
export class QuizPage {
  constructor(private readonly page: Page) {}

  async open(slug = "local-qwen-vl") {
    await this.page.goto(`/lessons/${slug}/quiz`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Check what stuck" })).toBeVisible();
  }

  question(number: number) {
    return this.page.getByRole("group", { name: new RegExp(`^Question ${number}\\.`) });
  }

  /** Picks the authored right answer(s) of question `number` (1-based), or a wrong one. */
  async answer(number: number, { right = true } = {}) {
    const q = quizFile.questions[number - 1]!;
    const group = this.question(number);
    const options = q.options.filter((o) => o.correct === right);
    for (const o of q.kind === "single" || !right ? options.slice(0, 1) : options) {
      await group.getByLabel(o.text, { exact: true }).check();
    }
  }

  /** The opaque option ids question `number` offers this viewer, sorted. */
  async optionIds(number: number): Promise<string[]> {
    const inputs = this.question(number).locator("input");
    await expect(inputs.first()).toBeVisible();
    return (await inputs.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).sort();
  }

  results() {
    return this.page.getByTestId("result-question");
  }

  async submit() {
    await this.page.getByRole("button", { name: "Submit quiz" }).click();
    const confirm = this.page.getByRole("region", { name: /unanswered|Ready to submit/ });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: /Submit (anyway|now)/ }).click();
    await expect(this.page.getByRole("heading", { name: /^Score: \d+\/15$/ })).toBeVisible();
  }
}
