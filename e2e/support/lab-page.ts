import { expect, type Locator, type Page } from "@playwright/test";

export const LAB = "/lessons/local-qwen-vl/lab";
export type Column = "TEXT" | "VISION" | "OCR";
export type ModelPair = { text: string; vision: string };

/**
 * The pair a spec runs unless it says otherwise. The lab itself starts from the first recommended
 * pair (the instruct tags), which lab-experiment.spec.ts slows down and crashes on the shared
 * double: specs open the lab on this pair so those failures cannot reach them.
 */
export const SMALL_PAIR: ModelPair = { text: "llama3.2:3b", vision: "qwen2.5vl:3b" };

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
  /** "Run of <date>": the open run's heading, focused when a run opens within the page */
  readonly runHeading: Locator;
  /** folds the form away and back while a run is open (aria-expanded) */
  readonly newRunButton: Locator;
  /** the chosen screenshot, right under the drop zone; focused after a pick or an upload */
  readonly preview: Locator;
  readonly sampleGallery: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.picker = page.getByLabel("Screenshot", { exact: true });
    this.textModel = page.getByLabel("Text-only model", { exact: true });
    this.visionModel = page.getByLabel("Vision model", { exact: true });
    this.runButton = page.getByRole("button", { name: "Run comparison" });
    this.cellStatuses = page.getByTestId("cell-status");
    this.earlierRuns = page.getByRole("region", { name: "Your earlier runs" });
    this.runHeading = page.getByRole("heading", { level: 2, name: /^Run of / });
    this.newRunButton = page.getByRole("button", { name: "New run" });
    this.preview = page.getByRole("region", { name: "Your screenshot" });
    this.sampleGallery = page.getByRole("group", { name: "Or pick a sample screenshot" });
  }

  /**
   * The lab, hydrated. Without a run in the address the form is there, set to `pair` (SMALL_PAIR
   * unless given; null keeps the models the page chose); with one, the run opens and the form is folded.
   */
  async open(path = LAB, { pair = SMALL_PAIR }: { pair?: ModelPair | null } = {}) {
    await this.page.goto(path);
    // The workbench marks itself hydrated (the write-up section does the same for its own part).
    await expect(this.page.locator("[data-hydrated]:not(#write-up)")).toBeAttached();
    if (new URL(this.page.url()).searchParams.has("run")) {
      await expect(this.runHeading).toBeVisible();
      return;
    }
    await expect(this.runButton).toBeVisible();
    if (pair) await this.chooseModels(pair);
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
