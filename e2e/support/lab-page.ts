import { expect, type Locator, type Page } from "@playwright/test";

export const LAB = "/lessons/local-qwen-vl/lab";
export type Column = "TEXT" | "VISION" | "OCR";

/** Page object for the lab, /lessons/[slug]/lab: the form, a run's cells, the earlier runs. */
export class LabPage {
  readonly heading: Locator;
  readonly picker: Locator;
  readonly textModel: Locator;
  readonly visionModel: Locator;
  readonly runButton: Locator;
  /** Every cell's status ("Running…", "Done", "Failed"). */
  readonly cellStatuses: Locator;
  readonly earlierRuns: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.picker = page.getByLabel("Screenshot", { exact: true });
    this.textModel = page.getByLabel("Text-only model", { exact: true });
    this.visionModel = page.getByLabel("Vision model", { exact: true });
    this.runButton = page.getByRole("button", { name: "Run comparison" });
    this.cellStatuses = page.getByTestId("cell-status");
    this.earlierRuns = page.getByRole("region", { name: "Your earlier runs" });
  }

  async open(path = LAB) {
    await this.page.goto(path);
    await expect(this.runButton).toBeVisible();
  }

  /** A sample screenshot, once the server has taken it (normalised, metadata removed). */
  async pickSample(name: string | RegExp) {
    await this.page.getByRole("button", { name }).first().click();
    await expect(this.page.getByText(/metadata removed/)).toBeVisible();
  }

  /** Picks the models; "" leaves a column out. */
  async chooseModels({ text, vision }: { text?: string; vision?: string }) {
    if (text !== undefined) await this.textModel.selectOption(text);
    if (vision !== undefined) await this.visionModel.selectOption(vision);
  }

  /** Starts the run and waits for its address (?run=<id>). */
  async run(): Promise<string> {
    await this.runButton.click();
    await expect(this.page).toHaveURL(/\?run=/);
    return this.runId();
  }

  runId(): string {
    return new URL(this.page.url()).searchParams.get("run")!;
  }

  cell(column: Column, kind: "easy" | "task" | "failure" | "ocr"): Locator {
    return this.page.getByTestId(`cell-${column}-${kind}`);
  }

  cellsWithStatus(status: "Done" | "Failed" | "No answer"): Locator {
    return this.cellStatuses.filter({ hasText: status });
  }

  /** Every one of `cells` cells done. Slowed models answer one cell at a time per model, so it can take a while. */
  async waitForAllDone(cells = 7, timeout = 60_000) {
    await expect(this.cellStatuses).toHaveCount(cells, { timeout: 20_000 });
    await expect(this.cellsWithStatus("Done")).toHaveCount(cells, { timeout });
  }

  /** The newest of the earlier runs, reopened from the list. */
  async openLatestRun() {
    await this.open();
    await this.earlierRuns.getByRole("link").first().click();
    await expect(this.page).toHaveURL(/\?run=/);
  }
}
